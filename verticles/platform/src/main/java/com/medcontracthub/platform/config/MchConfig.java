package com.medcontracthub.platform.config;

import static com.medcontracthub.codecs.ConfigKeys.*;

import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.platform.flags.Flag;
import com.medcontracthub.platform.flags.FlagSetting;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration of one JVM, in sections named as its keys are: the node's own settings, the platform's
 * sections every service shares (Kafka, PostgreSQL, Redis, health, cluster, embedded infrastructure, auth, blobs, the
 * Kafka bridge, the job queue), and one section per service that has settings of its own (gateway, import, realtime,
 * mail). Built only
 * through {@link ConfigLoader} or {@link #with}, so an instance always holds well-formed values.
 */
public record MchConfig(
    String profile,
    List<String> services,
    Path dataDir,
    String logFormat,
    Gateway gateway,
    Kafka kafka,
    Postgres postgres,
    Redis redis,
    Management management,
    Health health,
    Cluster cluster,
    Embedded embedded,
    Auth auth,
    Blobs blobs,
    Import imports,
    Realtime realtime,
    Jobs jobs,
    Mail mail,
    Alerts alerts,
    Documents documents,
    Ocr ocr,
    Analytics analytics,
    Ai ai,
    Tracing tracing,
    Resilience resilience,
    Flags flags,
    Bridge bridge,
    JsonObject tree,
    Map<String, String> origins,
    String defaultOrigin) {

  /** {@code gateway.*}: where it listens, its body limit, its declarative files and its instances in this JVM. */
  /** @param httpsPort the TLS listener's port, serving the gateway files' certificates; empty for none */
  public record Gateway(String host, int port, Optional<Integer> httpsPort, long maxBodyBytes,
      Optional<Path> declarativeFile, Optional<Path> apiFile, int instances) {
  }

  /** {@code kafka.*}. */
  public record Kafka(String bootstrap, long timeoutMs) {
  }

  /** {@code postgres.*}. */
  public record Postgres(String uri, int poolSize, long statementTimeoutMs, long idleInTransactionTimeoutMs) {
  }

  /** {@code redis.*}. */
  public record Redis(String uri) {
  }

  /** {@code health.*}: the timeout of a dependency check, and how long start-up waits for the dependencies. */
  public record Health(long timeoutMs, long startupWaitMs) {
  }

  /** {@code management.*}: where this JVM serves {@code /metrics} and {@code /health/*} (port 0: a free one). */
  public record Management(String host, int port) {
  }

  /**
   * {@code cluster.*}: this member's address, the address other members reach it at ({@code public-host}, its pod's
   * address on Kubernetes, where {@code host} is 0.0.0.0), the event bus's port (0: a free one), the members to join,
   * or Kubernetes discovery.
   */
  public record Cluster(String host, int port, String publicHost, int busPort, List<String> members, boolean kubernetes,
      String kubernetesService) {
  }

  /** {@code embedded.*}: where the embedded infrastructure listens. */
  public record Embedded(String host, int kafkaPort, int kafkaControllerPort, int postgresPort, int redisPort,
      boolean pickFreePorts) {
  }

  /** {@code auth.*}: the signing keys, the tokens' lifetime, and failed logins before an address is throttled. */
  public record Auth(Path keyDir, boolean generateKeys, int tokenTtlSeconds, int maxFailedLogins, long keyCheckMs) {
  }

  /** {@code blobs.*}: where uploaded files are kept. */
  public record Blobs(Path dir) {
  }

  /** {@code import.*}: the largest upload of the opportunities import, and how long an import may take. */
  public record Import(long maxBytes, long timeoutMs) {
  }

  /**
   * {@code realtime.*}: the TCP bridge's port (0 = any free one), how long a reconnecting client can recover what it
   * missed, the largest inbound frame, and the inbound messages one socket may send per second.
   */
  public record Realtime(int tcpPort, int recoverySeconds, int maxFrameBytes, int messagesPerSecond) {
  }

  /** {@code bridge.*}: the Kafka topics bridged to event-bus addresses, and back. */
  /**
   * {@code jobs.*}: the job queue's key prefix in Redis (every JVM enqueues and works under it), how many jobs of each
   * queue a worker JVM runs at once, how long a running job is leased (a dead worker's jobs run again after it), and
   * how long one attempt may run.
   */
  public record Jobs(String prefix, int concurrency, long leaseMs, long timeoutMs) {
  }

  /**
   * {@code mail.*}: the SMTP server the worker sends e-mail through, the sender address, the login (empty: none),
   * STARTTLS (disabled, optional or required), how long sending one message may take, and how many messages all the
   * worker JVMs together start sending per second (0: no limit; a provider's quota).
   */
  public record Mail(String host, int port, String from, Optional<String> username, Optional<String> password,
      String starttls, long timeoutMs, int maxPerSecond) {
  }

  /**
   * {@code alerts.*}: the address users reach the product at (the links in e-mails start with it), and the local hour
   * (0-23, in each saved search's time zone) its daily digest goes out; weekly ones go out on Mondays then.
   */
  public record Alerts(String baseUrl, int hour) {
  }

  /**
   * {@code documents.*}: the largest document a user may upload and how long its upload may take; the steps of its
   * processing saga in order, how long an attempt of a step may wait to be taken by the service that performs it and
   * how long it may take from then before it is tried again, how many attempts a step has, the back-off before the second (doubled for each after, with jitter), and how often timeouts and due retries
   * are looked for.
   */
  public record Documents(long maxBytes, long timeoutMs, List<String> steps, long stepWaitMs, long stepTimeoutMs,
      int stepAttempts,
      long retryBackoffMs, long sweepMs) {
  }

  /**
   * {@code ocr.*}: how many documents an OCR JVM reads at once (one Tesseract engine, and a core, each), and what one
   * document may cost: its pages, the pixels of a page as read, Tesseract's time on a page, and the whole document's
   * time (less than the bridge's timeout for the uploads, or Kafka would deliver a slow one again while it is read).
   */
  public record Ocr(int engines, int maxPages, long maxPixels, long pageTimeoutMs, long documentTimeoutMs) {
  }

  /**
   * {@code analytics.*}: where the analytics service keeps the events ({@link Analytics#EMBEDDED}: a DuckDB file in
   * {@code dir}; {@link Analytics#CLICKHOUSE}: a ClickHouse server over HTTP, as its user), its calls' timeout, and the
   * batches the events are written in (at most {@code batchSize} events; one is written {@code batchDelayMs} after its
   * first event came, or once the write before it has ended).
   */
  public record Analytics(String store, Path dir, String clickhouseUrl, String clickhouseDatabase,
      String clickhouseUser, Optional<String> clickhousePassword, long timeoutMs, int batchSize, long batchDelayMs,
      long reconcileEveryMs) {

    /** The service these settings are for. */
    public static final String SERVICE = "analytics";
    public static final String EMBEDDED = "embedded";
    public static final String CLICKHOUSE = "clickhouse";
  }

  /**
   * {@code ai.*}: where the AI service keeps its vectors (its embedded index's directory, or a Weaviate server: its
   * REST address, gRPC port and API key), the threads computing embeddings and the texts that may wait for them, the
   * candidates the vector search weighs per query, its calls' timeout, and an analysis's.
   */
  public record Ai(String store, Path dir, String weaviateUrl, int weaviateGrpcPort, Optional<String> weaviateApiKey,
      int embedThreads, int embedQueue, int searchCandidates, long timeoutMs, long analysisTimeoutMs) {

    /** The service these settings are for. */
    public static final String SERVICE = "ai";
    public static final String EMBEDDED = "embedded";
    public static final String WEAVIATE = "weaviate";
  }

  /**
   * @param endpoint an OTLP collector ({@code grpc://host:port} or {@code http(s)://host:port/v1/traces}); none: no
   *                 tracing
   * @param sampling the share of new traces kept, 0 to 1 (a trace its caller sampled is always continued)
   */
  public record Tracing(Optional<URI> endpoint, double sampling, long timeoutMs) {
  }

  /**
   * {@code resilience.*}: the circuit breakers of the calls that can fail for a while: the calls in a row failed by an
   * outage that open one, and how long it stays open before it lets a call through.
   */
  public record Resilience(int breakerFailures, long breakerResetMs) {
  }

  /** {@code flags.*}: how often each JVM reads the flags operators set, and every flag's setting until they do. */
  public record Flags(long refreshMs, Map<Flag, FlagSetting> settings) {
  }

  public record Bridge(List<InboundMapping> inbound, List<OutboundMapping> outbound) {
  }

  public static final Set<String> PROFILES = Set.of("embedded", "cluster", "prod");

  static MchConfig from(JsonObject tree, Map<String, Setting> overrides, String defaultOrigin) {
    return validate(tree.copy(), new HashMap<>(), overrides, defaultOrigin);
  }

  /** The steps that read a document's text come after the step that reads it. */
  private static List<String> documentSteps(ConfigReader r) {
    List<String> steps = r.distinctOf(DOCUMENTS_STEPS, DocumentSteps.ALL);
    int text = steps.indexOf(DocumentSteps.TEXT);
    if (steps.stream().anyMatch(step -> DocumentSteps.READING_TEXT.contains(step)
        && (text < 0 || steps.indexOf(step) < text))) {
      throw r.invalid(DOCUMENTS_STEPS, steps, DocumentSteps.TEXT + " before the steps that read its text ("
          + String.join(", ", DocumentSteps.READING_TEXT) + ")");
    }
    return steps;
  }

  private static Path dataDir(ConfigReader r) {
    return Path.of(r.string(DATA_DIR).replaceFirst("^~(?=/|$)", System.getProperty("user.home")));
  }

  /** A number of verticle instances; 0 means one per core. */
  private static int instances(ConfigReader r, String key) {
    int instances = (int) r.longAtLeast(key, 0, "a number of instances (0 = one per core)");
    return instances == 0 ? Runtime.getRuntime().availableProcessors() : instances;
  }

  private static Optional<Path> optionalPath(ConfigReader r, String key) {
    Object value = r.raw(key);
    return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(Path.of(value.toString()));
  }

  private static Optional<Integer> optionalPort(ConfigReader r, String key) {
    Object value = r.raw(key);
    return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(r.port(key));
  }

  private static Optional<String> optionalString(ConfigReader r, String key) {
    Object value = r.raw(key);
    return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
  }

  /** The directory {@code key} names, or {@code <data.dir>/<name>} when it is empty. */
  private static Path dataSubdir(ConfigReader r, String key, String name) {
    Object value = r.raw(key);
    return value == null || value.toString().isBlank() ? dataDir(r).resolve(name) : Path.of(value.toString());
  }

  /** This configuration with more settings on top (e.g. the addresses of infrastructure started just now). */
  public MchConfig with(Map<String, String> settings, String origin) {
    Map<String, Setting> overrides = new HashMap<>();
    settings.forEach((key, value) -> overrides.put(key, new Setting(value, origin)));
    return validate(tree.copy(), new HashMap<>(origins), overrides, defaultOrigin);
  }

  private static MchConfig validate(JsonObject merged, Map<String, String> origins, Map<String, Setting> overrides,
      String defaultOrigin) {
    overrides.forEach((key, setting) -> {
      put(merged, key, setting.value());
      origins.put(key, setting.origin());
    });
    ConfigReader r = new ConfigReader(merged, origins, defaultOrigin);
    return new MchConfig(
        r.oneOf(PROFILE, PROFILES),
        r.list(SERVICES),
        dataDir(r),
        r.oneOf(LOG_FORMAT, Set.of("text", "json")),
        new Gateway(r.string(GATEWAY_HOST),
            r.port(GATEWAY_PORT),
            optionalPort(r, GATEWAY_HTTPS_PORT),
            r.longAtLeast(GATEWAY_MAX_BODY_BYTES, 1, "a size in bytes (> 0)"),
            optionalPath(r, GATEWAY_DECLARATIVE_FILE),
            optionalPath(r, GATEWAY_API_FILE),
            instances(r, GATEWAY_INSTANCES)),
        new Kafka(r.hostPorts(KAFKA_BOOTSTRAP), r.longAtLeast(KAFKA_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)")),
        new Postgres(r.uri(POSTGRES_URI, "postgresql"), (int) r.longAtLeast(POSTGRES_POOL_SIZE, 1, "a pool size (> 0)"),
            r.longAtLeast(POSTGRES_STATEMENT_TIMEOUT_MS, 1_000, "a timeout in milliseconds (>= 1000)"),
            r.longAtLeast(POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS, 1_000, "a timeout in milliseconds (>= 1000)")),
        new Redis(r.uri(REDIS_URI, "redis")),
        new Management(r.string(MANAGEMENT_HOST), r.port(MANAGEMENT_PORT)),
        new Health(r.longAtLeast(HEALTH_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
            r.longAtLeast(HEALTH_STARTUP_WAIT_MS, 0, "a duration in milliseconds (>= 0)")),
        new Cluster(r.string(CLUSTER_HOST),
            r.port(CLUSTER_PORT),
            optionalString(r, CLUSTER_PUBLIC_HOST).orElse(r.string(CLUSTER_HOST)),
            r.port(CLUSTER_BUS_PORT),
            r.hostPortList(CLUSTER_MEMBERS),
            r.bool(CLUSTER_KUBERNETES),
            r.string(CLUSTER_KUBERNETES_SERVICE)),
        new Embedded(r.string(EMBEDDED_HOST),
            r.port(EMBEDDED_KAFKA_PORT),
            r.port(EMBEDDED_KAFKA_CONTROLLER_PORT),
            r.port(EMBEDDED_POSTGRES_PORT),
            r.port(EMBEDDED_REDIS_PORT),
            r.bool(EMBEDDED_PICK_FREE_PORTS)),
        new Auth(dataSubdir(r, AUTH_KEY_DIR, "keys"),
            r.bool(AUTH_GENERATE_KEYS),
            (int) r.longAtLeast(AUTH_TOKEN_TTL_SECONDS, 60, "a token lifetime in seconds (>= 60)"),
            (int) r.longAtLeast(AUTH_MAX_FAILED_LOGINS, 1, "a number of attempts (>= 1)"),
            r.longAtLeast(AUTH_KEY_CHECK_MS, 100, "a period in milliseconds (>= 100)")),
        new Blobs(dataSubdir(r, BLOBS_DIR, "blobs")),
        new Import(r.longAtLeast(IMPORT_MAX_BYTES, 1, "a size in bytes (> 0)"),
            r.longAtLeast(IMPORT_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)")),
        new Realtime(r.port(REALTIME_TCP_PORT),
            (int) r.longAtLeast(REALTIME_RECOVERY_SECONDS, 1, "a number of seconds (> 0)"),
            (int) r.longAtLeast(REALTIME_MAX_FRAME_BYTES, 256, "a size in bytes (>= 256)"),
            (int) r.longAtLeast(REALTIME_MESSAGES_PER_SECOND, 1, "a rate (> 0)")),
        new Jobs(r.string(JOBS_PREFIX),
            (int) r.longAtLeast(JOBS_CONCURRENCY, 1, "a number of jobs (> 0)"),
            r.longAtLeast(JOBS_LEASE_MS, 1_000, "a lease in milliseconds (>= 1000)"),
            r.longAtLeast(JOBS_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)")),
        new Mail(r.string(MAIL_HOST),
            r.port(MAIL_PORT),
            r.string(MAIL_FROM),
            optionalString(r, MAIL_USERNAME),
            optionalString(r, MAIL_PASSWORD),
            r.oneOf(MAIL_STARTTLS, Set.of("disabled", "optional", "required")),
            r.longAtLeast(MAIL_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
            (int) r.longAtLeast(MAIL_MAX_PER_SECOND, 0, "a number of messages a second (0: no limit)")),
        new Alerts(r.webUrl(ALERTS_BASE_URL), (int) r.between(ALERTS_HOUR, 0, 23, "an hour of the day (0-23)")),
        new Documents(r.longAtLeast(DOCUMENTS_MAX_BYTES, 1, "a size in bytes (> 0)"),
            r.longAtLeast(DOCUMENTS_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
            documentSteps(r),
            r.longAtLeast(DOCUMENTS_STEP_WAIT_MS, 1, "a timeout in milliseconds (> 0)"),
            r.longAtLeast(DOCUMENTS_STEP_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
            (int) r.between(DOCUMENTS_STEP_ATTEMPTS, 1, 100, "a number of attempts (1-100)"),
            r.longAtLeast(DOCUMENTS_RETRY_BACKOFF_MS, 0, "a duration in milliseconds (>= 0)"),
            r.longAtLeast(DOCUMENTS_SWEEP_MS, 10, "a period in milliseconds (>= 10)")),
        new Ocr((int) r.between(OCR_ENGINES, 1, 64, "a number of engines (1-64)"),
            (int) r.longAtLeast(OCR_MAX_PAGES, 1, "a number of pages (> 0)"),
            r.longAtLeast(OCR_MAX_PIXELS, 1_000_000, "a number of pixels (>= 1000000)"),
            r.longAtLeast(OCR_PAGE_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
            r.longAtLeast(OCR_DOCUMENT_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)")),
        new Analytics(r.oneOf(ANALYTICS_STORE, Set.of(Analytics.EMBEDDED, Analytics.CLICKHOUSE)), dataSubdir(r, ANALYTICS_DIR, "analytics"),
            r.webUrl(ANALYTICS_CLICKHOUSE_URL),
            r.identifier(ANALYTICS_CLICKHOUSE_DATABASE),
            r.string(ANALYTICS_CLICKHOUSE_USER),
            optionalString(r, ANALYTICS_CLICKHOUSE_PASSWORD),
            r.longAtLeast(ANALYTICS_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
            // at most what the bridge has out at a time: a batch waits for records the bridge would not send
            (int) r.between(ANALYTICS_BATCH_SIZE, 1, InboundMapping.DEFAULT_IN_FLIGHT,
                "a number of events (1-" + InboundMapping.DEFAULT_IN_FLIGHT + ")"),
            r.longAtLeast(ANALYTICS_BATCH_DELAY_MS, 1, "a duration in milliseconds (> 0)"),
            r.longAtLeast(ANALYTICS_RECONCILE_EVERY_MS, 0, "a duration in milliseconds (0: never)")),
        new Ai(r.oneOf(AI_STORE, Set.of(Ai.EMBEDDED, Ai.WEAVIATE)), dataSubdir(r, AI_DIR, "ai"),
            r.webUrl(AI_WEAVIATE_URL), (int) r.between(AI_WEAVIATE_GRPC_PORT, 1, 65_535, "a TCP port (1-65535)"),
            optionalString(r, AI_WEAVIATE_API_KEY),
            (int) r.between(AI_EMBED_THREADS, 1, 64, "a number of threads (1-64)"),
            (int) r.between(AI_EMBED_QUEUE, 1, 100_000, "a number of texts (1-100000)"),
            (int) r.between(AI_SEARCH_CANDIDATES, 10, 10_000, "a number of candidates (10-10000)"),
            r.longAtLeast(AI_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
            r.longAtLeast(AI_ANALYSIS_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)")),
        new Tracing(r.optionalCollector(TRACING_ENDPOINT),
            r.fraction(TRACING_SAMPLING, "a share of traces from 0 to 1"),
            r.longAtLeast(TRACING_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)")),
        new Resilience((int) r.between(RESILIENCE_BREAKER_FAILURES, 1, 1_000, "a number of failures (1-1000)"),
            r.longAtLeast(RESILIENCE_BREAKER_RESET_MS, 100, "a duration in milliseconds (>= 100)")),
        new Flags(r.longAtLeast(FLAGS_REFRESH_MS, 100, "a period in milliseconds (>= 100)"), flagSettings(r)),
        new Bridge(InboundMapping.list(r.array(BRIDGE_INBOUND), BRIDGE_INBOUND),
            OutboundMapping.list(r.array(BRIDGE_OUTBOUND), BRIDGE_OUTBOUND)),
        merged, origins, defaultOrigin);
  }

  private static Map<Flag, FlagSetting> flagSettings(ConfigReader r) {
    Map<Flag, FlagSetting> settings = new EnumMap<>(Flag.class);
    for (Flag flag : Flag.values()) {
      try {
        settings.put(flag, FlagSetting.parse(flag, r.string(flag.configKey())));
      } catch (IllegalArgumentException e) {
        throw r.invalid(flag.configKey(), r.raw(flag.configKey()),
            flag.byTenant() ? "on, off or a share of tenants such as 25%" : "on or off");
      }
    }
    return settings;
  }

  /** Whether this JVM runs the embedded profile (the infrastructure in the JVM, demo data). */
  public boolean embeddedProfile() {
    return profile.equals("embedded");
  }

  private static void put(JsonObject tree, String key, String value) {
    String[] parts = key.split("\\.");
    JsonObject node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.getValue(parts[i]);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = (JsonObject) child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
