package com.medcontracthub.perf;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** A latency histogram in microseconds, printed as one result line; recorded from any thread. */
final class Latencies {

  private final Histogram histogram = new Histogram(60_000_000L, 3);

  synchronized void recordNanos(long nanos) {
    histogram.recordValue(Math.max(1, nanos / 1_000));
  }

  synchronized void reset() {
    histogram.reset();
  }

  synchronized long count() {
    return histogram.getTotalCount();
  }

  /** The percentile in milliseconds. */
  synchronized double p(double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  synchronized double max() {
    return histogram.getMaxValue() / 1000.0;
  }

  synchronized String summary(String name, double seconds) {
    return String.format(Locale.ROOT, "%-34s %10.0f msg/s   p50 %7.3f ms   p99 %7.3f ms   max %8.3f ms   (%d in %.1f s)",
        name, count() / seconds, histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, count(), seconds);
  }
}
