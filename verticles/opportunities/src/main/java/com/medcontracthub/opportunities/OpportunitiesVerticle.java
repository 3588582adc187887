package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.opportunities.api.OpportunitySchemas;
import com.medcontracthub.opportunities.cache.OpportunityCache;
import com.medcontracthub.opportunities.search.SearchQuery;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import com.medcontracthub.redis.RedisLine;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.List;

/**
 * Answers opportunity searches and reads on the event bus (400 bad parameters, 404 unknown id); single reads go
 * through the Redis cache (but those of {@link Addresses#OPPORTUNITIES_CURRENT}), which forgets a notice when its change event comes back from Kafka through the bridge.
 */
public final class OpportunitiesVerticle extends ServiceVerticle {

  /** A slow cache is skipped: the read falls through to PostgreSQL. */
  private static final long CACHE_TIMEOUT_MS = 2_000;

  public OpportunitiesVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    OpportunityStore store = new OpportunityStore(pool());
    OpportunityCache cache = new OpportunityCache(new RedisLine(redis(), CACHE_TIMEOUT_MS));
    return Future.all(List.of(
        serve(vertx, Addresses.OPPORTUNITIES_SEARCH,
            m -> store.search(SearchQuery.from(part(m, ServiceRequest.QUERY))).map(OpportunityStore.SearchPage::toJson)),
        serve(vertx, Addresses.OPPORTUNITIES_GET, m -> {
          String id = id(m);
          return cache.get(id).compose(cached -> cached.map(Future::succeededFuture)
              .orElseGet(() -> stored(store, id).onSuccess(opportunity -> cache.put(id, opportunity))));
        }),
        serve(vertx, Addresses.OPPORTUNITIES_CURRENT, m -> stored(store, id(m))),
        serve(vertx, Addresses.OPPORTUNITIES_DAILY_COUNTS, m -> store.dailyCounts()),
        vertx.eventBus().<OpportunityChanged>consumer(Addresses.OPPORTUNITIES_CHANGED, message -> forget(cache, message))
            .completion(),
        ServiceSchemas.declare(vertx, Addresses.OPPORTUNITIES_SEARCH, OpportunitySchemas.SEARCH),
        ServiceSchemas.declare(vertx, Addresses.OPPORTUNITIES_GET, OpportunitySchemas.GET)));
  }

  private static String id(Message<JsonObject> m) {
    return String.valueOf(part(m, ServiceRequest.PATH).getString("id"));
  }

  private static Future<JsonObject> stored(OpportunityStore store, String id) {
    return store.get(id).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new Refusal(404, "no opportunity with notice id " + id))));
  }

  /** The bridge awaits this reply before committing the record's offset: a failed DEL is retried. */
  private static void forget(OpportunityCache cache, Message<OpportunityChanged> message) {
    cache.forget(message.body().getNoticeId())
        .onSuccess(v -> message.reply(null))
        .onFailure(e -> message.fail(503, e.getMessage()));
  }
}
