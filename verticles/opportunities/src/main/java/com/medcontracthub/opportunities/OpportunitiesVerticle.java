package com.medcontracthub.opportunities;

import static com.medcontracthub.opportunities.bus.Consumers.part;
import static com.medcontracthub.opportunities.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.opportunities.bus.Refusal;
import com.medcontracthub.opportunities.search.SearchQuery;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

/** Answers opportunity searches and reads on the event bus, from PostgreSQL: 400 bad parameters, 404 unknown id. */
public final class OpportunitiesVerticle extends VerticleBase {

  private final MchConfig config;
  private Pool pool;

  public OpportunitiesVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, config);
    OpportunityStore store = new OpportunityStore(pool);
    return Future.all(
        serve(vertx, Addresses.OPPORTUNITIES_SEARCH,
            m -> store.search(SearchQuery.from(part(m, "query"))).map(OpportunityStore.SearchPage::toJson)),
        serve(vertx, Addresses.OPPORTUNITIES_GET, m -> {
          String id = String.valueOf(part(m, "path").getString("id"));
          return store.get(id).compose(found -> found.map(Future::succeededFuture)
              .orElseGet(() -> Future.failedFuture(new Refusal(404, "no opportunity with notice id " + id))));
        }));
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
