package com.medcontracthub.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The product's meters")
class MetersTest {

  @Test
  @DisplayName("keep of a Kafka consumer's client metrics only the lag, records consumed and fetch latency")
  void kafkaEssentials() {
    MeterRegistry registry = Meters.newPrometheusRegistry();
    for (String name : List.of("kafka.consumer.fetch.manager.records.lag.max", "kafka.consumer.fetch.manager.records.lag",
        "kafka.consumer.coordinator.commit.rate", "kafka.consumer.network.io.total", "mch_platform_outbox_backlog")) {
      Gauge.builder(name, () -> 1).register(registry);
    }
    assertEquals(List.of("kafka.consumer.fetch.manager.records.lag", "kafka.consumer.fetch.manager.records.lag.max",
        "mch_platform_outbox_backlog"), registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).sorted()
        .toList());
  }
}
