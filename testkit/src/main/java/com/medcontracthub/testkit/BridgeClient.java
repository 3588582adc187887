package com.medcontracthub.testkit;

import com.medcontracthub.codecs.bridge.TcpFrames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A client of the event-bus bridge protocol as the stock clients speak it, over the raw WebSocket transport at
 * {@code /eventbus/websocket} or the TCP bridge's length-prefixed frames. Frames received are kept until a test
 * takes them with {@link #next}, so a test can wait for one without sleeping.
 */
public final class BridgeClient {

  private static final long TIMEOUT_MS = 10_000;

  private record Waiter(Predicate<JsonObject> match, Promise<JsonObject> promise) {
  }

  private final Vertx vertx;
  /** The connection's event loop, where its frames arrive. */
  private final Context context;
  private final Consumer<String> sender;
  private final Runnable closer;
  private final List<JsonObject> received = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final Promise<Void> closed = Promise.promise();

  private BridgeClient(Vertx vertx, Context context, Consumer<String> sender, Runnable closer) {
    this.vertx = vertx;
    this.context = context;
    this.sender = sender;
    this.closer = closer;
  }

  /** Over WebSocket, as a browser on the SockJS bridge's raw WebSocket transport. */
  public static Future<BridgeClient> webSocket(Vertx vertx, int port) {
    // referenced until the socket closes: Vert.x 5 closes a client the garbage collector finds unreachable, and a
    // collection during the handshake cut it ("connection closed while handshake in process")
    WebSocketClient client = vertx.createWebSocketClient();
    return onOneContext(vertx, context -> client.connect(port, "127.0.0.1", "/eventbus/websocket").map(ws -> {
      BridgeClient bridge = new BridgeClient(vertx, context, ws::writeTextMessage,
          () -> ws.close().eventually(client::close));
      ws.closeHandler(v -> bridge.closed.tryComplete());
      ws.binaryMessageHandler(buffer -> bridge.arrived(buffer.toJsonObject()));
      ws.textMessageHandler(text -> bridge.arrived(new JsonObject(text)));
      return bridge;
    }));
  }

  /** Over the TCP bridge; {@link #close} drops the connection without a goodbye, like a killed program. */
  public static Future<BridgeClient> tcp(Vertx vertx, int port) {
    NetClient client = vertx.createNetClient();
    return onOneContext(vertx, context -> client.connect(port, "127.0.0.1").map(socket -> {
      BridgeClient bridge = new BridgeClient(vertx, context, json -> socket.write(TcpFrames.frame(json)),
          () -> socket.close().eventually(client::close));
      socket.handler(TcpFrames.reader(Integer.MAX_VALUE, frame -> bridge.arrived(frame.toJsonObject()), length -> { }));
      socket.closeHandler(v -> bridge.closed.tryComplete());
      return bridge;
    }));
  }

  /**
   * Connects from an event loop of its own, so the connection's frames arrive on a context the client knows and a
   * test that keeps state per client can change it there ({@link #context()}).
   */
  private static Future<BridgeClient> onOneContext(Vertx vertx, Function<Context, Future<BridgeClient>> connect) {
    Context context = vertx.getOrCreateContext();
    Promise<BridgeClient> connected = Promise.promise();
    context.runOnContext(v -> connect.apply(context).onComplete(connected));
    return connected.future();
  }

  /**
   * The event loop the connection's frames arrive on: a client that keeps state of its own (a notes editor) changes
   * it there, as a browser does on its one thread.
   */
  public Context context() {
    return context;
  }

  public void send(JsonObject frame) {
    sender.accept(frame.encode());
  }

  public void sendRaw(String text) {
    sender.accept(text);
  }

  public void register(String address, String token) {
    register(address, token, null);
  }

  /** Registers with the bearer token, and a {@code since} header when recovering. */
  public void register(String address, String token, String since) {
    JsonObject headers = new JsonObject();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (since != null) {
      headers.put("since", since);
    }
    send(new JsonObject().put("type", "register").put("address", address).put("headers", headers));
  }

  /** A send with a reply address; the answer (or refusal) arrives on that address. */
  public String request(String address, String token, Object body) {
    String replyAddress = UUID.randomUUID().toString();
    JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("body", body)
        .put("replyAddress", replyAddress);
    if (token != null) {
      frame.put("headers", new JsonObject().put("Authorization", "Bearer " + token));
    }
    send(frame);
    return replyAddress;
  }

  /** The first frame not yet taken that matches, as soon as it arrives; fails after 10 s listing what did. */
  public Future<JsonObject> next(Predicate<JsonObject> match) {
    return next(match, TIMEOUT_MS);
  }

  /** As {@link #next(Predicate)}, waiting up to {@code timeoutMs}. */
  public synchronized Future<JsonObject> next(Predicate<JsonObject> match, long timeoutMs) {
    for (Iterator<JsonObject> it = received.iterator(); it.hasNext(); ) {
      JsonObject frame = it.next();
      if (match.test(frame)) {
        it.remove();
        return Future.succeededFuture(frame);
      }
    }
    Promise<JsonObject> promise = Promise.promise();
    Waiter waiter = new Waiter(match, promise);
    waiters.add(waiter);
    long timer = vertx.setTimer(timeoutMs, id -> {
      synchronized (this) {
        if (waiters.remove(waiter)) {
          promise.tryFail(new AssertionError("no matching frame within " + timeoutMs + " ms; received: " + seen));
        }
      }
    });
    return promise.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  /** The next frame on an address (a message, a reply or a refusal). */
  public Future<JsonObject> next(String address) {
    return next(frame -> address.equals(frame.getString("address")));
  }

  /** Completes when the connection closes, from either side. */
  public Future<Void> closed() {
    return closed.future();
  }

  public Future<Void> close() {
    closer.run();
    return Future.succeededFuture();
  }

  private synchronized void arrived(JsonObject frame) {
    seen.add(frame);
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter waiter = it.next();
      if (waiter.match().test(frame)) {
        it.remove();
        waiter.promise().tryComplete(frame);
        return;
      }
    }
    received.add(frame);
  }

  /** Every frame received so far, for failure messages. */
  public synchronized List<JsonObject> seen() {
    return List.copyOf(seen);
  }
}
