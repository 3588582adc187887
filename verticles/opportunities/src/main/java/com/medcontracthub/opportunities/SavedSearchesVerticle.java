package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.CREATED;
import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.correlationId;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;
import static com.medcontracthub.platform.bus.Consumers.uuidOrNull;

import com.medcontracthub.opportunities.saved.SavedSearchStore;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.opportunities.search.SearchQuery;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.codecs.request.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's saved searches on the event bus: the same filters as the search (validated by {@link SearchQuery}),
 * under a name. Another tenant's search is 404, never 403.
 */
public final class SavedSearchesVerticle extends VerticleBase {

  private static final int MAX_NAME = 100;
  private static final String NOT_FOUND = "no such saved search";
  private static final Set<String> FIELDS = Set.of("name", "filters");

  private final MchConfig config;
  private Pool pool;

  public SavedSearchesVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, config);
    SavedSearchStore store = new SavedSearchStore(pool);
    return Future.all(List.of(
        serve(vertx, Addresses.SAVED_SEARCHES_LIST,
            m -> store.list(principal(m).tenantId()).map(all -> new JsonObject().put("savedSearches", all))),
        serve(vertx, Addresses.SAVED_SEARCHES_GET, m -> found(store.get(principal(m).tenantId(), id(m)))),
        serve(vertx, Addresses.SAVED_SEARCHES_CREATE, CREATED, m -> {
          Principal caller = principal(m);
          JsonObject body = body(m, FIELDS);
          return store.create(caller.tenantId(), caller.userId(), name(body), filters(body), correlationId(m));
        }),
        serve(vertx, Addresses.SAVED_SEARCHES_UPDATE, m -> {
          JsonObject body = body(m, FIELDS);
          return found(store.update(principal(m).tenantId(), id(m), name(body), filters(body), correlationId(m)));
        }),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_LIST, new JsonObject()
            .put("summary", "the tenant's saved searches, by name")
            .put("response", new JsonObject().put("type", "object").put("required", new JsonArray().add("savedSearches"))
                .put("properties", new JsonObject().put("savedSearches",
                    new JsonObject().put("type", "array").put("items", SAVED_SEARCH))))),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_GET,
            new JsonObject().put("summary", "one saved search of the tenant").put("response", SAVED_SEARCH)),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_CREATE, declaration("save a search of the tenant")
            .put("status", CREATED)),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_UPDATE, declaration("change a saved search")),
        ServiceSchemas.declare(vertx, Addresses.SAVED_SEARCHES_DELETE, new JsonObject()
            .put("summary", "delete a saved search of the tenant")
            .put("response", new JsonObject("""
                {"type": "object", "required": ["deleted"], "properties": {"deleted": {"const": true}}}"""))),
        serve(vertx, Addresses.SAVED_SEARCHES_DELETE, m -> store.delete(principal(m).tenantId(), id(m))
            .compose(deleted -> deleted ? Future.succeededFuture(new JsonObject().put("deleted", true))
                : Future.failedFuture(new Refusal(404, NOT_FOUND))))));
  }

  /** A saved search as every route answers it. */
  private static final JsonObject SAVED_SEARCH = new JsonObject("""
      {"type": "object", "required": ["id", "name", "filters", "createdBy", "createdAt", "updatedAt"], "properties": {
        "id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
        "filters": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "createdBy": {"type": "string", "format": "uuid"}, "createdAt": {"type": "string"},
        "updatedAt": {"type": "string"}}}""");

  /**
   * What create and update take and answer, for the gateway's OpenAPI document (the checks here stay the service's
   * own).
   */
  private static JsonObject declaration(String summary) {
    return new JsonObject().put("summary", summary).put("response", SAVED_SEARCH).put("body", new JsonObject().put("type", "object")
        .put("additionalProperties", false).put("required", new JsonArray().add("name").add("filters"))
        .put("properties", new JsonObject()
            .put("name", new JsonObject().put("type", "string").put("minLength", 1).put("maxLength", MAX_NAME))
            .put("filters", new JsonObject().put("type", "object")
                .put("description", "the query parameters of GET /api/v1/opportunities"))));
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

  private static String name(JsonObject body) {
    if (!(body.getValue("name") instanceof String name) || name.isBlank() || name.length() > MAX_NAME) {
      throw new Refusal(400, "name: expected 1 to " + MAX_NAME + " characters");
    }
    return name.trim();
  }

  /**
   * The search filters as the search endpoint takes them ({@code {"naics": ["339112"], "q": "gloves"}}, a single value
   * may be given without a list), checked the same way; a cursor is a position in one listing, not a filter.
   */
  private static JsonObject filters(JsonObject body) {
    if (!(body.getValue("filters") instanceof JsonObject given)) {
      throw new Refusal(400, "filters: expected an object of search parameters");
    }
    JsonObject lists = new JsonObject();
    for (String name : given.fieldNames()) {
      Object value = given.getValue(name);
      if (value instanceof String s) {
        lists.put(name, new JsonArray().add(s));
      } else if (value instanceof JsonArray array && array.stream().allMatch(v -> v instanceof String)) {
        lists.put(name, array);
      } else {
        throw new Refusal(400, "filters." + name + ": expected a string or a list of strings");
      }
    }
    if (lists.containsKey("cursor")) {
      throw new Refusal(400, "filters.cursor: a cursor cannot be saved");
    }
    SearchQuery.from(lists);
    return lists;
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
