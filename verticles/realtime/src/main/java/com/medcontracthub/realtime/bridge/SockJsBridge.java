package com.medcontracthub.realtime.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;

/**
 * The SockJS event-bus bridge, to mount at {@code /eventbus/*}: every SockJS transport speaks the stock bridge
 * protocol to a {@link BridgeSession}. The raw WebSocket at {@code /eventbus/websocket} (what programs and load
 * generators use) is served without SockJS: a plain WebSocket, JSON in binary frames as SockJS's raw transport
 * writes them, holding none of the per-socket SockJS and routing state — a third of a socket's memory.
 */
public final class SockJsBridge {

  private SockJsBridge() {
  }

  public static Router router(Vertx vertx, BridgeServices services) {
    Router bridge = Router.router(vertx);
    bridge.get("/websocket").handler(ctx -> ctx.request().toWebSocket()
        .onSuccess(socket -> accept(socket, services))
        .onFailure(ctx::fail));
    // the bridge's own timer finds dead sockets; SockJS's heartbeats keep proxies from closing idle ones
    SockJSHandlerOptions options = new SockJSHandlerOptions().setHeartbeatInterval(25_000);
    bridge.route("/*").subRouter(SockJSHandler.create(vertx, options).socketHandler(socket -> {
      BridgeSession session = new BridgeSession(services, Wire.SOCKJS, socket, socket::close);
      socket.handler(session::receive);
      socket.closeHandler(v -> session.ended());
      socket.exceptionHandler(e -> session.close());
    }));
    return bridge;
  }

  private static void accept(ServerWebSocket socket, BridgeServices services) {
    BridgeSession session = new BridgeSession(services, Wire.SOCKJS, socket, socket::close);
    // whole messages, text or binary, however the client fragmented them (Vert.x caps them at 256 KiB)
    socket.textMessageHandler(text -> session.receive(Buffer.buffer(text)));
    socket.binaryMessageHandler(session::receive);
    socket.closeHandler(v -> session.ended());
    socket.exceptionHandler(e -> session.close());
  }
}
