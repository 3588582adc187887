package com.medcontracthub.opportunities.reports;

import static com.medcontracthub.testkit.ServiceCalls.call;
import static com.medcontracthub.testkit.ServiceCalls.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.opportunities.ReportsVerticle;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A tenant's pipeline reports on the event bus, as the gateway calls them, against the embedded PostgreSQL. */
@ExtendWith(VertxExtension.class)
@DisplayName("Pipeline reports")
class ReportsTest {

  private final JsonObject alice = new Principal(UUID.randomUUID(), UUID.randomUUID(), "member", "a@a.example").toJson();
  private final JsonObject mallory = new Principal(UUID.randomUUID(), UUID.randomUUID(), "admin", "m@m.example").toJson();
  private MchConfig config;
  private Pool pool;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .compose(loaded -> {
          config = loaded;
          pool = PgPools.create(vertx, config);
          return vertx.deployVerticle(new ReportsVerticle(config));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void close(VertxTestContext ctx) {
    pool.close().onComplete(ctx.succeedingThenComplete());
  }

  private static JsonObject id(String id) {
    return new JsonObject().put("path", new JsonObject().put("id", id));
  }

  @Test
  @DisplayName("a user makes a report of the tenant's pipeline now: listed newest first, its PDF in the blob store, and "
      + "another tenant sees neither (404)")
  void madeOnRequest(Vertx vertx, VertxTestContext ctx) {
    call(vertx, Addresses.REPORTS_CREATE, alice, new JsonObject())
        .compose(first -> call(vertx, Addresses.REPORTS_CREATE, alice, new JsonObject()).map(second -> List.of(first, second)))
        .compose(made -> call(vertx, Addresses.REPORTS_LIST, alice, new JsonObject())
            .compose(listed -> call(vertx, Addresses.REPORTS_FILE, alice, id(made.get(1).getString("id")))
                .compose(file -> Future.all(List.of(
                        failureCode(call(vertx, Addresses.REPORTS_FILE, mallory, id(made.get(1).getString("id")))),
                        failureCode(call(vertx, Addresses.REPORTS_FILE, alice, id("not-a-report"))),
                        call(vertx, Addresses.REPORTS_LIST, mallory, new JsonObject()),
                        BlobStore.of(vertx, config).read(file.getString("blob"), 10_000_000)))
                    .map(others -> List.of(made, listed, file, others.list())))))
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          @SuppressWarnings("unchecked")
          List<JsonObject> made = (List<JsonObject>) outcome.get(0);
          JsonObject second = made.get(1);
          assertEquals(alice.getString(Principal.USER_ID), second.getString("requestedBy"));
          assertEquals(null, second.getValue("week"));
          assertEquals(0, second.getInteger("entries"));
          assertEquals("/api/v1/reports/" + second.getString("id") + "/file", second.getString("file"));
          JsonObject listed = (JsonObject) outcome.get(1);
          assertEquals(List.of(second.getString("id"), made.get(0).getString("id")), listed.getJsonArray("reports")
              .stream().map(report -> ((JsonObject) report).getString("id")).toList());
          JsonObject file = (JsonObject) outcome.get(2);
          assertTrue(file.getString("name").matches("pipeline-report-\\d{4}-\\d{2}-\\d{2}\\.pdf"), file.encode());
          List<?> others = (List<?>) outcome.get(3);
          try (var document = Loader.loadPDF(((Buffer) others.get(3)).getBytes())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Made on request"), text);
            assertTrue(text.contains("Every opportunity in the pipeline (0)\nNone."), text);
          }
          assertEquals(404, others.get(0));
          assertEquals(404, others.get(1));
          assertEquals(0, ((JsonObject) others.get(2)).getJsonArray("reports").size());
          ctx.completeNow();
        })));
  }

  /** A report's file, as the link in an e-mail asks for it: no login, the report's id and a token. */
  private static Future<JsonObject> linked(Vertx vertx, String id, String token) {
    return vertx.eventBus().<JsonObject>request(Addresses.REPORTS_FILE, id(id).put(PipelineReports.TOKEN, token))
        .map(Message::body);
  }

  @Test
  @DisplayName("the link an e-mail carries downloads its report without a login; another token, or none, opens nothing")
  void downloadLink(Vertx vertx, VertxTestContext ctx) {
    call(vertx, Addresses.REPORTS_CREATE, alice, new JsonObject()).compose(report -> pool
            .preparedQuery("SELECT download_token FROM opportunities.pipeline_reports WHERE id = $1")
            .execute(Tuple.of(UUID.fromString(report.getString("id")))).map(rows -> rows.iterator().next().getString(0))
            .compose(token -> Future.all(linked(vertx, report.getString("id"), token),
                failureCode(linked(vertx, report.getString("id"), "guessed")),
                failureCode(vertx.eventBus().request(Addresses.REPORTS_FILE, id(report.getString("id")))))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertTrue(all.<JsonObject>resultAt(0).getString("name").startsWith("pipeline-report-"), all.resultAt(0)::toString);
          assertEquals(404, (int) all.resultAt(1));
          assertEquals(404, (int) all.resultAt(2));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a tenant may ask for 10 reports an hour; the 11th is a 429 that says why")
  void hourlyAllowance(Vertx vertx, VertxTestContext ctx) {
    JsonObject bob = new Principal(UUID.randomUUID(), UUID.randomUUID(), "member", "b@b.example").toJson();
    Future<JsonObject> asked = Future.succeededFuture();
    for (int i = 0; i < 10; i++) {
      asked = asked.compose(v -> call(vertx, Addresses.REPORTS_CREATE, bob, new JsonObject()));
    }
    asked.compose(tenth -> vertx.eventBus().request(Addresses.REPORTS_CREATE, new JsonObject().put("principal", bob)))
        .onComplete(ctx.failing(refused -> ctx.verify(() -> {
          ReplyException reply = (ReplyException) refused;
          assertEquals(429, reply.failureCode());
          assertTrue(reply.getMessage().startsWith("a tenant may ask for 10 reports an hour"), reply.getMessage());
          ctx.completeNow();
        })));
  }
}
