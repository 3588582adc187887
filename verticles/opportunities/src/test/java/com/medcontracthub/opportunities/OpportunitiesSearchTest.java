package com.medcontracthub.opportunities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Searches through the event-bus API of the opportunities service, against the embedded PostgreSQL. */
@ExtendWith(VertxExtension.class)
@DisplayName("Opportunity search")
class OpportunitiesSearchTest {

  /** Each test searches its own solicitation-number prefix, through full text, so tests do not see each other. */
  private final String p = "t" + UUID.randomUUID().toString().substring(0, 8);
  private Pool pool;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    String uri = TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI);
    Migrations.apply(uri);
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(uri)).using(vertx).build();
    ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .compose(config -> vertx.deployVerticle(new OpportunitiesVerticle(config)))
        .onComplete(ctx.succeedingThenComplete());
  }

  private void load(Vertx vertx, String jsonLines) throws Exception {
    vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
        () -> new ByteArrayInputStream(jsonLines.replace("{p}", p).getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { }))
        .await();
  }

  private static final String DATA = """
      {"noticeId": "{p}-1", "title": "Nitrile exam gloves {p}", "solicitationNumber": "{p}-A", "postedDate": "2024-03-01", "responseDeadLine": "2024-04-01T17:00:00-04:00", "naicsCode": "339113", "classificationCode": "6515", "typeOfSetAside": "SDVOSBC", "fullParentPathName": "VETERANS AFFAIRS, DEPARTMENT OF", "placeOfPerformance": {"state": {"code": "TX"}}, "active": "Yes"}
      {"noticeId": "{p}-2", "title": "Infusion pumps {p}", "solicitationNumber": "{p}-B", "postedDate": "2024-03-02", "responseDeadLine": "2024-03-20T12:00:00-05:00", "naicsCode": "339112", "classificationCode": "6515", "typeOfSetAside": "SBA", "fullParentPathName": "DEPT OF DEFENSE.DEFENSE LOGISTICS AGENCY", "placeOfPerformance": {"state": {"code": "PA"}}, "active": "Yes"}
      {"noticeId": "{p}-3", "title": "Dental chairs {p}", "solicitationNumber": "{p}-C", "postedDate": "2024-03-03", "naicsCode": "339114", "classificationCode": "6520", "fullParentPathName": "HEALTH AND HUMAN SERVICES, DEPARTMENT OF.INDIAN HEALTH SERVICE", "placeOfPerformance": {"state": {"code": "AZ"}}, "active": "No"}
      {"noticeId": "{p}-4", "title": "Nitrile exam gloves {p} (Amendment 1)", "solicitationNumber": "{p}-A", "postedDate": "2024-03-04", "responseDeadLine": "2024-04-05T17:00:00-04:00", "naicsCode": "339113", "classificationCode": "6515", "typeOfSetAside": "SDVOSBC", "fullParentPathName": "VETERANS AFFAIRS, DEPARTMENT OF", "placeOfPerformance": {"state": {"code": "TX"}}, "active": "Yes"}
      """;

  private Future<JsonObject> search(Vertx vertx, Map<String, List<String>> params) {
    JsonObject query = new JsonObject();
    query.put("q", new JsonArray().add(p));
    params.forEach((k, v) -> query.put(k, new JsonArray(v)));
    return vertx.eventBus().<JsonObject>request(Addresses.OPPORTUNITIES_SEARCH, new JsonObject().put("query", query))
        .map(m -> m.body());
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("noticeId")).toList();
  }

  @Test
  @DisplayName("filters by every parameter, alone and combined, showing an amendment instead of what it amends")
  void filters(Vertx vertx, VertxTestContext ctx) throws Exception {
    load(vertx, DATA);
    Map<Map<String, List<String>>, List<String>> expected = new java.util.LinkedHashMap<>();
    expected.put(Map.of(), List.of(p + "-4", p + "-3", p + "-2"));
    expected.put(Map.of("naics", List.of("339112", "339114")), List.of(p + "-3", p + "-2"));
    expected.put(Map.of("psc", List.of("651")), List.of(p + "-4", p + "-2"));
    expected.put(Map.of("setAside", List.of("SDVOSBC")), List.of(p + "-4"));
    expected.put(Map.of("agency", List.of("indian health")), List.of(p + "-3"));
    expected.put(Map.of("state", List.of("pa")), List.of(p + "-2"));
    expected.put(Map.of("postedFrom", List.of("2024-03-02"), "postedTo", List.of("2024-03-03")), List.of(p + "-3", p + "-2"));
    expected.put(Map.of("dueFrom", List.of("2024-03-20"), "dueTo", List.of("2024-03-20")), List.of(p + "-2"));
    expected.put(Map.of("active", List.of("false")), List.of(p + "-3"));
    expected.put(Map.of("sort", List.of("due")), List.of(p + "-2", p + "-4", p + "-3"));
    expected.put(Map.of("naics", List.of("339113", "339112"), "state", List.of("TX"), "active", List.of("true")),
        List.of(p + "-4"));
    List<Future<?>> checks = new ArrayList<>();
    expected.forEach((params, ids) -> checks.add(search(vertx, params).map(page -> {
      ctx.verify(() -> assertEquals(ids, ids(page), params.toString()));
      return page;
    })));
    List<String> byDeadline = new ArrayList<>();
    checks.add(readPages(vertx, Map.of("sort", List.of("due"), "limit", List.of("1")), null, byDeadline).map(v -> {
      ctx.verify(() -> assertEquals(List.of(p + "-2", p + "-4", p + "-3"), byDeadline, "pages by deadline, none last"));
      return v;
    }));
    Future.all(checks).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("pages with a cursor without gaps or repeats while new opportunities arrive")
  void cursorUnderInserts(Vertx vertx, VertxTestContext ctx) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      lines.append(String.format("{\"noticeId\": \"{p}-%03d\", \"title\": \"Gauze {p}\", \"postedDate\": \"2024-0%d-%02d\"}%n",
          i, 1 + i % 9, 1 + i % 28));
    }
    load(vertx, lines.toString());
    Set<String> before = new HashSet<>();
    for (int i = 0; i < 120; i++) {
      before.add(String.format("%s-%03d", p, i));
    }
    List<String> seen = new ArrayList<>();
    AtomicInteger inserted = new AtomicInteger();
    // a newer notice arrives between every two pages, each before the page after it is asked for
    Supplier<Future<?>> arrives = () -> vertx.executeBlocking(() -> {
      int i = inserted.getAndIncrement();
      byte[] notice = String.format(
          "{\"noticeId\": \"%s-new%d\", \"title\": \"Gauze %s\", \"postedDate\": \"2025-01-%02d\"}", p, i, p, 1 + i % 28)
          .getBytes(StandardCharsets.UTF_8);
      return new Importer(new OpportunityStore(pool)).run(() -> new ByteArrayInputStream(notice), "test", (r, b) -> { });
    });
    readPages(vertx, Map.of("limit", List.of("7")), null, seen, arrives).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertTrue(inserted.get() >= 17, "a notice arrived between every two of the 18 pages: " + inserted.get());
      assertEquals(seen.size(), new HashSet<>(seen).size(), "no repeats");
      assertTrue(seen.containsAll(before), "no gaps among the notices present when paging began");
      ctx.completeNow();
    })));
  }

  private Future<Void> readPages(Vertx vertx, Map<String, List<String>> params, String cursor, List<String> seen) {
    return readPages(vertx, params, cursor, seen, Future::succeededFuture);
  }

  /** Every page from {@code cursor} on, doing {@code between} after each page before asking for the next. */
  private Future<Void> readPages(Vertx vertx, Map<String, List<String>> params, String cursor, List<String> seen,
      Supplier<Future<?>> between) {
    Map<String, List<String>> withCursor = new java.util.HashMap<>(params);
    if (cursor != null) {
      withCursor.put("cursor", List.of(cursor));
    }
    return search(vertx, withCursor).compose(page -> {
      seen.addAll(ids(page));
      String next = page.getString("nextCursor");
      return next == null ? Future.succeededFuture()
          : between.get().compose(v -> readPages(vertx, params, next, seen, between));
    });
  }

  @Test
  @DisplayName("refuses malformed parameters with a 400 naming the parameter, and answers 404 for an unknown id")
  void badInput(Vertx vertx, VertxTestContext ctx) throws Exception {
    load(vertx, DATA);
    Map<Map<String, List<String>>, String> bad = Map.of(
        Map.of("limit", List.of("1000")), "limit: expected a number from 1 to 100, got '1000'",
        Map.of("postedFrom", List.of("yesterday")), "postedFrom: expected a date like 2024-03-01, got 'yesterday'",
        Map.of("cursor", List.of("'; DROP TABLE opportunities; --")), "cursor: not a cursor this API gave out",
        Map.of("sort", List.of("price")), "sort: expected posted or due, got 'price'",
        Map.of("colour", List.of("blue")), "colour: unknown parameter");
    List<Future<?>> checks = new ArrayList<>();
    bad.forEach((params, message) -> checks.add(search(vertx, params).transform(ar -> {
      ctx.verify(() -> {
        assertTrue(ar.failed(), params.toString());
        assertEquals(400, ((ReplyException) ar.cause()).failureCode());
        assertTrue(ar.cause().getMessage().startsWith(message), ar.cause().getMessage());
      });
      return Future.succeededFuture();
    })));
    checks.add(vertx.eventBus().request(Addresses.OPPORTUNITIES_GET, new JsonObject().put("path",
        new JsonObject().put("id", p + "-404"))).transform(ar -> {
          ctx.verify(() -> assertEquals(404, ((ReplyException) ar.cause()).failureCode()));
          return Future.succeededFuture();
        }));
    checks.add(vertx.eventBus().<JsonObject>request(Addresses.OPPORTUNITIES_GET, new JsonObject().put("path",
        new JsonObject().put("id", p + "-1"))).map(m -> {
          ctx.verify(() -> {
            assertEquals(p + "-4", m.body().getString("supersededBy"));
            assertEquals("2024-04-01T21:00Z", m.body().getString("responseDeadline"));
            assertEquals(new JsonArray().add(p + "-4"), m.body().getJsonArray("versions"), "its amendment");
          });
          return m;
        }));
    checks.add(vertx.eventBus().<JsonObject>request(Addresses.OPPORTUNITIES_GET, new JsonObject().put("path",
        new JsonObject().put("id", p + "-2"))).map(m -> {
          ctx.verify(() -> {
            assertNull(m.body().getString("supersededBy"));
            assertEquals(new JsonArray(), m.body().getJsonArray("versions"), "a solicitation of one notice");
          });
          return m;
        }));
    Future.all(checks).compose(v -> search(vertx, Map.of())).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertEquals(3, page.getJsonArray("items").size(), "still there after the SQL-looking cursor");
      assertNull(page.getString("nextCursor"));
      ctx.completeNow();
    })));
  }
}
