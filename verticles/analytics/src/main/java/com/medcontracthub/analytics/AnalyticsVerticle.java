package com.medcontracthub.analytics;

import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.analytics.api.AnalyticsSchemas;
import com.medcontracthub.analytics.ingest.BatchWrites;
import com.medcontracthub.analytics.ingest.EventRow;
import com.medcontracthub.analytics.ingest.IngestBatcher;
import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.analytics.store.AnalyticsStores;
import com.medcontracthub.analytics.summary.Summaries;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics service: every domain event the bridge brings from Kafka ({@link Addresses#ANALYTICS_EVENTS}) kept in
 * the analytics store in batches, each answered once its batch is stored; and the tenant's numbers
 * ({@link Addresses#ANALYTICS_SUMMARY}).
 */
public final class AnalyticsVerticle extends ServiceVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsVerticle.class);

  private AnalyticsStore store;

  public AnalyticsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    MchConfig.Analytics analytics = config.analytics();
    return AnalyticsStores.open(vertx, analytics)
        .compose(opened -> {
          store = opened;
          return store.migrate();
        })
        .compose(v -> {
          IngestBatcher batcher = new IngestBatcher(vertx, analytics.batchSize(), analytics.batchDelayMs(),
              new BatchWrites(store)::write);
          Summaries summaries = new Summaries(store);
          return Future.all(
              vertx.eventBus().<SpecificRecord>localConsumer(Addresses.ANALYTICS_EVENTS, m -> batcher
                  .add(EventRow.of(m.body()))
                  .onSuccess(stored -> m.reply(null))
                  .onFailure(e -> {
                    LOG.warn("analytics: a batch was not stored ({}); Kafka delivers its events again", e.getMessage());
                    m.fail(503, e.getMessage());
                  })).completion(),
              serve(vertx, Addresses.ANALYTICS_SUMMARY, m -> summaries.of(principal(m).tenantId())),
              ServiceSchemas.declare(vertx, Addresses.ANALYTICS_SUMMARY, AnalyticsSchemas.SUMMARY));
        });
  }

  @Override
  public Future<?> stop() {
    return Future.join(store == null ? Future.succeededFuture() : store.close(), super.stop());
  }
}
