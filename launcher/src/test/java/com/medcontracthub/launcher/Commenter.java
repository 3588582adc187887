package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user commenting on a notice over the realtime bridge, one comment after another, each with its own opId, as the
 * browser does: a comment whose answer does not come (its JVM gone) is sent again with the same opId over the next JVM
 * of the list, until it is answered.
 */
final class Commenter {

  /** The bridge's own wait for a service, and more: an answer not come by then is not coming. */
  private static final long ANSWER_MS = 15_000;
  private static final long WAIT_MS = 120_000;

  private final Vertx vertx;
  private final List<Integer> ports;
  private final String token;
  private final String address;
  private final String prefix;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger unanswered = new AtomicInteger();
  private Future<Void> lane;
  private volatile boolean stopping;

  /** Comments on {@code notice} through the bridges at {@code ports}, the first first; {@code prefix} names its opIds. */
  Commenter(Vertx vertx, List<Integer> ports, String token, String notice, String prefix) {
    this.vertx = vertx;
    this.ports = ports;
    this.token = token;
    this.address = "opportunity." + notice + ".comments";
    this.prefix = prefix;
  }

  void start() {
    lane = connect(0, 0);
  }

  /** Stops once the comment in flight is answered. */
  Future<Void> stop() {
    stopping = true;
    return lane.timeout(WAIT_MS, TimeUnit.MILLISECONDS);
  }

  int acknowledged() {
    return acknowledged.size();
  }

  /** Comments whose answer did not come (sent again) or was a refusal. */
  int unanswered() {
    return unanswered.get();
  }

  Future<Void> acknowledgedBeyond(int from, int more, String what) {
    return Eventually.until(vertx, () -> acknowledged.size() >= from + more, WAIT_MS, what);
  }

  /** Every comment acknowledged is stored once under its opId, and nothing else of this commenter is stored. */
  void assertStoredOnce(Pool pool) {
    Map<String, Long> stored = new TreeMap<>();
    for (Row row : pool.preparedQuery("SELECT op_id, count(*) FROM realtime.comments WHERE op_id LIKE $1 GROUP BY op_id")
        .execute(Tuple.of(prefix + "-%")).await()) {
      stored.put(row.getString(0), row.getLong(1));
    }
    System.out.printf("comments: sent %d (%d of them again, their answer not come), acknowledged %d; stored %d%n",
        sent.get(), unanswered.get(), acknowledged.size(), stored.size());
    Map<String, Long> once = new TreeMap<>();
    acknowledged.forEach(opId -> once.put(opId, 1L));
    assertEquals(once, stored, "each comment acknowledged stored once, by opId");
  }

  /** Sends comment {@code number} until it is answered, then the next, until stopped. */
  private Future<Void> comment(BridgeClient client, int number, int port) {
    String opId = prefix + "-" + number;
    sent.incrementAndGet();
    String reply = client.request(address, token, new JsonObject().put("text", "comment " + opId).put("opId", opId));
    return client.next(frame -> reply.equals(frame.getString("address")), ANSWER_MS).transform(answer -> {
      if (answer.succeeded() && "rec".equals(answer.result().getString("type"))) {
        acknowledged.add(opId);
        return stopping ? client.close() : comment(client, number + 1, port);
      }
      unanswered.incrementAndGet();
      if (answer.succeeded()) {
        // refused for now (a service restarting): the same comment again shortly, on the same socket
        return vertx.timer(200).compose(t -> comment(client, number, port));
      }
      return client.close().compose(v -> connect(number, (port + 1) % ports.size()));
    });
  }

  /** Connected to the bridge at {@code ports[port]}, or the next one that takes the connection. */
  private Future<Void> connect(int number, int port) {
    return BridgeClient.webSocket(vertx, ports.get(port)).transform(connected -> connected.succeeded()
        ? comment(connected.result(), number, port)
        : vertx.timer(200).compose(t -> connect(number, (port + 1) % ports.size())));
  }
}
