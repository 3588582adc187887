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
 * the topic to the address. A backfill's own progress says what it published (through the outbox); this waits for
 * those records to reach the topic, then prints the group's lag as it falls, so "caught up" means the consumer has
 * handled them (the AI index rebuilt, say). A lag that has not fallen for {@link #STALL_MS} is said to be stalled.
 */
final class CatchUp {

  private static final long POLL_MS = 1_000;
  static final long STALL_MS = 10 * 60_000;

  private final Vertx vertx;
  private final KafkaAdminClient admin;
  private final InboundMapping mapping;
  private final long writtenBefore;

  private CatchUp(Vertx vertx, KafkaAdminClient admin, InboundMapping mapping, long writtenBefore) {
    this.vertx = vertx;
    this.admin = admin;
    this.mapping = mapping;
    this.writtenBefore = writtenBefore;
  }

  /** Taken before the backfill starts: where the topic ends. */
  static Future<CatchUp> before(Vertx vertx, MchConfig config, String address) {
    InboundMapping mapping = config.bridge().inbound().stream().filter(m -> m.address().equals(address)).findFirst()
        .orElse(null);
    if (mapping == null) {
      return Future.failedFuture(new IllegalStateException("no bridge mapping delivers to " + address
          + ": nothing consumes what the backfill publishes"));
    }
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, KafkaClientProperties.admin(config));
    return ConsumerLag.written(admin, mapping.topic()).map(written -> new CatchUp(vertx, admin, mapping, written))
        .onFailure(e -> admin.close());
  }

  /** Once the backfill published {@code published} records: until its consumer has handled them all. */
  Future<String> follow(long published) {
    System.out.println(mapping.address() + " (consumer group " + mapping.group() + " on " + mapping.topic() + "):");
    return relayed(published).compose(v -> lagged(-1, System.currentTimeMillis())).eventually(admin::close);
  }

  /** The outbox relays what the backfill wrote: the topic grows by at least that much. */
  private Future<Void> relayed(long published) {
    return ConsumerLag.written(admin, mapping.topic()).compose(written -> written - writtenBefore >= published
        ? Future.succeededFuture()
        : vertx.timer(POLL_MS).compose(t -> relayed(published)));
  }

  private Future<String> lagged(long shown, long movedAt) {
    return ConsumerLag.of(admin, mapping.topic(), mapping.group()).compose(lag -> {
      long now = System.currentTimeMillis();
      if (lag != shown) {
        System.out.println("  " + lag + " record" + (lag == 1 ? "" : "s") + " left");
      }
      if (lag == 0) {
        return Future.succeededFuture("caught up: " + mapping.group() + " has handled every record");
      }
      long since = lag != shown ? now : movedAt;
      if (now - since > STALL_MS) {
        return Future.failedFuture(new IllegalStateException(mapping.group() + " has not moved for "
            + STALL_MS / 60_000 + " minutes (" + lag + " records left): is its service running?"));
      }
      return vertx.timer(POLL_MS).compose(t -> lagged(lag, since));
    });
  }
}
