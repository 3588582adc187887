package com.medcontracthub.opportunities;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.opportunities.search.BadQueryException;
import com.medcontracthub.opportunities.search.SearchQuery;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers opportunity searches and reads on the event bus, from PostgreSQL. */
public final class OpportunitiesVerticle extends VerticleBase {

  /** Failure codes, HTTP-like so the gateway passes them on. */
  static final int BAD_REQUEST = 400;
  static final int NOT_FOUND = 404;
  static final int UNAVAILABLE = 503;

  private static final Logger LOG = LoggerFactory.getLogger(OpportunitiesVerticle.class);

  private final MchConfig config;
  private Pool pool;

  public OpportunitiesVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(config.postgresUri()))
        .with(new PoolOptions().setMaxSize(config.postgresPoolSize())).using(vertx).build();
    OpportunityStore store = new OpportunityStore(pool);
    var search = vertx.eventBus().<JsonObject>consumer(Addresses.OPPORTUNITIES_SEARCH, message -> {
      try {
        reply(message, store.search(SearchQuery.from(query(message))).map(OpportunityStore.SearchPage::toJson));
      } catch (BadQueryException e) {
        message.fail(BAD_REQUEST, e.getMessage());
      }
    });
    var get = vertx.eventBus().<JsonObject>consumer(Addresses.OPPORTUNITIES_GET, message -> {
      String id = message.body() == null ? null : message.body().getJsonObject("path", new JsonObject()).getString("id");
      reply(message, store.get(String.valueOf(id)).compose(found -> found.map(Future::succeededFuture)
          .orElseGet(() -> Future.failedFuture(new NotFound("no opportunity with notice id " + id)))));
    });
    return Future.join(search.completion(), get.completion());
  }

  private static JsonObject query(Message<JsonObject> message) {
    return message.body() == null ? new JsonObject() : message.body().getJsonObject("query", new JsonObject());
  }

  /** Not-found goes back as such; anything else is logged here and answered without internals. */
  private static void reply(Message<JsonObject> message, Future<JsonObject> result) {
    result.onSuccess(message::reply).onFailure(e -> {
      if (e instanceof NotFound) {
        message.fail(NOT_FOUND, e.getMessage());
      } else {
        LOG.warn("{} failed: {}", message.address(), e.toString());
        message.fail(UNAVAILABLE, "opportunities are unavailable right now");
      }
    });
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }
}
