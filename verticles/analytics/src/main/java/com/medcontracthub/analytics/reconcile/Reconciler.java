package com.medcontracthub.analytics.reconcile;

import com.medcontracthub.codecs.DailyCounts;
import com.medcontracthub.codecs.jobs.ReconcileJob;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares what PostgreSQL holds with what the stores derived from its events hold, kind by kind and day by day
 * ({@link DailyCounts}): every source is asked at once, and each kind a derived store counts is compared with the
 * record's count of it (a kind one side holds none of is compared as nothing). A source whose service is not running
 * is named and its kinds are not compared; one that fails or times out makes the result incomplete. Each run sets the
 * drift gauges (unknown for the kinds it could not compare).
 */
public final class Reconciler {

  static final String ANSWERED = "answered";
  static final String NOT_RUNNING = "not running";

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
    boolean complete = true;
    for (Map.Entry<DailyCounts.Source, Future<JsonObject>> answer : answers.entrySet()) {
      String status = status(answer.getValue());
      complete &= status.equals(ANSWERED) || status.equals(NOT_RUNNING);
      sources.put(answer.getKey().address(), status);
    }
    JsonArray drift = new JsonArray();
    List<Difference> days = new ArrayList<>();
    for (DailyCounts.Source derived : DailyCounts.DERIVED) {
      for (String aggregate : derived.kinds()) {
        DailyCounts.Source record = DailyCounts.RECORD.stream().filter(s -> s.kinds().contains(aggregate)).findFirst()
            .orElseThrow();
        if (answers.get(derived).failed() || answers.get(record).failed()) {
          gauges.unknown(derived.name(), aggregate);
          continue;
        }
        JsonObject held = answers.get(record).result().getJsonObject(aggregate, new JsonObject());
        JsonObject found = answers.get(derived).result().getJsonObject(aggregate, new JsonObject());
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
            days.add(new Difference(derived.name(), aggregate, day, r, f));
          }
        }
        gauges.set(derived.name(), aggregate, off);
        drift.add(new JsonObject().put("store", derived.name()).put("aggregate", aggregate)
            .put("postgresql", recordTotal).put("found", foundTotal).put("drift", off));
      }
    }
    days.sort(Comparator.comparing(Difference::day).reversed().thenComparing(Difference::store)
        .thenComparing(Difference::aggregate));
    JsonArray shown = new JsonArray();
    days.stream().limit(ReconcileJob.MAX_DAYS).forEach(d -> shown.add(new JsonObject().put("store", d.store())
        .put("aggregate", d.aggregate()).put("day", d.day()).put("postgresql", d.record()).put("found", d.found())));
    return new JsonObject().put(ReconcileJob.SOURCES, sources).put(ReconcileJob.COMPLETE, complete)
        .put(ReconcileJob.DRIFT, drift).put(ReconcileJob.DAYS, shown);
  }

  /**
   * What a run no one asked for tells the log: empty when every running service answered and no store is off, else
   * the services that gave no answer and the stores off by how much.
   */
  public static Optional<String> concerns(JsonObject result) {
    List<String> concerns = new ArrayList<>();
    result.getJsonObject(ReconcileJob.SOURCES).forEach(source -> {
      if (!ANSWERED.equals(source.getValue()) && !NOT_RUNNING.equals(source.getValue())) {
        concerns.add(source.getKey() + " gave " + source.getValue());
      }
    });
    result.getJsonArray(ReconcileJob.DRIFT).stream().map(JsonObject.class::cast)
        .filter(drift -> drift.getLong(ReconcileJob.DRIFT) > 0)
        .forEach(drift -> concerns.add(drift.getString("store") + " is " + drift.getLong(ReconcileJob.DRIFT) + " "
            + drift.getString("aggregate") + " records off PostgreSQL (" + drift.getLong("found") + " found, "
            + drift.getLong("postgresql") + " recorded)"));
    return concerns.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", concerns));
  }

  /** A service that is not deployed anywhere in the cluster has nothing to compare; any other failure is one. */
  private static String status(Future<JsonObject> answer) {
    if (answer.succeeded()) {
      return ANSWERED;
    }
    return answer.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS ? NOT_RUNNING
        : "no answer: " + answer.cause().getMessage();
  }
}
