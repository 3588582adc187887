package com.medcontracthub.analytics.reconcile;

import com.medcontracthub.codecs.DailyCounts;
import com.medcontracthub.codecs.jobs.ReconcileJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares what PostgreSQL holds with what the stores derived from its events hold, kind by kind and day by day
 * ({@link DailyCounts}): every source is asked at once; one that does not answer (its service is not running, or it
 * timed out) is named in the result and its kinds are not compared. Each run sets the drift gauges.
 */
public final class Reconciler {

  /** A day on which a derived store holds other than the record. */
  record Difference(String store, String aggregate, String day, long record, long found) {
  }

  private final Function<String, Future<JsonObject>> ask;
  private final DriftGauges gauges;

  /** @param ask asks an address for its counts (with a timeout) */
  public Reconciler(Function<String, Future<JsonObject>> ask, DriftGauges gauges) {
    this.ask = ask;
    this.gauges = gauges;
  }

  /** The result as {@link ReconcileJob} describes it. */
  public Future<JsonObject> run() {
    Map<DailyCounts.Source, Future<JsonObject>> answers = new LinkedHashMap<>();
    DailyCounts.RECORD.forEach(source -> answers.put(source, ask.apply(source.address())));
    DailyCounts.DERIVED.forEach(source -> answers.put(source, ask.apply(source.address())));
    return Future.join(new ArrayList<>(answers.values())).transform(all -> Future.succeededFuture(compare(answers)));
  }

  private JsonObject compare(Map<DailyCounts.Source, Future<JsonObject>> answers) {
    JsonObject sources = new JsonObject();
    JsonObject record = new JsonObject();
    answers.forEach((source, answer) -> {
      sources.put(source.address(), answer.succeeded() ? "answered" : "no answer: " + answer.cause().getMessage());
      if (answer.succeeded() && DailyCounts.RECORD.contains(source)) {
        record.mergeIn(answer.result());
      }
    });
    JsonArray drift = new JsonArray();
    List<Difference> days = new ArrayList<>();
    for (DailyCounts.Source source : DailyCounts.DERIVED) {
      Future<JsonObject> answer = answers.get(source);
      if (answer.failed()) {
        continue;
      }
      for (String aggregate : answer.result().fieldNames()) {
        if (!record.containsKey(aggregate)) {
          continue;
        }
        JsonObject held = record.getJsonObject(aggregate);
        JsonObject found = answer.result().getJsonObject(aggregate);
        TreeSet<String> dates = new TreeSet<>(held.fieldNames());
        dates.addAll(found.fieldNames());
        long recordTotal = 0;
        long foundTotal = 0;
        long off = 0;
        for (String day : dates) {
          long r = held.getLong(day, 0L);
          long f = found.getLong(day, 0L);
          recordTotal += r;
          foundTotal += f;
          off += Math.abs(f - r);
          if (f != r) {
            days.add(new Difference(source.name(), aggregate, day, r, f));
          }
        }
        gauges.set(source.name(), aggregate, off);
        drift.add(new JsonObject().put("store", source.name()).put("aggregate", aggregate)
            .put("postgresql", recordTotal).put("found", foundTotal).put("drift", off));
      }
    }
    days.sort(Comparator.comparing(Difference::day).reversed().thenComparing(Difference::store)
        .thenComparing(Difference::aggregate));
    JsonArray shown = new JsonArray();
    days.stream().limit(ReconcileJob.MAX_DAYS).forEach(d -> shown.add(new JsonObject().put("store", d.store())
        .put("aggregate", d.aggregate()).put("day", d.day()).put("postgresql", d.record()).put("found", d.found())));
    return new JsonObject().put(ReconcileJob.SOURCES, sources).put(ReconcileJob.DRIFT, drift)
        .put(ReconcileJob.DAYS, shown);
  }
}
