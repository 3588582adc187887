package com.medcontracthub.codecs;

import java.util.List;
import java.util.Locale;

/**
 * Configuration keys, as dotted paths into the YAML of {@code conf/<profile>.yaml}.
 * Each key can be overridden by an environment variable derived from its path
 * ({@code kafka.bootstrap} is {@code MCH_KAFKA_BOOTSTRAP}); only the keys listed here are overridable,
 * so the mapping from variable to key is never ambiguous.
 */
public final class ConfigKeys {

  public static final String PROFILE = "profile";
  public static final String SERVICES = "services";
  public static final String DATA_DIR = "data.dir";
  public static final String LOG_FORMAT = "log.format";

  public static final String GATEWAY_HOST = "gateway.host";
  public static final String GATEWAY_PORT = "gateway.port";
  public static final String GATEWAY_HTTPS_PORT = "gateway.https-port";
  public static final String GATEWAY_MAX_BODY_BYTES = "gateway.max-body-bytes";
  public static final String GATEWAY_DECLARATIVE_FILE = "gateway.declarative-file";
  public static final String GATEWAY_API_FILE = "gateway.api-file";
  public static final String GATEWAY_INSTANCES = "gateway.instances";

  public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
  public static final String KAFKA_TIMEOUT_MS = "kafka.timeout-ms";
  public static final String POSTGRES_URI = "postgres.uri";
  public static final String POSTGRES_POOL_SIZE = "postgres.pool-size";
  public static final String POSTGRES_STATEMENT_TIMEOUT_MS = "postgres.statement-timeout-ms";
  public static final String POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS = "postgres.idle-in-transaction-timeout-ms";
  public static final String REDIS_URI = "redis.uri";
  public static final String MANAGEMENT_HOST = "management.host";
  public static final String MANAGEMENT_PORT = "management.port";
  public static final String HEALTH_TIMEOUT_MS = "health.timeout-ms";
  public static final String HEALTH_STARTUP_WAIT_MS = "health.startup-wait-ms";

  public static final String CLUSTER_HOST = "cluster.host";
  public static final String CLUSTER_PORT = "cluster.port";
  public static final String CLUSTER_PUBLIC_HOST = "cluster.public-host";
  public static final String CLUSTER_BUS_PORT = "cluster.bus-port";
  public static final String CLUSTER_MEMBERS = "cluster.members";
  public static final String CLUSTER_KUBERNETES = "cluster.kubernetes";
  public static final String CLUSTER_KUBERNETES_SERVICE = "cluster.kubernetes-service";

  public static final String EMBEDDED_HOST = "embedded.host";
  public static final String EMBEDDED_KAFKA_PORT = "embedded.kafka-port";
  public static final String EMBEDDED_KAFKA_CONTROLLER_PORT = "embedded.kafka-controller-port";
  public static final String EMBEDDED_POSTGRES_PORT = "embedded.postgres-port";
  public static final String EMBEDDED_REDIS_PORT = "embedded.redis-port";
  public static final String EMBEDDED_PICK_FREE_PORTS = "embedded.pick-free-ports";

  public static final String AUTH_KEY_DIR = "auth.key-dir";
  public static final String AUTH_GENERATE_KEYS = "auth.generate-keys";
  public static final String AUTH_TOKEN_TTL_SECONDS = "auth.token-ttl-seconds";
  public static final String AUTH_MAX_FAILED_LOGINS = "auth.max-failed-logins";
  public static final String AUTH_KEY_CHECK_MS = "auth.key-check-ms";

  public static final String BLOBS_DIR = "blobs.dir";
  public static final String IMPORT_MAX_BYTES = "import.max-bytes";
  public static final String IMPORT_TIMEOUT_MS = "import.timeout-ms";

  public static final String REALTIME_TCP_PORT = "realtime.tcp-port";
  public static final String REALTIME_RECOVERY_SECONDS = "realtime.recovery-seconds";
  public static final String REALTIME_MAX_FRAME_BYTES = "realtime.max-frame-bytes";
  public static final String REALTIME_MESSAGES_PER_SECOND = "realtime.messages-per-second";

  public static final String ALERTS_BASE_URL = "alerts.base-url";
  public static final String ALERTS_HOUR = "alerts.hour";

  public static final String JOBS_PREFIX = "jobs.prefix";
  public static final String JOBS_CONCURRENCY = "jobs.concurrency";
  public static final String JOBS_LEASE_MS = "jobs.lease-ms";
  public static final String JOBS_TIMEOUT_MS = "jobs.timeout-ms";

  public static final String MAIL_HOST = "mail.host";
  public static final String MAIL_PORT = "mail.port";
  public static final String MAIL_FROM = "mail.from";
  public static final String MAIL_USERNAME = "mail.username";
  public static final String MAIL_PASSWORD = "mail.password";
  public static final String MAIL_STARTTLS = "mail.starttls";
  public static final String MAIL_TIMEOUT_MS = "mail.timeout-ms";
  public static final String MAIL_MAX_PER_SECOND = "mail.max-per-second";

  public static final String DOCUMENTS_MAX_BYTES = "documents.max-bytes";
  public static final String DOCUMENTS_TIMEOUT_MS = "documents.timeout-ms";
  public static final String DOCUMENTS_STEPS = "documents.steps";
  public static final String DOCUMENTS_STEP_WAIT_MS = "documents.step-wait-ms";
  public static final String DOCUMENTS_STEP_TIMEOUT_MS = "documents.step-timeout-ms";
  public static final String DOCUMENTS_STEP_ATTEMPTS = "documents.step-attempts";
  public static final String DOCUMENTS_RETRY_BACKOFF_MS = "documents.retry-backoff-ms";
  public static final String DOCUMENTS_SWEEP_MS = "documents.sweep-ms";

  public static final String OCR_ENGINES = "ocr.engines";
  public static final String OCR_MAX_PAGES = "ocr.max-pages";
  public static final String OCR_MAX_PIXELS = "ocr.max-pixels";
  public static final String OCR_PAGE_TIMEOUT_MS = "ocr.page-timeout-ms";
  public static final String OCR_DOCUMENT_TIMEOUT_MS = "ocr.document-timeout-ms";

  public static final String ANALYTICS_STORE = "analytics.store";
  public static final String ANALYTICS_DIR = "analytics.dir";
  public static final String ANALYTICS_CLICKHOUSE_URL = "analytics.clickhouse-url";
  public static final String ANALYTICS_CLICKHOUSE_DATABASE = "analytics.clickhouse-database";
  public static final String ANALYTICS_CLICKHOUSE_USER = "analytics.clickhouse-user";
  public static final String ANALYTICS_CLICKHOUSE_PASSWORD = "analytics.clickhouse-password";
  public static final String ANALYTICS_TIMEOUT_MS = "analytics.timeout-ms";
  public static final String ANALYTICS_BATCH_SIZE = "analytics.batch-size";
  public static final String ANALYTICS_BATCH_DELAY_MS = "analytics.batch-delay-ms";
  public static final String ANALYTICS_RECONCILE_EVERY_MS = "analytics.reconcile-every-ms";

  public static final String AI_STORE = "ai.store";
  public static final String AI_DIR = "ai.dir";
  public static final String AI_WEAVIATE_URL = "ai.weaviate-url";
  public static final String AI_WEAVIATE_GRPC_PORT = "ai.weaviate-grpc-port";
  public static final String AI_WEAVIATE_API_KEY = "ai.weaviate-api-key";
  public static final String AI_EMBED_THREADS = "ai.embed-threads";
  public static final String AI_EMBED_QUEUE = "ai.embed-queue";
  public static final String AI_SEARCH_CANDIDATES = "ai.search-candidates";
  public static final String AI_TIMEOUT_MS = "ai.timeout-ms";
  public static final String AI_ANALYSIS_TIMEOUT_MS = "ai.analysis-timeout-ms";

  public static final String TRACING_ENDPOINT = "tracing.endpoint";
  public static final String TRACING_SAMPLING = "tracing.sampling";
  public static final String TRACING_TIMEOUT_MS = "tracing.timeout-ms";

  public static final String RESILIENCE_BREAKER_FAILURES = "resilience.breaker-failures";
  public static final String RESILIENCE_BREAKER_RESET_MS = "resilience.breaker-reset-ms";

  public static final String FLAGS_REFRESH_MS = "flags.refresh-ms";
  public static final String FLAGS_AI_SCORING = "flags.ai-scoring";
  public static final String FLAGS_OCR_PROCESSING = "flags.ocr-processing";
  public static final String FLAGS_LIVE_PRESENCE = "flags.live-presence";
  public static final String FLAGS_LOCAL_SERVICES = "flags.local-services";

  public static final String BRIDGE_INBOUND = "bridge.inbound";
  public static final String BRIDGE_OUTBOUND = "bridge.outbound";

  public static final List<String> ALL = List.of(PROFILE, SERVICES, DATA_DIR, LOG_FORMAT,
      GATEWAY_HOST, GATEWAY_PORT, GATEWAY_HTTPS_PORT, GATEWAY_MAX_BODY_BYTES, GATEWAY_DECLARATIVE_FILE, GATEWAY_API_FILE, GATEWAY_INSTANCES,
      KAFKA_BOOTSTRAP, KAFKA_TIMEOUT_MS, POSTGRES_URI, POSTGRES_POOL_SIZE, POSTGRES_STATEMENT_TIMEOUT_MS,
      POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS, REDIS_URI, MANAGEMENT_HOST, MANAGEMENT_PORT, HEALTH_TIMEOUT_MS, HEALTH_STARTUP_WAIT_MS,
      CLUSTER_HOST, CLUSTER_PORT, CLUSTER_PUBLIC_HOST, CLUSTER_BUS_PORT, CLUSTER_MEMBERS, CLUSTER_KUBERNETES, CLUSTER_KUBERNETES_SERVICE,
      EMBEDDED_HOST, EMBEDDED_KAFKA_PORT, EMBEDDED_KAFKA_CONTROLLER_PORT, EMBEDDED_POSTGRES_PORT,
      EMBEDDED_REDIS_PORT, EMBEDDED_PICK_FREE_PORTS,
      AUTH_KEY_DIR, AUTH_GENERATE_KEYS, AUTH_TOKEN_TTL_SECONDS, AUTH_MAX_FAILED_LOGINS, AUTH_KEY_CHECK_MS,
      BLOBS_DIR, IMPORT_MAX_BYTES, IMPORT_TIMEOUT_MS,
      REALTIME_TCP_PORT, REALTIME_RECOVERY_SECONDS, REALTIME_MAX_FRAME_BYTES, REALTIME_MESSAGES_PER_SECOND,
      ALERTS_BASE_URL, ALERTS_HOUR, JOBS_PREFIX, JOBS_CONCURRENCY, JOBS_LEASE_MS, JOBS_TIMEOUT_MS,
      MAIL_HOST, MAIL_PORT, MAIL_FROM, MAIL_USERNAME, MAIL_PASSWORD, MAIL_STARTTLS, MAIL_TIMEOUT_MS,
      MAIL_MAX_PER_SECOND, DOCUMENTS_MAX_BYTES, DOCUMENTS_TIMEOUT_MS, DOCUMENTS_STEPS,
      DOCUMENTS_STEP_WAIT_MS, DOCUMENTS_STEP_TIMEOUT_MS, DOCUMENTS_STEP_ATTEMPTS, DOCUMENTS_RETRY_BACKOFF_MS, DOCUMENTS_SWEEP_MS, OCR_ENGINES,
      OCR_MAX_PAGES, OCR_MAX_PIXELS, OCR_PAGE_TIMEOUT_MS, OCR_DOCUMENT_TIMEOUT_MS,
      ANALYTICS_STORE, ANALYTICS_DIR, ANALYTICS_CLICKHOUSE_URL, ANALYTICS_CLICKHOUSE_DATABASE, ANALYTICS_CLICKHOUSE_USER,
      ANALYTICS_CLICKHOUSE_PASSWORD, ANALYTICS_TIMEOUT_MS,
      ANALYTICS_BATCH_SIZE, ANALYTICS_BATCH_DELAY_MS, ANALYTICS_RECONCILE_EVERY_MS,
      AI_STORE, AI_DIR, AI_WEAVIATE_URL, AI_WEAVIATE_GRPC_PORT, AI_WEAVIATE_API_KEY, AI_EMBED_THREADS, AI_EMBED_QUEUE, AI_SEARCH_CANDIDATES, AI_TIMEOUT_MS, AI_ANALYSIS_TIMEOUT_MS,
      TRACING_ENDPOINT, TRACING_SAMPLING, TRACING_TIMEOUT_MS,
      RESILIENCE_BREAKER_FAILURES, RESILIENCE_BREAKER_RESET_MS,
      FLAGS_REFRESH_MS, FLAGS_AI_SCORING, FLAGS_OCR_PROCESSING, FLAGS_LIVE_PRESENCE,
      FLAGS_LOCAL_SERVICES);

  /** {@code kafka.bootstrap} → {@code MCH_KAFKA_BOOTSTRAP}, {@code gateway.max-body-bytes} → {@code MCH_GATEWAY_MAX_BODY_BYTES}. */
  public static String envName(String key) {
    return "MCH_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private ConfigKeys() {
  }
}
