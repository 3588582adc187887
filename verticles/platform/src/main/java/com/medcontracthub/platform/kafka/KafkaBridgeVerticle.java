package com.medcontracthub.platform.kafka;

import com.medcontracthub.platform.config.InboundMapping;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.config.OutboundMapping;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The configured Kafka ⇄ event-bus mappings of this JVM ({@code bridge.inbound}, {@code bridge.outbound}). */
public final class KafkaBridgeVerticle extends VerticleBase {

  private final MchConfig config;
  private final List<InboundBridge> inbound = new ArrayList<>();
  private final List<OutboundBridge> outbound = new ArrayList<>();
  private KafkaProducer<String, Buffer> producer;

  public KafkaBridgeVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    List<Future<Void>> started = new ArrayList<>();
    if (!config.bridge().outbound().isEmpty()) {
      producer = KafkaProducer.create(vertx, KafkaClientProperties.producer(config));
      for (OutboundMapping mapping : config.bridge().outbound()) {
        OutboundBridge bridge = new OutboundBridge(vertx, mapping, producer);
        outbound.add(bridge);
        started.add(bridge.start());
      }
    }
    for (InboundMapping mapping : config.bridge().inbound()) {
      if (!mapping.bridgedBy(config.services())) {
        continue;
      }
      Map<String, String> properties = KafkaClientProperties.consumer(config, mapping.group());
      properties.put("max.poll.records", String.valueOf(mapping.inFlight()));
      properties.put("max.poll.interval.ms", String.valueOf(mapping.maxPollIntervalMs()));
      InboundBridge bridge = new InboundBridge(vertx, mapping, properties);
      inbound.add(bridge);
      started.add(bridge.start());
    }
    return Future.all(started);
  }

  /** Stops taking new messages, lets in-flight records settle, then flushes and closes the producer. */
  @Override
  public Future<?> stop() {
    List<Future<Void>> stopped = new ArrayList<>();
    outbound.forEach(b -> stopped.add(b.stop()));
    inbound.forEach(b -> stopped.add(b.stop()));
    return Future.join(stopped).eventually(() -> producer == null
        ? Future.succeededFuture()
        : producer.flush().eventually(producer::close));
  }
}
