package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.CREATED;
import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.correlationId;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;
import static com.medcontracthub.platform.bus.Consumers.uuidOrNull;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.opportunities.alerts.TimeZones;
import com.medcontracthub.opportunities.alerts.UnsubscribeMount;
import com.medcontracthub.opportunities.api.SavedSearchSchemas;
import com.medcontracthub.opportunities.saved.SavedSearchInput;
import com.medcontracthub.opportunities.saved.SavedSearchStore;
import com.medcontracthub.opportunities.search.SearchQuery;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's saved searches on the event bus: the same filters as the search (validated by {@link SearchQuery}),
 * under a name. Another tenant's search is 404, never 403.
 */
public final class SavedSearchesVerticle extends ServiceVerticle {

  private static final String NOT_FOUND = "no such saved search";
  private static final Set<String> FIELDS = Set.of("name", "filters", "alerts", "timeZone");

  public SavedSearchesVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    SavedSearchStore store = new SavedSearchStore(pool());
    return Future.all(List.of(
        serve(vertx, Addresses.SAVED_SEARCHES_LIST,
            m -> store.list(principal(m).tenantId()).map(all -> new JsonObject().put("savedSearches", all))),
        serve(vertx, Addresses.SAVED_SEARCHES_GET, m -> found(store.get(principal(m).tenantId(), id(m)))),
        serve(vertx, Addresses.SAVED_SEARCHES_CREATE, CREATED, m -> store.create(principal(m), search(m), correlationId(m))),
        serve(vertx, Addresses.SAVED_SEARCHES_UPDATE,
            m -> found(store.update(principal(m), id(m), search(m), correlationId(m)))),
        serve(vertx, Addresses.SAVED_SEARCHES_UNSUBSCRIBE, m -> store.unsubscribe(
                uuidOrNull(m.body().getString(UnsubscribeMount.Stopped.SEARCH.field)), m.body().getString(UnsubscribeMount.TOKEN, ""))
            .compose(name -> name.map(n -> Future.succeededFuture(new JsonObject().put("name", n)))
                .orElseGet(() -> Future.failedFuture(new Refusal(404, "no such saved search, or the link is not its own"))))),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_LIST, SavedSearchSchemas.LIST),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_GET, SavedSearchSchemas.GET),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_CREATE, SavedSearchSchemas.CREATE),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_UPDATE, SavedSearchSchemas.UPDATE),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_DELETE, SavedSearchSchemas.DELETE),
        serve(vertx, Addresses.SAVED_SEARCHES_DELETE, m -> store.delete(principal(m).tenantId(), id(m))
            .compose(deleted -> deleted ? Future.succeededFuture(new JsonObject().put("deleted", true))
                : Future.failedFuture(new Refusal(404, NOT_FOUND))))));
  }

  private static SavedSearchStore.SavedSearch search(Message<JsonObject> message) {
    JsonObject body = body(message, FIELDS);
    return new SavedSearchStore.SavedSearch(SavedSearchInput.name(body), SavedSearchInput.filters(body),
        SavedSearchInput.alerts(body), TimeZones.field(body));
  }

  private static Future<JsonObject> found(Future<Optional<JsonObject>> lookup) {
    return lookup.compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new Refusal(404, NOT_FOUND))));
  }

  private static UUID id(Message<JsonObject> message) {
    UUID id = uuidOrNull(part(message, ServiceRequest.PATH).getString("id"));
    if (id == null) {
      throw new Refusal(404, NOT_FOUND);
    }
    return id;
  }
}
