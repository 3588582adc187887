package com.medcontracthub.launcher.cli;

import com.medcontracthub.platform.config.InboundMapping;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.kafka.ConsumerLag;
import com.medcontracthub.platform.kafka.KafkaClientProperties;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;

/**
 * Follows the consumer of what a backfill published, until it has caught up: the bridge's consumer group delivering
 * the topic to the address, whose lag is printed as it falls. A backfill's own progress says what was published; this
 * says what its consumer has done with it (the AI index rebuilt, say).
 */
final class CatchUp {

  private static final long POLL_MS = 1_000;

  private CatchUp() {
  }

  static Future<String> follow(Vertx vertx, MchConfig config, String address) {
    InboundMapping mapping = config.bridge().inbound().stream().filter(m -> m.address().equals(address)).findFirst()
        .orElse(null);
    if (mapping == null) {
      return Future.failedFuture(new IllegalStateException("no bridge mapping delivers to " + address
          + ": nothing consumes what was published"));
    }
    System.out.println(address + " (consumer group " + mapping.group() + " on " + mapping.topic() + "):");
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, KafkaClientProperties.admin(config));
    return lagged(vertx, admin, mapping, -1).eventually(admin::close);
  }

  private static Future<String> lagged(Vertx vertx, KafkaAdminClient admin, InboundMapping mapping, long shown) {
    return ConsumerLag.of(admin, mapping.topic(), mapping.group()).compose(lag -> {
      if (lag != shown) {
        System.out.println("  " + lag + " record" + (lag == 1 ? "" : "s") + " left");
      }
      return lag == 0 ? Future.succeededFuture("caught up: " + mapping.group() + " has handled every record")
          : vertx.timer(POLL_MS).compose(t -> lagged(vertx, admin, mapping, lag));
    });
  }
}
