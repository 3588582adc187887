package com.medcontracthub.analytics.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.codecs.Addresses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The comparison, given what each store answered (the stores' own answers are tested with them: the analytics store in
 * {@code AnalyticsStoresTest}, all of them together in the launcher's {@code AnalyticsEventFlowIT}).
 */
@DisplayName("Reconciling the stores")
class ReconcilerTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** Each address's answer; an address without one has no service running (no handler in the cluster). */
  private JsonObject reconciled(Map<String, Future<JsonObject>> answers) {
    return new Reconciler(address -> answers.getOrDefault(address, Future.failedFuture(
        new ReplyException(ReplyFailure.NO_HANDLERS, "No handlers for address " + address))),
        new DriftGauges(registry)).run().await();
  }

  private double gauge(String store, String aggregate) {
    return registry.get("mch_analytics_reconcile_drift").tag("store", store).tag("aggregate", aggregate).gauge()
        .value();
  }

  @Test
  @DisplayName("reports each day a derived store is off, and per store and kind the sum of how far")
  void drift() {
    JsonObject result = reconciled(Map.of(
        Addresses.OPPORTUNITIES_DAILY_COUNTS, counts("""
            {"opportunity": {"2026-11-28": 3, "2026-11-29": 2}, "pipeline-move": {"2026-12-01": 5},
             "open-opportunity": {"all": 4}}"""),
        Addresses.DOCUMENTS_DAILY_COUNTS, counts("""
            {"document": {"2026-12-01": 2}}"""),
        Addresses.ANALYTICS_DAILY_COUNTS, counts("""
            {"opportunity": {"2026-11-28": 1, "2026-11-30": 1}, "pipeline-move": {"2026-12-01": 5},
             "document": {"2026-12-01": 3}}"""),
        Addresses.AI_DAILY_COUNTS, counts("""
            {"open-opportunity": {"all": 4}}""")));
    assertEquals(new JsonObject("""
        {"sources": {"opportunities.daily-counts": "answered", "documents.daily-counts": "answered",
           "analytics.daily-counts": "answered", "ai.daily-counts": "answered"}, "complete": true,
         "drift": [
           {"store": "analytics", "aggregate": "opportunity", "postgresql": 5, "found": 2, "drift": 5},
           {"store": "analytics", "aggregate": "pipeline-move", "postgresql": 5, "found": 5, "drift": 0},
           {"store": "analytics", "aggregate": "document", "postgresql": 2, "found": 3, "drift": 1},
           {"store": "ai-index", "aggregate": "open-opportunity", "postgresql": 4, "found": 4, "drift": 0}],
         "days": [
           {"store": "analytics", "aggregate": "document", "day": "2026-12-01", "postgresql": 2, "found": 3},
           {"store": "analytics", "aggregate": "opportunity", "day": "2026-11-30", "postgresql": 0, "found": 1},
           {"store": "analytics", "aggregate": "opportunity", "day": "2026-11-29", "postgresql": 2, "found": 0},
           {"store": "analytics", "aggregate": "opportunity", "day": "2026-11-28", "postgresql": 3, "found": 1}]}"""),
        result);
    assertEquals(5.0, gauge("analytics", "opportunity"));
    assertEquals(0.0, gauge("ai-index", "open-opportunity"));
    assertEquals(Optional.of("analytics is 5 opportunity records off PostgreSQL (2 found, 5 recorded); analytics is 1 "
        + "document records off PostgreSQL (3 found, 2 recorded)"), Reconciler.concerns(result),
        "what an hourly run logs");
  }

  @Test
  @DisplayName("compares a kind a store holds none of as nothing: an empty store is as far off as PostgreSQL holds")
  void emptyStore() {
    JsonObject result = reconciled(Map.of(
        Addresses.OPPORTUNITIES_DAILY_COUNTS, counts("""
            {"opportunity": {"2026-11-28": 3}, "open-opportunity": {"all": 4}}"""),
        Addresses.DOCUMENTS_DAILY_COUNTS, counts("{}"),
        Addresses.ANALYTICS_DAILY_COUNTS, counts("{}"),
        Addresses.AI_DAILY_COUNTS, counts("{}")));
    assertEquals(new JsonArray("""
        [{"store": "analytics", "aggregate": "opportunity", "postgresql": 3, "found": 0, "drift": 3},
         {"store": "analytics", "aggregate": "pipeline-move", "postgresql": 0, "found": 0, "drift": 0},
         {"store": "analytics", "aggregate": "document", "postgresql": 0, "found": 0, "drift": 0},
         {"store": "ai-index", "aggregate": "open-opportunity", "postgresql": 4, "found": 0, "drift": 4}]"""),
        result.getJsonArray("drift"));
    assertEquals(true, result.getBoolean("complete"));
    assertEquals(Optional.of("analytics is 3 opportunity records off PostgreSQL (0 found, 3 recorded); ai-index is 4 "
        + "open-opportunity records off PostgreSQL (0 found, 4 recorded)"), Reconciler.concerns(result));
  }

  @Test
  @DisplayName("names a service that is not running and one that gave no answer; only the latter leaves it incomplete,"
      + " and what neither compared is unknown on the gauge")
  void missingSources() {
    JsonObject result = reconciled(Map.of(
        Addresses.OPPORTUNITIES_DAILY_COUNTS, counts("""
            {"opportunity": {"2026-11-28": 3}, "open-opportunity": {"all": 4}}"""),
        Addresses.ANALYTICS_DAILY_COUNTS, counts("""
            {"opportunity": {"2026-11-28": 3}, "document": {"2026-12-01": 3}}"""),
        Addresses.AI_DAILY_COUNTS, Future.failedFuture(new ReplyException(ReplyFailure.TIMEOUT,
            "Timed out after waiting 5000(ms) for a reply"))));
    assertEquals(new JsonObject("""
        {"opportunities.daily-counts": "answered",
         "documents.daily-counts": "not running",
         "analytics.daily-counts": "answered",
         "ai.daily-counts": "no answer: Timed out after waiting 5000(ms) for a reply"}"""),
        result.getJsonObject("sources"));
    assertEquals(false, result.getBoolean("complete"));
    assertEquals(new JsonArray("""
        [{"store": "analytics", "aggregate": "opportunity", "postgresql": 3, "found": 3, "drift": 0},
         {"store": "analytics", "aggregate": "pipeline-move", "postgresql": 0, "found": 0, "drift": 0}]"""),
        result.getJsonArray("drift"), "documents are not compared without PostgreSQL's count");
    assertEquals(Double.NaN, gauge("analytics", "document"));
    assertEquals(Double.NaN, gauge("ai-index", "open-opportunity"));
    assertEquals(Optional.of("ai.daily-counts gave no answer: Timed out after waiting 5000(ms) for a reply"),
        Reconciler.concerns(result), "a service not running is no concern");
  }

  @Test
  @DisplayName("has nothing to log when every store agrees with PostgreSQL")
  void agreeing() {
    JsonObject result = reconciled(Map.of(
        Addresses.OPPORTUNITIES_DAILY_COUNTS, counts("""
            {"opportunity": {"2026-11-28": 3}, "open-opportunity": {"all": 4}}"""),
        Addresses.DOCUMENTS_DAILY_COUNTS, counts("{}"),
        Addresses.ANALYTICS_DAILY_COUNTS, counts("""
            {"opportunity": {"2026-11-28": 3}}"""),
        Addresses.AI_DAILY_COUNTS, counts("""
            {"open-opportunity": {"all": 4}}""")));
    assertEquals(Optional.empty(), Reconciler.concerns(result));
  }

  private static Future<JsonObject> counts(String json) {
    return Future.succeededFuture(new JsonObject(json));
  }
}
