package com.medcontracthub.platform.node;

import com.medcontracthub.codecs.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import java.util.List;

/** Answers on {@link Addresses#NODE_HEALTH} with this JVM's node id, services and dependency health. */
public final class NodeHealthVerticle extends VerticleBase {

  private final String nodeId;
  private final List<String> services;
  private final HealthChecks checks;

  public NodeHealthVerticle(String nodeId, List<String> services, HealthChecks checks) {
    this.nodeId = nodeId;
    this.services = services;
    this.checks = checks;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(Addresses.NODE_HEALTH,
        message -> checks.checkStatus().onComplete(ar -> message.reply(new JsonObject()
            .put("node", nodeId)
            .put("services", new JsonArray(services))
            .put("health", ar.succeeded() ? ar.result().toJson() : new JsonObject().put("status", "DOWN")))));
    return consumer.completion();
  }
}
