package com.medcontracthub.analytics.summary;

import com.medcontracthub.analytics.store.AnalyticsSql;
import com.medcontracthub.analytics.store.AnalyticsStore;
import com.medcontracthub.analytics.store.Interval;
import com.medcontracthub.analytics.store.Metric;
import com.medcontracthub.platform.bus.BadQueryException;
import com.medcontracthub.platform.bus.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One metric over time for the caller's tenant: {@code metric} (required), {@code interval} (hour, day or month; day
 * by default) and the days {@code from} and {@code to}, both included (UTC, 1970 to 9999; by default the last 30 days,
 * 12 months or 2 days, to today; by month from the first of {@code from}'s month). Every bucket of the range is answered, 0 where nothing happened, so a chart needs no gaps filled;
 * a range of more than {@value #MAX_POINTS} buckets is refused.
 */
public final class Timeseries {

  static final int MAX_POINTS = 1000;
  private static final int FIRST_YEAR = 1970;
  private static final int LAST_YEAR = 9999;
  private static final Set<String> PARAMETERS = Set.of("metric", "interval", "from", "to");

  private final AnalyticsStore store;
  private final Clock clock;

  public Timeseries(AnalyticsStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Future<JsonObject> of(UUID tenant, JsonObject query) {
    QueryParams params = new QueryParams(query, PARAMETERS);
    String metricName = params.choice("metric", Metric.NAMES, null);
    if (metricName == null) {
      throw new BadQueryException("metric: required; one of " + String.join(", ", Metric.NAMES));
    }
    Metric metric = Metric.named(metricName);
    Interval interval = Interval.named(params.choice("interval", Interval.NAMES, Interval.DAY.shown()));
    LocalDate asked = params.date("to");
    LocalDate to = asked != null ? asked : LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate askedFrom = params.date("from");
    LocalDate chosenFrom = askedFrom != null ? askedFrom : defaultFrom(interval, to);
    // a month's bucket counts the whole month, so a range by month starts on a first
    LocalDate from = interval == Interval.MONTH ? chosenFrom.withDayOfMonth(1) : chosenFrom;
    inYears("from", from);
    inYears("to", to);
    if (from.isAfter(to)) {
      throw new BadQueryException("from: " + from + " is after to: " + to);
    }
    LocalDate end = to.plusDays(1);
    long points = interval.count(from, end);
    if (points > MAX_POINTS) {
      throw new BadQueryException("from, to: " + points + " " + interval.shown() + "s; at most " + MAX_POINTS
          + " (a shorter range or a longer interval)");
    }
    long fromMs = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long toMs = end.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return store.query(AnalyticsSql.timeseries(store.dialect(), metric, interval, tenant, fromMs, toMs))
        .map(rows -> new JsonObject().put("metric", metric.shown()).put("interval", interval.shown())
            .put("from", from.toString()).put("to", to.toString()).put("points", points(interval, from, end, rows)));
  }

  private static void inYears(String name, LocalDate day) {
    if (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR) {
      throw new BadQueryException(name + ": " + day + " is outside the years " + FIRST_YEAR + "-" + LAST_YEAR);
    }
  }

  private static LocalDate defaultFrom(Interval interval, LocalDate to) {
    return switch (interval) {
      case HOUR -> to.minusDays(1);
      case DAY -> to.minusDays(29);
      case MONTH -> to.minusMonths(11).withDayOfMonth(1);
    };
  }

  private static JsonArray points(Interval interval, LocalDate from, LocalDate end, List<JsonObject> rows) {
    Map<String, Long> values = new HashMap<>();
    for (JsonObject row : rows) {
      Object bucket = row.getValue("bucket");
      String label = bucket instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()).toString()
          : bucket.toString();
      values.put(label, ((Number) row.getValue("value")).longValue());
    }
    JsonArray points = new JsonArray();
    interval.labels(from, end).forEach(label -> points.add(new JsonObject().put("at", label)
        .put("value", values.getOrDefault(label, 0L))));
    return points;
  }
}
