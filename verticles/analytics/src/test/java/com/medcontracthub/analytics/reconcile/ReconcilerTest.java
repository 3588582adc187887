package com.medcontracthub.analytics.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.codecs.Addresses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The comparison, given what each store answered (the stores' own answers are tested with them: the analytics store in
 * {@code AnalyticsStoresTest}, all of them together in the launcher's {@code AnalyticsEventFlowIT}).
 */
@DisplayName("Reconciling the stores")
class ReconcilerTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private JsonObject reconciled(Map<String, JsonObject> answers) {
    return new Reconciler(address -> answers.containsKey(address) ? Future.succeededFuture(answers.get(address))
        : Future.failedFuture(new ReplyException(ReplyFailure.NO_HANDLERS, "No handlers for address " + address)),
        new DriftGauges(registry)).run().await();
  }

  @Test
  @DisplayName("reports each day a derived store is off, and per store and kind the sum of how far")
  void drift() {
    JsonObject result = reconciled(Map.of(
        Addresses.OPPORTUNITIES_DAILY_COUNTS, new JsonObject("""
            {"opportunity": {"2026-11-28": 3, "2026-11-29": 2}, "pipeline-move": {"2026-12-01": 5},
             "open-opportunity": {"all": 4}}"""),
        Addresses.DOCUMENTS_DAILY_COUNTS, new JsonObject("""
            {"document": {"2026-12-01": 2}}"""),
        Addresses.ANALYTICS_DAILY_COUNTS, new JsonObject("""
            {"opportunity": {"2026-11-28": 1, "2026-11-30": 1}, "pipeline-move": {"2026-12-01": 5},
             "document": {"2026-12-01": 3}}"""),
        Addresses.AI_DAILY_COUNTS, new JsonObject("""
            {"open-opportunity": {"all": 4}}""")));
    assertEquals(new JsonObject("""
        {"sources": {"opportunities.daily-counts": "answered", "documents.daily-counts": "answered",
           "analytics.daily-counts": "answered", "ai.daily-counts": "answered"},
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
    assertEquals(5.0, registry.get("mch_analytics_reconcile_drift").tag("store", "analytics")
        .tag("aggregate", "opportunity").gauge().value());
    assertEquals(0.0, registry.get("mch_analytics_reconcile_drift").tag("store", "ai-index")
        .tag("aggregate", "open-opportunity").gauge().value());
  }

  @Test
  @DisplayName("names a store that did not answer and compares only what the others answered")
  void missingSource() {
    JsonObject result = reconciled(Map.of(
        Addresses.OPPORTUNITIES_DAILY_COUNTS, new JsonObject("""
            {"opportunity": {"2026-11-28": 3}, "open-opportunity": {"all": 4}}"""),
        Addresses.ANALYTICS_DAILY_COUNTS, new JsonObject("""
            {"opportunity": {"2026-11-28": 3}, "document": {"2026-12-01": 3}}""")));
    assertEquals(new JsonObject("""
        {"opportunities.daily-counts": "answered",
         "documents.daily-counts": "no answer: No handlers for address documents.daily-counts",
         "analytics.daily-counts": "answered",
         "ai.daily-counts": "no answer: No handlers for address ai.daily-counts"}"""),
        result.getJsonObject("sources"));
    assertEquals(new JsonObject("""
        {"store": "analytics", "aggregate": "opportunity", "postgresql": 3, "found": 3, "drift": 0}"""),
        result.getJsonArray("drift").getJsonObject(0));
    assertEquals(1, result.getJsonArray("drift").size(), "documents are not compared without PostgreSQL's count");
  }
}
