package com.medcontracthub.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.ai.index.CommittedNotices;
import com.medcontracthub.ai.index.WeaviateReplay;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.OpportunityChanges;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on the event bus, as the bridge and the gateway reach it, with the real opportunities service it reads
 * notices back from (PostgreSQL, Redis): a change indexed once answered, found by meaning with its passage, similar
 * notices, an archived notice gone from search, bad requests refused, one embedded index per cluster.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The AI service")
class AiVerticleTest {

  @TempDir
  Path dir;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private MchConfig config;
  private Pool pool;

  @BeforeEach
  void start(Vertx vertx) {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    env.put("MCH_SERVICES", "opportunities,ai");
    env.put(ConfigKeys.envName(ConfigKeys.AI_DIR), dir.toString());
    config = ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of()).await();
    EventCodec.registerAll(vertx);
    pool = PgPools.create(vertx, config);
    vertx.deployVerticle(new OpportunitiesVerticle(config)).await();
  }

  private String id(String name) {
    return name + "-" + suffix;
  }

  private Future<Void> importNotice(Vertx vertx, String name, String title, String description, String active) {
    return importNotice(vertx, new JsonObject().put("noticeId", id(name)).put("title", title)
        .put("postedDate", "2026-11-20").put("description", description).put("active", active)
        .put("naicsCode", "339113"));
  }

  private Future<Void> importNotice(Vertx vertx, JsonObject notice) {
    String record = notice.encode();
    return vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
        () -> new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { })).mapEmpty();
  }

  /** As the bridge delivers a record of mch.opportunity.events: answered once the index has it. */
  private static Future<Void> changed(Vertx vertx, String noticeId) {
    OpportunityChanged event = OpportunityChanged.newBuilder()
        .setEnvelope(Events.envelope(OpportunityChanged.class, "test", null, null, noticeId))
        .setNoticeId(noticeId).setChange(OpportunityChanges.UPDATED).build();
    return vertx.eventBus().request(Addresses.AI_OPPORTUNITY_EVENTS, event).mapEmpty();
  }

  private static JsonObject principal(UUID tenant) {
    return new JsonObject().put("userId", UUID.randomUUID().toString()).put("tenantId", tenant.toString())
        .put("role", "member").put("email", "m@ai.example");
  }

  private static JsonObject request(JsonObject query, JsonObject path) {
    return request(principal(UUID.randomUUID()), query, path, null);
  }

  private static JsonObject request(JsonObject principal, JsonObject query, JsonObject path, JsonObject body) {
    return new JsonObject().put(ServiceRequest.QUERY, query).put(ServiceRequest.PATH, path)
        .put(ServiceRequest.PRINCIPAL, principal).put(ServiceRequest.BODY, body);
  }

  private static Future<JsonObject> call(Vertx vertx, String address, JsonObject request) {
    return vertx.eventBus().<JsonObject>request(address, request).map(reply -> reply.body());
  }

  @Test
  @DisplayName("keeps the tenant's profile, and analyses a notice against it: answered 202, then stored with the "
      + "requirements in their sentences and a score with its reasons, for that tenant only")
  void profileAndAnalysis(Vertx vertx) {
    vertx.deployVerticle(new AiVerticle(config, HealthChecks.create(vertx))).await();
    importNotice(vertx, new JsonObject().put("noticeId", id("gloves")).put("title", "Nitrile Examination Gloves")
        .put("postedDate", "2026-11-20").put("active", "Yes").put("naicsCode", "339113").put("typeOfSetAside", "SBA")
        .put("description", "Powder-free nitrile exam gloves. Gloves shall meet ASTM D6319 and be FDA 510(k) "
            + "cleared. Quotes are due no later than January 15, 2027, 2:00 PM EST.")).await();
    JsonObject caller = principal(UUID.randomUUID());
    JsonObject none = new JsonObject();
    assertEquals(404, failure(call(vertx, Addresses.AI_PROFILE, request(caller, none, none, null))).failureCode());
    assertEquals(400, failure(call(vertx, Addresses.AI_PROFILE_PUT, request(caller, none, none, new JsonObject()
        .put("capability", "Gloves").put("certifications", new JsonArray().add("ISO 99"))))).failureCode());
    assertEquals(400, failure(call(vertx, Addresses.AI_PROFILE_PUT, request(caller, none, none, new JsonObject()
        .put("capability", "Gloves").put("pastWins", new JsonArray().add("x".repeat(501)))))).failureCode());
    JsonObject profile = new JsonObject().put("capability", "We manufacture nitrile and latex examination gloves.")
        .put("naics", new JsonArray().add("339113")).put("certifications", new JsonArray().add("small business")
            .add("FDA 510(k) clearance")).put("pastWins", new JsonArray().add("Latex exam gloves for the Army, 2024"));
    call(vertx, Addresses.AI_PROFILE_PUT, request(caller, none, none, profile)).await();
    assertEquals(profile, call(vertx, Addresses.AI_PROFILE, request(caller, none, none, null)).await());

    JsonObject gloves = new JsonObject().put("id", id("gloves"));
    assertEquals(404, failure(call(vertx, Addresses.AI_ANALYSIS_START, request(caller, none,
        new JsonObject().put("id", "no-such-notice"), null))).failureCode());
    assertEquals("running", call(vertx, Addresses.AI_ANALYSIS_START, request(caller, none, gloves, null)).await()
        .getString("state"));
    AtomicReference<JsonObject> analysis = new AtomicReference<>();
    Eventually.untilTrue(vertx, () -> call(vertx, Addresses.AI_ANALYSIS, request(caller, none, gloves, null))
        .map(found -> {
          analysis.set(found);
          return !found.getString("state").equals("running");
        }), 10_000, "the analysis done").await();
    JsonObject done = analysis.get();
    assertEquals("done", done.getString("state"), done.encode());
    assertEquals(List.of("fda-510k: FDA 510(k) clearance", "standard: ASTM D6319",
        "response-deadline: January 15, 2027, 2:00 PM EST"), done.getJsonArray("requirements").stream()
        .map(r -> ((JsonObject) r).getString("kind") + ": " + ((JsonObject) r).getString("value")).toList());
    JsonObject fit = done.getJsonObject("fit");
    assertEquals(List.of("NAICS 339113 is one you work in", "it is set aside for small business, which you are",
        "it asks for FDA 510(k) clearance, which you hold"), fit.getJsonArray("reasons").stream()
        .map(r -> ((JsonObject) r).getString("reason")).limit(3).toList());
    String likeTheWin = fit.getJsonArray("reasons").stream().map(r -> ((JsonObject) r).getString("reason"))
        .reduce((first, second) -> second).orElseThrow();
    assertTrue(likeTheWin.startsWith("it resembles a contract you won, \"Latex exam gloves for the Army, 2024\""),
        likeTheWin);
    assertTrue(fit.getInteger("score") >= 80, fit.encode());
    assertEquals("bid", fit.getString("recommendation"));
    assertEquals(404, failure(call(vertx, Addresses.AI_ANALYSIS, request(principal(UUID.randomUUID()), none, gloves,
        null))).failureCode(), "another tenant's analyses are not this one's");
  }

  private static Future<JsonObject> search(Vertx vertx, String q, String mode) {
    JsonObject query = new JsonObject().put("q", new JsonArray().add(q)).put("mode", new JsonArray().add(mode));
    return vertx.eventBus().<JsonObject>request(Addresses.AI_SEARCH, request(query, new JsonObject()))
        .map(reply -> reply.body());
  }


  private List<String> ids(JsonObject found) {
    return found.getJsonArray("hits").stream().map(h -> ((JsonObject) h).getString("noticeId"))
        .filter(id -> id.endsWith(suffix)).toList();
  }

  @Test
  @DisplayName("indexes a changed notice once answered: found by meaning with its passage, like its neighbour, and "
      + "gone once archived")
  void changesThenSearch(Vertx vertx) throws IOException {
    vertx.deployVerticle(new AiVerticle(config, HealthChecks.create(vertx))).await();
    importNotice(vertx, new JsonObject().put("noticeId", id("gloves")).put("title", "Nitrile Examination Gloves")
        .put("postedDate", "2026-11-20").put("active", "Yes").put("naicsCode", "339113")
        .put("description", "Powder-free nitrile exam gloves in sizes S to XL. Gloves shall meet ASTM D6319.")
        .put("responseDeadLine", "2026-12-15T14:00:00-05:00").put("typeOfSetAside", "SBA")
        .put("fullParentPathName", "VETERANS AFFAIRS, DEPARTMENT OF.NATIONAL ACQUISITION CENTER (36C797)")).await();
    importNotice(vertx, "surgical", "Sterile Surgical Gloves", "Sterile latex surgeon's gloves for operating rooms.",
        "Yes").await();
    importNotice(vertx, "beds", "Electric Hospital Beds", "Fully electric beds with pressure mattresses.", "Yes")
        .await();
    for (String name : List.of("gloves", "surgical", "beds")) {
      changed(vertx, id(name)).await();
      assertTrue(CommittedNotices.in(dir).contains(id(name)), "answered once on disk: " + name);
    }
    long made = CommittedNotices.segmentsMade(dir);
    changed(vertx, id("gloves")).await();
    assertEquals(made, CommittedNotices.segmentsMade(dir), "a notice the index holds as it is, not written again");
    importNotice(vertx, "beds", "Electric Hospital Beds", "Fully electric beds with pressure mattresses and rails.",
        "Yes").await();
    changed(vertx, id("beds")).await();
    assertTrue(CommittedNotices.segmentsMade(dir) > made, "a changed one written anew");

    JsonObject found = search(vertx, "hand protection for clinicians", "semantic").await();
    assertEquals(Set.of(id("gloves"), id("surgical")), Set.copyOf(ids(found).subList(0, 2)), "both gloves lead");
    assertEquals(id("beds"), ids(found).get(2));
    JsonObject gloves = found.getJsonArray("hits").stream().map(JsonObject.class::cast)
        .filter(hit -> hit.getString("noticeId").equals(id("gloves"))).findFirst().orElseThrow();
    assertEquals("Powder-free nitrile exam gloves in sizes S to XL.", gloves.getString("passage"),
        "no word is shared: the description's first sentence");
    assertEquals(List.of("339113"), gloves.getJsonArray("naicsCodes").getList());

    JsonObject exact = search(vertx, "ASTM D6319", "keyword").await();
    assertEquals(List.of(id("gloves")), ids(exact));
    assertEquals("Gloves shall meet ASTM D6319.", exact.getJsonArray("hits").getJsonObject(0).getString("passage"));

    JsonObject filtered = vertx.eventBus().<JsonObject>request(Addresses.AI_SEARCH, request(new JsonObject()
        .put("q", new JsonArray().add("gloves")).put("setAside", new JsonArray().add("SBA"))
        .put("agency", new JsonArray().add("national acquisition center"))
        .put("dueFrom", new JsonArray().add("2026-12-15")).put("dueTo", new JsonArray().add("2026-12-15")),
        new JsonObject())).await().body();
    assertEquals(List.of(id("gloves")), ids(filtered), "the set-aside, the agency's words and the deadline's day");
    assertEquals("2026-12-15T19:00:00Z", filtered.getJsonArray("hits").getJsonObject(0).getString("responseDeadline"));

    JsonObject similar = vertx.eventBus().<JsonObject>request(Addresses.AI_SIMILAR,
        request(new JsonObject(), new JsonObject().put("id", id("gloves")))).await().body();
    assertEquals(List.of(id("surgical"), id("beds")), ids(similar), "nearest first, the notice itself left out");

    importNotice(vertx, "gloves", "Nitrile Examination Gloves", "Archived.", "No").await();
    changed(vertx, id("gloves")).await();
    changed(vertx, id("gloves")).await();
    assertEquals(List.of(id("surgical"), id("beds")), ids(search(vertx, "nitrile exam gloves", "hybrid").await()),
        "an archived notice leaves search, however often its change comes");
  }

  @Test
  @DisplayName("refuses a search without words (400), a caller without a login (401) and an unknown notice (404)")
  void refusals(Vertx vertx) {
    vertx.deployVerticle(new AiVerticle(config, HealthChecks.create(vertx))).await();
    assertEquals(400, failure(search(vertx, " ", "hybrid")).failureCode());
    assertEquals(400, failure(search(vertx, "gloves", "fuzzy")).failureCode());
    assertEquals(401, failure(vertx.eventBus().request(Addresses.AI_SEARCH, new JsonObject()
        .put(ServiceRequest.QUERY, new JsonObject().put("q", new JsonArray().add("gloves")))).mapEmpty())
        .failureCode());
    ReplyException unknown = failure(vertx.eventBus().request(Addresses.AI_SIMILAR,
        request(new JsonObject(), new JsonObject().put("id", "no-such-notice"))).mapEmpty());
    assertEquals(404, unknown.failureCode());
    assertTrue(unknown.getMessage().contains("no-such-notice"));
  }

  @Test
  @DisplayName("keeps its embedded index in one instance at a time: a second is refused while the first runs; the "
      + "running one's index is in the JVM's readiness, and leaves it when undeployed")
  void oneEmbeddedIndex(Vertx vertx) {
    HealthChecks health = HealthChecks.create(vertx);
    String first = vertx.deployVerticle(new AiVerticle(config, health)).await();
    assertTrue(health.checkStatus(AiVerticle.INDEX_CHECK).await().getUp(), "the index can write");
    Throwable refused = failureOf(vertx.deployVerticle(new AiVerticle(config, health)));
    assertTrue(refused instanceof ConfigException, refused.toString());
    assertTrue(refused.getMessage().startsWith("ai.dir: the embedded index is one JVM's files"), refused.getMessage());
    assertTrue(health.checkStatus(AiVerticle.INDEX_CHECK).await().getUp(), "the refused one left the check alone");
    vertx.undeploy(first).await();
    String checks = health.checkStatus().await().toJson().encode();
    assertFalse(checks.contains(AiVerticle.INDEX_CHECK), "no index, no check: " + checks);
    vertx.deployVerticle(new AiVerticle(config, health)).await();
  }

  @Test
  @DisplayName("with Weaviate for its store, runs in as many instances as wanted (no lock) and searches there")
  void weaviateStore(Vertx vertx) throws IOException {
    WeaviateReplay weaviate = new WeaviateReplay().start(vertx).await();
    MchConfig shared = config.with(Map.of(ConfigKeys.AI_STORE, "weaviate",
        ConfigKeys.AI_WEAVIATE_URL, "http://127.0.0.1:" + weaviate.httpPort(),
        ConfigKeys.AI_WEAVIATE_GRPC_PORT, String.valueOf(weaviate.grpcPort())), "test");
    HealthChecks health = HealthChecks.create(vertx);
    vertx.deployVerticle(new AiVerticle(shared, health)).await();
    vertx.deployVerticle(new AiVerticle(shared, HealthChecks.create(vertx))).await();
    assertTrue(health.checkStatus(AiVerticle.INDEX_CHECK).await().getUp());
    JsonObject found = search(vertx, "nitrile gloves", "hybrid").await();
    assertEquals(List.of(), found.getJsonArray("hits").getList(), "the replay's empty answer, read as none");
    assertEquals("nitrile gloves", weaviate.grpc(SearchRequest.class).get(0).getHybridSearch().getQuery(),
        "asked of Weaviate, as its hybrid search");
    weaviate.stop().await();
  }

  private static ReplyException failure(Future<?> future) {
    return (ReplyException) failureOf(future);
  }

  private static Throwable failureOf(Future<?> future) {
    return assertThrows(Throwable.class, future::await, "expected a failure");
  }
}
