package com.medcontracthub.launcher.cli;

import com.medcontracthub.platform.config.InboundMapping;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.kafka.ConsumerLag;
import com.medcontracthub.platform.kafka.KafkaClientProperties;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Follows the consumer of what a backfill published, until it has caught up: the bridge's consumer group delivering
 * the topics to the address (summed over them). A backfill's own progress says what it published (through the outbox); this waits for
 * those records to reach the topic, then prints the group's lag as it falls, so "caught up" means the consumer has
 * handled them (the AI index rebuilt, say). A lag that has not fallen for {@link #STALL_MS} is said to be stalled.
 */
final class CatchUp {

  private static final long POLL_MS = 1_000;
  static final long STALL_MS = 10 * 60_000;

  private final Vertx vertx;
  private final KafkaAdminClient admin;
  private final List<InboundMapping> mappings;
  private final long writtenBefore;

  private CatchUp(Vertx vertx, KafkaAdminClient admin, List<InboundMapping> mappings, long writtenBefore) {
    this.vertx = vertx;
    this.admin = admin;
    this.mappings = mappings;
    this.writtenBefore = writtenBefore;
  }

  /** Taken before the backfill starts: where the topics delivered to {@code address} end. */
  static Future<CatchUp> before(Vertx vertx, MchConfig config, String address) {
    List<InboundMapping> mappings = config.bridge().inbound().stream().filter(m -> m.address().equals(address))
        .toList();
    if (mappings.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("no bridge mapping delivers to " + address
          + ": nothing consumes what the backfill publishes"));
    }
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, KafkaClientProperties.admin(config));
    return sum(mappings, m -> ConsumerLag.written(admin, m.topic()))
        .map(written -> new CatchUp(vertx, admin, mappings, written))
        .onFailure(e -> admin.close());
  }

  /** Once the backfill published {@code published} records: until its consumer has handled them all. */
  Future<String> follow(long published) {
    System.out.println(mappings.get(0).address() + " (consumer group " + groups() + " on "
        + mappings.stream().map(InboundMapping::topic).collect(Collectors.joining(", ")) + "):");
    return relayed(published).compose(v -> lagged(-1, System.currentTimeMillis())).eventually(admin::close);
  }

  private String groups() {
    return mappings.stream().map(InboundMapping::group).distinct().collect(Collectors.joining(", "));
  }

  private static Future<Long> sum(List<InboundMapping> mappings, Function<InboundMapping, Future<Long>> count) {
    List<Future<Long>> counts = mappings.stream().map(count).toList();
    return Future.all(counts).map(all -> counts.stream().mapToLong(Future::result).sum());
  }

  /** The outbox relays what the backfill wrote: the topics grow by at least that much. */
  private Future<Void> relayed(long published) {
    return sum(mappings, m -> ConsumerLag.written(admin, m.topic())).compose(written ->
        written - writtenBefore >= published
            ? Future.succeededFuture()
            : vertx.timer(POLL_MS).compose(t -> relayed(published)));
  }

  private Future<String> lagged(long shown, long movedAt) {
    return sum(mappings, m -> ConsumerLag.of(admin, m.topic(), m.group())).compose(lag -> {
      long now = System.currentTimeMillis();
      if (lag != shown) {
        System.out.println("  " + lag + " record" + (lag == 1 ? "" : "s") + " left");
      }
      if (lag == 0) {
        return Future.succeededFuture("caught up: " + groups() + " has handled every record");
      }
      long since = lag != shown ? now : movedAt;
      if (now - since > STALL_MS) {
        return Future.failedFuture(new IllegalStateException(groups() + " has not moved for "
            + STALL_MS / 60_000 + " minutes (" + lag + " records left): is its service running?"));
      }
      return vertx.timer(POLL_MS).compose(t -> lagged(lag, since));
    });
  }
}
