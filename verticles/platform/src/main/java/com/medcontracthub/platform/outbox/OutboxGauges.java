package com.medcontracthub.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events written but not yet on Kafka, as gauges read from PostgreSQL every few seconds: how many
 * ({@code mch_platform_outbox_backlog_events}) and how long the oldest has waited
 * ({@code mch_platform_outbox_age_seconds}), which is how late every consumer downstream is at best. Every relay
 * reports the same table; the rules take the largest. A read that fails leaves them empty (NaN) rather than stale.
 */
final class OutboxGauges {

  static final long EVERY_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(OutboxGauges.class);

  /** NaN until read, and again when a read fails: a number Prometheus keeps is one that was true. */
  private volatile double backlog = Double.NaN;
  private volatile double ageSeconds = Double.NaN;

  private OutboxGauges() {
  }

  /** Registers the gauges and reads them now and every {@value #EVERY_MS} ms; answers the timer. */
  static long start(Vertx vertx, Pool pool, MeterRegistry registry) {
    OutboxGauges gauges = new OutboxGauges();
    Gauge.builder("mch_platform_outbox_backlog", gauges, g -> g.backlog).baseUnit("events")
        .description("Events in the outbox not yet published to Kafka").register(registry);
    Gauge.builder("mch_platform_outbox_age", gauges, g -> g.ageSeconds).baseUnit("seconds")
        .description("How long the oldest unpublished event has waited (0 when none waits)").register(registry);
    gauges.read(pool);
    return vertx.setPeriodic(EVERY_MS, id -> gauges.read(pool));
  }

  private void read(Pool pool) {
    pool.query(OutboxSql.BACKLOG).execute()
        .onSuccess(rows -> {
          Row row = rows.iterator().next();
          backlog = row.getLong("backlog");
          ageSeconds = row.getLong("age_ms") / 1_000.0;
        })
        .onFailure(e -> {
          backlog = Double.NaN;
          ageSeconds = Double.NaN;
          LOG.warn("outbox backlog not read: {}", e.getMessage());
        });
  }
}
