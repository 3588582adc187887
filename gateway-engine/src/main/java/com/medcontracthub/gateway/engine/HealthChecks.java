package com.medcontracthub.gateway.engine;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An upstream's {@code healthchecks}, Kong's fields and defaults: active checks ({@link ActiveProbes}) and passive ones
 * (the answers of the requests proxied), both counted by {@link TargetHealth}.
 */
final class HealthChecks {

  /** What counts against a target, active or passive: its statuses, and how many failures of each kind in a row. */
  private static ConfigSchema unhealthy(ConfigSchema.Builder record, List<Integer> statuses) {
    return record
        .integers("http_statuses", statuses, 200, 999)
        .integer("tcp_failures", 0L, 0, 255)
        .integer("timeouts", 0L, 0, 255)
        .integer("http_failures", 0L, 0, 255)
        .build();
  }

  private static final ConfigSchema ACTIVE = ConfigSchema.builder()
      .oneOf("type", "http", "http", "https", "tcp")
      .string("http_path", "/")
      .bool("https_verify_certificate", true)
      .string("https_sni", null)
      .number("timeout", 1.0, 0)
      .integer("concurrency", 10L, 1, 2_147_483_648L)
      .record("healthy", ConfigSchema.builder()
          .number("interval", 0.0, 0)
          .integers("http_statuses", List.of(200, 302), 200, 999)
          .integer("successes", 0L, 0, 255)
          .build())
      .record("unhealthy", unhealthy(ConfigSchema.builder().number("interval", 0.0, 0),
          List.of(429, 404, 500, 501, 502, 503, 504, 505)))
      .build();

  private static final ConfigSchema PASSIVE = ConfigSchema.builder()
      .oneOf("type", "http", "http", "https", "tcp")
      .record("healthy", ConfigSchema.builder()
          .integers("http_statuses", List.of(200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304,
              305, 306, 307, 308), 200, 999)
          .integer("successes", 0L, 0, 255)
          .build())
      .record("unhealthy", unhealthy(ConfigSchema.builder(), List.of(429, 500, 503)))
      .build();

  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .record("active", ACTIVE)
      .record("passive", PASSIVE)
      .number("threshold", 0.0, 0)
      .build();

  private HealthChecks() {
  }

  /** The upstream's {@code healthchecks} with Kong's defaults filled in. */
  static JsonObject read(Object declared, String path) {
    JsonObject checks = SCHEMA.read(declared, path);
    if (checks.getDouble("threshold") > 100) {
      throw new DeclarativeException(path + ".threshold", "a percentage: from 0 to 100");
    }
    return checks;
  }
}
