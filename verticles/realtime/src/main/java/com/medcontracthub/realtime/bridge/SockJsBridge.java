package com.medcontracthub.realtime.bridge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;

/**
 * The SockJS event-bus bridge, to mount at {@code /eventbus/*}: every SockJS transport speaks the stock bridge
 * protocol to a {@link BridgeSession}. The raw WebSocket at {@code /eventbus/websocket} (what programs and load
 * generators use) is served before the router, without SockJS: a plain WebSocket, JSON in binary frames as SockJS's
 * raw transport writes them, holding none of the per-socket SockJS and routing state (a third of a socket's memory)
 * and written to through {@link RawWebSocket}.
 */
public final class SockJsBridge {

  /** Where the bridge is mounted. */
  public static final String MOUNT = "/eventbus";
  static final String RAW_WEBSOCKET = MOUNT + "/websocket";

  private SockJsBridge() {
  }

  /** Every SockJS transport, to mount at {@value #MOUNT}{@code /*}. */
  public static Router router(Vertx vertx, BridgeServices services) {
    Router bridge = Router.router(vertx);
    // the bridge's own timer finds dead sockets; SockJS's heartbeats keep proxies from closing idle ones
    // the iframe fallbacks load SockJS from the gateway, as the page does, not from a CDN its policy does not allow
    SockJSHandlerOptions options = new SockJSHandlerOptions().setHeartbeatInterval(25_000)
        .setLibraryURL("/vendor/sockjs.min.js");
    bridge.route("/*").subRouter(SockJSHandler.create(vertx, options).socketHandler(socket -> {
      BridgeSession session = new BridgeSession(services, Wire.SOCKJS, Outlet.of(socket, socket::close));
      socket.handler(session::receive);
      socket.closeHandler(v -> session.ended());
      socket.exceptionHandler(e -> session.close());
    }));
    return bridge;
  }

  /**
   * The HTTP server's request handler: the raw WebSocket here, everything else to {@code next} (the router with
   * {@link #router} mounted). Served before the router because Vert.x Web wraps the sockets it upgrades, which hides
   * the channel {@link RawWebSocket} writes to.
   */
  public static Handler<HttpServerRequest> rawWebSocketFirst(BridgeServices services, Handler<HttpServerRequest> next) {
    return request -> {
      if (!RAW_WEBSOCKET.equals(request.path())) {
        next.handle(request);
        return;
      }
      request.toWebSocket()
          .onSuccess(socket -> accept(socket, services))
          .onFailure(e -> {
            if (!request.response().ended()) {
              request.response().setStatusCode(400).end("a WebSocket upgrade is expected here");
            }
          });
    };
  }

  private static void accept(ServerWebSocket socket, BridgeServices services) {
    BridgeSession session = new BridgeSession(services, Wire.WEBSOCKET, new RawWebSocket(socket));
    // whole messages, text or binary, however the client fragmented them (Vert.x caps them at 256 KiB)
    socket.textMessageHandler(text -> session.receive(Buffer.buffer(text)));
    socket.binaryMessageHandler(session::receive);
    socket.closeHandler(v -> session.ended());
    socket.exceptionHandler(e -> session.close());
  }
}
