package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.realtime.log.EventViews;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A user watching the tenant's pipeline moves over the realtime bridge, as the browser's board does: when its socket
 * drops it connects again, to whichever JVM it is given, registering with the seq of the last push it saw; what it was
 * shown is counted over all its connections.
 */
final class BoardWatcher {

  private static final long WAIT_MS = 120_000;

  private final Vertx vertx;
  private final UUID tenant;
  private final String token;
  private final String notice;
  private final String notifications;
  private final List<BridgeClient> connections = new ArrayList<>();

  private BoardWatcher(Vertx vertx, UUID tenant, String token, String notice) {
    this.vertx = vertx;
    this.tenant = tenant;
    this.token = token;
    this.notice = notice;
    this.notifications = "tenant." + tenant + ".notifications";
  }

  /** Watching through the bridge at {@code port}; {@code notice} is one of the tenant's, for a request to the bridge. */
  static BoardWatcher connect(Vertx vertx, int port, UUID tenant, String token, String notice) {
    BoardWatcher watcher = new BoardWatcher(vertx, tenant, token, notice);
    watcher.open(port, null);
    return watcher;
  }

  /** Once its socket has dropped: connected to {@code port}, from the last push it saw. */
  void reconnect(int port) {
    BridgeClient last = connections.get(connections.size() - 1);
    last.closed().timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
    List<JsonObject> seen = pushes(last);
    open(port, seen.isEmpty() ? null : seen.get(seen.size() - 1).getJsonObject("headers").getString("seq"));
  }

  /**
   * Registered, and ready once a request sent after the registration is answered (the bridge handles a socket's frames
   * in order, a replay included).
   */
  private void open(int port, String since) {
    BridgeClient client = BridgeClient.webSocket(vertx, port).await();
    client.register(notifications, token, since);
    client.next(client.request("opportunity." + notice + ".notes", token, new JsonObject().put("action", "load")))
        .timeout(WAIT_MS, TimeUnit.MILLISECONDS).await();
    connections.add(client);
  }

  /** Pushes of moves shown so far, over all its connections. */
  int shown() {
    return connections.stream().mapToInt(c -> pushes(c).size()).sum();
  }

  /**
   * Once it has been shown every move in {@code stored} (as {@code <tenant>:<notice>#<version>}), or after waiting for
   * that: it was shown each exactly once, nothing else, and told of no refusal. Prints what it was shown.
   */
  void assertShownOnce(Set<String> stored, String who) {
    Eventually.until(vertx, () -> shownMoves().keySet().containsAll(stored), WAIT_MS, who + " shown every move stored")
        .otherwiseEmpty().await();
    Map<String, Long> shown = shownMoves();
    Set<String> twice = shown.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(stored);
    missing.removeAll(shown.keySet());
    List<JsonObject> refusals = connections.stream().flatMap(c -> c.seen().stream())
        .filter(frame -> "err".equals(frame.getString("type"))).toList();
    System.out.printf("%s: shown %s moves over its connections; %d shown twice, %d not shown %s, refusals %s%n", who,
        connections.stream().map(c -> pushes(c).size()).toList(), twice.size(), missing.size(), missing, refusals);
    assertEquals(List.of(), refusals, who + ": refusals");
    assertEquals(Set.of(), twice, who + ": moves shown more than once");
    assertEquals(stored, shown.keySet(), who + ": the moves shown are the moves stored");
  }

  private Map<String, Long> shownMoves() {
    return connections.stream().flatMap(c -> pushes(c).stream())
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
