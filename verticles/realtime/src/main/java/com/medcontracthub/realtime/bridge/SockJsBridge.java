package com.medcontracthub.realtime.bridge;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;

/**
 * The SockJS event-bus bridge, to mount at {@code /eventbus/*}: every SockJS transport, and the raw WebSocket one at
 * {@code /eventbus/websocket}, speak the stock bridge protocol to {@link BridgeSession}.
 */
public final class SockJsBridge {

  private SockJsBridge() {
  }

  public static Router router(Vertx vertx, BridgeServices services) {
    // the bridge's own timer finds dead sockets; SockJS's heartbeats keep proxies from closing idle ones
    SockJSHandlerOptions options = new SockJSHandlerOptions().setHeartbeatInterval(25_000);
    return SockJSHandler.create(vertx, options).socketHandler(socket -> {
      BridgeSession session = new BridgeSession(services, Wire.SOCKJS, socket, socket::close);
      socket.handler(session::receive);
      socket.closeHandler(v -> session.ended());
      socket.exceptionHandler(e -> session.close());
    });
  }
}
