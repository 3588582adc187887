package com.medcontracthub.analytics;

import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.analytics.api.AnalyticsSchemas;
import com.medcontracthub.analytics.ingest.BatchWrites;
import com.medcontracthub.analytics.ingest.EventRow;
import com.medcontracthub.analytics.ingest.IngestBatcher;
import com.medcontracthub.analytics.reconcile.StoredCounts;
import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.analytics.store.AnalyticsStores;
import com.medcontracthub.analytics.summary.Summaries;
import com.medcontracthub.analytics.summary.Timeseries;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import com.medcontracthub.platform.service.SoleInstance;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.shareddata.Lock;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics service: every domain event the bridge brings from Kafka ({@link Addresses#ANALYTICS_EVENTS}) kept in
 * the analytics store in batches, each answered once its batch is stored; the tenant's numbers
 * ({@link Addresses#ANALYTICS_SUMMARY}, {@link Addresses#ANALYTICS_TIMESERIES}); and the store's counts, to reconcile
 * it ({@link Addresses#ANALYTICS_DAILY_COUNTS}).
 */
public final class AnalyticsVerticle extends ServiceVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsVerticle.class);

  /** The cluster-wide lock of the JVM keeping the events in an embedded store. */
  static final String SOLE_EMBEDDED_STORE = "mch.analytics.embedded-store";

  private AnalyticsStore store;
  private IngestBatcher batcher;
  private Lock soleLock;

  public AnalyticsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    MchConfig.Analytics analytics = config.analytics();
    return soleEmbeddedStore(analytics)
        .compose(v -> AnalyticsStores.open(vertx, config))
        .compose(opened -> {
          store = opened;
          return store.migrate();
        })
        .compose(v -> {
          batcher = new IngestBatcher(vertx, analytics.batchSize(), analytics.batchDelayMs(),
              new BatchWrites(store)::write);
          Summaries summaries = new Summaries(store, Clock.systemUTC());
          Timeseries timeseries = new Timeseries(store, Clock.systemUTC());
          return Future.all(
              vertx.eventBus().<SpecificRecord>localConsumer(Addresses.ANALYTICS_EVENTS, this::keep).completion(),
              serve(vertx, Addresses.ANALYTICS_SUMMARY, m -> summaries.of(principal(m).tenantId())),
              serve(vertx, Addresses.ANALYTICS_TIMESERIES, m -> timeseries.of(principal(m).tenantId(),
                  part(m, ServiceRequest.QUERY))),
              serve(vertx, Addresses.ANALYTICS_DAILY_COUNTS, m -> StoredCounts.of(store)),
              ServiceSchemas.declare(vertx, Addresses.ANALYTICS_SUMMARY, AnalyticsSchemas.SUMMARY),
              ServiceSchemas.declare(vertx, Addresses.ANALYTICS_TIMESERIES, AnalyticsSchemas.TIMESERIES));
        })
        .recover(e -> release().transform(released -> Future.failedFuture(e)));
  }

  /** An embedded store is one JVM's file: one analytics JVM of the cluster keeps it ({@link SoleInstance}). */
  private Future<Void> soleEmbeddedStore(MchConfig.Analytics analytics) {
    if (!MchConfig.Analytics.EMBEDDED.equals(analytics.store())) {
      return Future.succeededFuture();
    }
    return SoleInstance.claim(vertx, SOLE_EMBEDDED_STORE, ConfigKeys.ANALYTICS_STORE, "embedded keeps the events in "
            + "one JVM's file, and another JVM of the cluster runs the analytics service with it; run one analytics JVM, "
            + "or use clickhouse for more")
        .map(lock -> {
          soleLock = lock;
          return null;
        });
  }

  /** Keeps an event; the delivery is answered once its batch is stored, so Kafka's offset moves past it only then. */
  private void keep(Message<SpecificRecord> m) {
    EventRow row;
    try {
      row = EventRow.of(m.body());
    } catch (RuntimeException e) {
      // delivered again it would fail again, holding its partition back for good: it is logged and passed over
      LOG.error("analytics: an event that cannot be kept is passed over: {}", e.toString());
      m.reply(null);
      return;
    }
    batcher.add(row).onSuccess(stored -> m.reply(null)).onFailure(e -> {
      LOG.warn("analytics: a batch was not stored ({}); Kafka delivers its events again", e.getMessage());
      m.fail(503, e.getMessage());
    });
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained = batcher == null ? Future.succeededFuture() : batcher.close();
    return Future.join(drained.eventually(this::release), super.stop());
  }

  /** Closes the store, then lets another JVM take the embedded store's lock: the file is free by then. */
  private Future<Void> release() {
    Future<Void> closed = store == null ? Future.succeededFuture() : store.close();
    return closed.eventually(() -> {
      if (soleLock != null) {
        soleLock.release();
        soleLock = null;
      }
      return Future.succeededFuture();
    });
  }
}
