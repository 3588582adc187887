package com.medcontracthub.opportunities.alerts;

import static com.medcontracthub.testkit.ServiceCalls.call;
import static com.medcontracthub.testkit.ServiceCalls.failureCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.opportunities.AlertsVerticle;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user's own pipeline e-mails on the event bus, as the gateway calls them, against the embedded PostgreSQL. */
@ExtendWith(VertxExtension.class)
@DisplayName("Pipeline e-mail settings")
class PipelineEmailSettingsTest {

  private final UUID tenant = UUID.randomUUID();
  private final JsonObject alice = new Principal(UUID.randomUUID(), tenant, "member", "alice@a.example").toJson();
  private final JsonObject bob = new Principal(UUID.randomUUID(), tenant, "member", "bob@a.example").toJson();
  private Pool pool;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .map(config -> config.with(Map.of(ConfigKeys.JOBS_PREFIX, "pipeline-emails-" + UUID.randomUUID()), "test"))
        .compose(config -> {
          pool = PgPools.create(vertx, config);
          return vertx.deployVerticle(new AlertsVerticle(config));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void close(VertxTestContext ctx) {
    pool.close().onComplete(ctx.succeedingThenComplete());
  }

  private static JsonObject set(String timeZone, boolean reminders, boolean report) {
    return new JsonObject().put("body", new JsonObject().put("timeZone", timeZone).put("deadlineReminders", reminders)
        .put("weeklyReport", report));
  }

  @Test
  @DisplayName("a user turns reminders and the weekly report on in a time zone, changes them, and turns them off; "
      + "another user's stay off")
  void onAndOff(Vertx vertx, VertxTestContext ctx) {
    call(vertx, Addresses.PIPELINE_EMAILS_GET, alice, new JsonObject())
        .onSuccess(off -> ctx.verify(() -> assertEquals(new JsonObject().put("deadlineReminders", false)
            .put("weeklyReport", false).put("daysBefore", new JsonArray(List.of(7, 3, 1))).put("hour", 7), off)))
        .compose(off -> call(vertx, Addresses.PIPELINE_EMAILS_SET, alice, set("America/Denver", true, true)))
        .onSuccess(on -> ctx.verify(() -> {
          assertEquals(List.of(true, true, "America/Denver", "alice@a.example"), List.of(on.getBoolean("deadlineReminders"),
              on.getBoolean("weeklyReport"), on.getString("timeZone"), on.getString("email")));
        }))
        .compose(on -> call(vertx, Addresses.PIPELINE_EMAILS_SET, alice, set("America/Chicago", false, true)))
        .compose(moved -> call(vertx, Addresses.PIPELINE_EMAILS_GET, alice, new JsonObject()))
        .onSuccess(read -> ctx.verify(() -> assertEquals(List.of(false, true, "America/Chicago"), List.of(
            read.getBoolean("deadlineReminders"), read.getBoolean("weeklyReport"), read.getString("timeZone")))))
        .compose(read -> call(vertx, Addresses.PIPELINE_EMAILS_GET, bob, new JsonObject()))
        .onSuccess(other -> ctx.verify(() -> assertEquals(false, other.getBoolean("weeklyReport"))))
        .compose(other -> call(vertx, Addresses.PIPELINE_EMAILS_STOP, alice, new JsonObject()))
        .compose(stopped -> call(vertx, Addresses.PIPELINE_EMAILS_GET, alice, new JsonObject()))
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertEquals(List.of(false, false), List.of(read.getBoolean("deadlineReminders"), read.getBoolean("weeklyReport")));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses a missing or unknown time zone, a missing choice and unknown fields with 400, and an account "
      + "without e-mail with 409")
  void badInput(Vertx vertx, VertxTestContext ctx) {
    JsonObject noEmail = new Principal(UUID.randomUUID(), tenant, "member", null).toJson();
    JsonObject noChoice = new JsonObject().put("body", new JsonObject().put("timeZone", "UTC"));
    JsonObject unknown = set("UTC", true, true);
    unknown.getJsonObject("body").put("days", 2);
    Future.all(List.of(
            failureCode(call(vertx, Addresses.PIPELINE_EMAILS_SET, alice, new JsonObject().put("body", new JsonObject()))),
            failureCode(call(vertx, Addresses.PIPELINE_EMAILS_SET, alice, set("Mars/Olympus_Mons", true, true))),
            failureCode(call(vertx, Addresses.PIPELINE_EMAILS_SET, alice, noChoice)),
            failureCode(call(vertx, Addresses.PIPELINE_EMAILS_SET, alice, unknown)),
            failureCode(call(vertx, Addresses.PIPELINE_EMAILS_SET, noEmail, set("UTC", true, true)))))
        .compose(codes -> call(vertx, Addresses.PIPELINE_EMAILS_GET, alice, new JsonObject()).map(read -> List.of(
            codes.list(), read.getBoolean("deadlineReminders"))))
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          assertEquals(List.of(List.of(400, 400, 400, 400, 409), false), outcome);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the link in a reminder turns reminders off, and the link in a report the report, without a login; a "
      + "link with another token stops nothing")
  void unsubscribeLinks(Vertx vertx, VertxTestContext ctx) {
    String user = alice.getString(Principal.USER_ID);
    call(vertx, Addresses.PIPELINE_EMAILS_SET, alice, set("UTC", true, true))
        .compose(on -> failureCode(vertx.eventBus().request(Addresses.PIPELINE_EMAILS_UNSUBSCRIBE,
            new JsonObject().put("reminders", user).put("token", "not-the-secret"))))
        .onSuccess(code -> ctx.verify(() -> assertEquals(404, code)))
        .compose(refused -> pool.preparedQuery("SELECT unsubscribe_token FROM opportunities.pipeline_emails WHERE user_id = $1")
            .execute(Tuple.of(UUID.fromString(user))).map(rows -> rows.iterator().next().getString(0)))
        .compose(token -> vertx.eventBus().request(Addresses.PIPELINE_EMAILS_UNSUBSCRIBE,
                new JsonObject().put("reminders", user).put("token", token))
            .compose(stopped -> call(vertx, Addresses.PIPELINE_EMAILS_GET, alice, new JsonObject()))
            .onSuccess(read -> ctx.verify(() -> assertEquals(List.of(false, true), List.of(
                read.getBoolean("deadlineReminders"), read.getBoolean("weeklyReport")))))
            .compose(read -> vertx.eventBus().request(Addresses.PIPELINE_EMAILS_UNSUBSCRIBE,
                new JsonObject().put("report", user).put("token", token))))
        .compose(stopped -> call(vertx, Addresses.PIPELINE_EMAILS_GET, alice, new JsonObject()))
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertEquals(List.of(false, false), List.of(read.getBoolean("deadlineReminders"), read.getBoolean("weeklyReport")));
          ctx.completeNow();
        })));
  }
}
