package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.realtime.log.EventViews;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A user watching the tenant's pipeline moves over the realtime bridge, as the browser's board does: when its socket
 * drops (its JVM gone, or closed for not keeping up) it connects again, to the JVM it is pointed at, registering with the
 * seq of the last push it saw; what it was shown is counted over all its connections.
 */
final class BoardWatcher {

  private static final long WAIT_MS = 120_000;
  private static final long READY_MS = 10_000;

  /** A connection that registered from {@code since} (null: from the room's newest push). */
  private record Connection(int port, String since, BridgeClient client) {
  }

  private final Vertx vertx;
  private final UUID tenant;
  private final String token;
  private final String notice;
  private final String notifications;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private volatile int port;
  private volatile boolean stopped;

  private BoardWatcher(Vertx vertx, UUID tenant, String token, String notice, int port) {
    this.vertx = vertx;
    this.tenant = tenant;
    this.token = token;
    this.notice = notice;
    this.notifications = "tenant." + tenant + ".notifications";
    this.port = port;
  }

  /** Watching through the bridge at {@code port}; {@code notice} is one of the tenant's, for a request to the bridge. */
  static BoardWatcher connect(Vertx vertx, int port, UUID tenant, String token, String notice) {
    BoardWatcher watcher = new BoardWatcher(vertx, tenant, token, notice, port);
    watcher.open(null).await();
    return watcher;
  }

  /** Points it at the bridge at {@code port}, and waits until its socket dropped and it is connected there. */
  void reconnect(int port) {
    this.port = port;
    Eventually.until(vertx, () -> connections.get(connections.size() - 1).port() == port, WAIT_MS,
        "connected again at " + port).await();
  }

  /**
   * Connected and registered from {@code since}, and counted once a request sent after the registration is answered
   * (the bridge handles a socket's frames in order, a replay included); when that socket drops, connected again.
   */
  private Future<Void> open(String since) {
    int target = port;
    return BridgeClient.webSocket(vertx, target).compose(client -> {
      client.register(notifications, token, since);
      String answer = client.request("opportunity." + notice + ".notes", token, new JsonObject().put("action", "load"));
      // any answer will do, a refusal too (the service asked on a JVM that went): it comes after the registration
      return client.next(frame -> answer.equals(frame.getString("address")), READY_MS)
          .onFailure(e -> client.close())
          .map(ready -> {
            Connection connection = new Connection(target, since, client);
            connections.add(connection);
            client.closed().onComplete(closed -> reopen(connection));
            return null;
          });
    });
  }

  /** Connected again from the last push the dropped connection saw, or from where it started when it saw none. */
  private void reopen(Connection dropped) {
    if (stopped) {
      return;
    }
    List<JsonObject> seen = pushes(dropped.client());
    open(seen.isEmpty() ? dropped.since() : seen.get(seen.size() - 1).getJsonObject("headers").getString("seq"))
        .onFailure(e -> vertx.setTimer(200, t -> reopen(dropped)));
  }

  /** Pushes of moves shown so far, over all its connections. */
  int shown() {
    return connections.stream().mapToInt(c -> pushes(c.client()).size()).sum();
  }

  /**
   * Once it has been shown every move in {@code stored} (as {@code <tenant>:<notice>#<version>}), or after waiting for
   * that: it was shown each exactly once, nothing else, and told of no refusal on its address. Prints what it was
   * shown.
   */
  void assertShownOnce(Set<String> stored, String who) {
    Eventually.until(vertx, () -> shownMoves().keySet().containsAll(stored), WAIT_MS, who + " shown every move stored")
        .otherwiseEmpty().await();
    stopped = true;
    Map<String, Long> shown = shownMoves();
    Set<String> twice = shown.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(stored);
    missing.removeAll(shown.keySet());
    List<JsonObject> refusals = connections.stream().flatMap(c -> c.client().seen().stream())
        .filter(frame -> "err".equals(frame.getString("type")) && notifications.equals(frame.getString("address")))
        .toList();
    System.out.printf("%s: shown %s moves over its connections; %d shown twice, %d not shown %s, refusals %s%n", who,
        connections.stream().map(c -> pushes(c.client()).size()).toList(), twice.size(), missing.size(), missing,
        refusals);
    assertEquals(List.of(), refusals, who + ": refusals");
    assertEquals(Set.of(), twice, who + ": moves shown more than once");
    assertEquals(stored, shown.keySet(), who + ": the moves shown are the moves stored");
  }

  private Map<String, Long> shownMoves() {
    return connections.stream().flatMap(c -> pushes(c.client()).stream())
        .map(frame -> tenant + ":" + frame.getJsonObject("body").getString("noticeId") + "#"
            + frame.getJsonObject("body").getInteger("version"))
        .collect(Collectors.groupingBy(move -> move, TreeMap::new, Collectors.counting()));
  }

  private List<JsonObject> pushes(BridgeClient client) {
    return client.seen().stream().filter(frame -> "rec".equals(frame.getString("type"))
            && notifications.equals(frame.getString("address"))
            && EventViews.PIPELINE_MOVED.equals(frame.getJsonObject("body").getString("kind")))
        .toList();
  }
}
