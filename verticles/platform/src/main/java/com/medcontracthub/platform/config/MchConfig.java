package com.medcontracthub.platform.config;

import static com.medcontracthub.codecs.ConfigKeys.*;

import com.medcontracthub.platform.kafka.InboundMapping;
import com.medcontracthub.platform.kafka.OutboundMapping;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration of one JVM. Built only through {@link ConfigLoader} or {@link #with}, so an instance
 * always holds well-formed values.
 */
public record MchConfig(
    String profile,
    List<String> services,
    Path dataDir,
    String logFormat,
    String gatewayHost,
    int gatewayPort,
    long gatewayMaxBodyBytes,
    Optional<Path> gatewayDeclarativeFile,
    Optional<Path> gatewayApiFile,
    int gatewayInstances,
    String kafkaBootstrap,
    long kafkaTimeoutMs,
    String postgresUri,
    int postgresPoolSize,
    String redisUri,
    long healthTimeoutMs,
    long healthStartupWaitMs,
    String clusterHost,
    int clusterPort,
    List<String> clusterMembers,
    boolean clusterKubernetes,
    String clusterKubernetesService,
    String embeddedHost,
    int embeddedKafkaPort,
    int embeddedKafkaControllerPort,
    int embeddedPostgresPort,
    int embeddedRedisPort,
    boolean embeddedPickFreePorts,
    Path authKeyDir,
    boolean authGenerateKeys,
    int authTokenTtlSeconds,
    int authMaxFailedLogins,
    Path blobsDir,
    long importMaxBytes,
    long importTimeoutMs,
    Realtime realtime,
    List<InboundMapping> inbound,
    List<OutboundMapping> outbound,
    JsonObject tree,
    Map<String, String> origins,
    String defaultOrigin) {

  /**
   * The event-bus bridges' settings: the TCP bridge's port (0 = any free one), how long a reconnecting client can
   * recover what it missed, the largest inbound frame, and the inbound messages one socket may send per second.
   */
  public record Realtime(int tcpPort, int recoverySeconds, int maxFrameBytes, int messagesPerSecond) {
  }

  public static final Set<String> PROFILES = Set.of("embedded", "cluster", "prod");

  static MchConfig from(JsonObject tree, Map<String, Setting> overrides, String defaultOrigin) {
    return validate(tree.copy(), new HashMap<>(), overrides, defaultOrigin);
  }

  private static Path dataDir(ConfigReader r) {
    return Path.of(r.string(DATA_DIR).replaceFirst("^~(?=/|$)", System.getProperty("user.home")));
  }

  /** {@code auth.key-dir}, or {@code <data.dir>/keys} when it is empty. */
  private static Path authKeyDir(ConfigReader r) {
    Object value = r.raw(AUTH_KEY_DIR);
    return value == null || value.toString().isBlank() ? dataDir(r).resolve("keys") : Path.of(value.toString());
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

  /** {@code blobs.dir}, or {@code <data.dir>/blobs} when it is empty. */
  private static Path blobsDir(ConfigReader r) {
    Object value = r.raw(BLOBS_DIR);
    return value == null || value.toString().isBlank() ? dataDir(r).resolve("blobs") : Path.of(value.toString());
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
        r.string(GATEWAY_HOST),
        r.port(GATEWAY_PORT),
        r.longAtLeast(GATEWAY_MAX_BODY_BYTES, 1, "a size in bytes (> 0)"),
        optionalPath(r, GATEWAY_DECLARATIVE_FILE),
        optionalPath(r, GATEWAY_API_FILE),
        instances(r, GATEWAY_INSTANCES),
        r.hostPorts(KAFKA_BOOTSTRAP),
        r.longAtLeast(KAFKA_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
        r.uri(POSTGRES_URI, "postgresql"),
        (int) r.longAtLeast(POSTGRES_POOL_SIZE, 1, "a pool size (> 0)"),
        r.uri(REDIS_URI, "redis"),
        r.longAtLeast(HEALTH_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
        r.longAtLeast(HEALTH_STARTUP_WAIT_MS, 0, "a duration in milliseconds (>= 0)"),
        r.string(CLUSTER_HOST),
        r.port(CLUSTER_PORT),
        r.hostPortList(CLUSTER_MEMBERS),
        r.bool(CLUSTER_KUBERNETES),
        r.string(CLUSTER_KUBERNETES_SERVICE),
        r.string(EMBEDDED_HOST),
        r.port(EMBEDDED_KAFKA_PORT),
        r.port(EMBEDDED_KAFKA_CONTROLLER_PORT),
        r.port(EMBEDDED_POSTGRES_PORT),
        r.port(EMBEDDED_REDIS_PORT),
        r.bool(EMBEDDED_PICK_FREE_PORTS),
        authKeyDir(r),
        r.bool(AUTH_GENERATE_KEYS),
        (int) r.longAtLeast(AUTH_TOKEN_TTL_SECONDS, 60, "a token lifetime in seconds (>= 60)"),
        (int) r.longAtLeast(AUTH_MAX_FAILED_LOGINS, 1, "a number of attempts (>= 1)"),
        blobsDir(r),
        r.longAtLeast(IMPORT_MAX_BYTES, 1, "a size in bytes (> 0)"),
        r.longAtLeast(IMPORT_TIMEOUT_MS, 1, "a timeout in milliseconds (> 0)"),
        new Realtime(r.port(REALTIME_TCP_PORT),
            (int) r.longAtLeast(REALTIME_RECOVERY_SECONDS, 1, "a number of seconds (> 0)"),
            (int) r.longAtLeast(REALTIME_MAX_FRAME_BYTES, 256, "a size in bytes (>= 256)"),
            (int) r.longAtLeast(REALTIME_MESSAGES_PER_SECOND, 1, "a rate (> 0)")),
        InboundMapping.list(r.array(BRIDGE_INBOUND), BRIDGE_INBOUND),
        OutboundMapping.list(r.array(BRIDGE_OUTBOUND), BRIDGE_OUTBOUND),
        merged, origins, defaultOrigin);
  }

  public boolean embedded() {
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
