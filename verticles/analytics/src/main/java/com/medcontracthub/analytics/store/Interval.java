package com.medcontracthub.analytics.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of a time series, UTC: an hour ({@code 2026-12-07T08:00:00Z}), a day ({@code 2026-12-07}) or a month
 * ({@code 2026-12}), each labelled as the store groups it ({@link AnalyticsSql#timeseries}).
 */
public enum Interval {

  HOUR,
  DAY,
  MONTH;

  public static final List<String> NAMES = ApiNames.all(Interval.class);
  private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("yyyy-MM");

  public String shown() {
    return ApiNames.of(this);
  }

  /** The interval of a name in {@link #NAMES}. */
  public static Interval named(String name) {
    return ApiNames.parse(Interval.class, name);
  }

  /** The label of every bucket from the day {@code from} up to the day {@code to} (excluded), in order. */
  public List<String> labels(LocalDate from, LocalDate to) {
    List<String> labels = new ArrayList<>();
    switch (this) {
      case HOUR -> {
        Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Instant at = from.atStartOfDay(ZoneOffset.UTC).toInstant(); at.isBefore(end); at = at.plus(1,
            ChronoUnit.HOURS)) {
          labels.add(at.toString());
        }
      }
      case DAY -> from.datesUntil(to).forEach(day -> labels.add(day.toString()));
      case MONTH -> {
        for (LocalDate month = from.withDayOfMonth(1); month.isBefore(to); month = month.plusMonths(1)) {
          labels.add(MONTH_LABEL.format(month));
        }
      }
    }
    return labels;
  }

  /** How many buckets the range holds, without listing them. */
  public long count(LocalDate from, LocalDate to) {
    return switch (this) {
      case HOUR -> ChronoUnit.DAYS.between(from, to) * 24;
      case DAY -> ChronoUnit.DAYS.between(from, to);
      case MONTH -> ChronoUnit.MONTHS.between(from.withDayOfMonth(1), to.minusDays(1).withDayOfMonth(1)) + 1;
    };
  }
}
