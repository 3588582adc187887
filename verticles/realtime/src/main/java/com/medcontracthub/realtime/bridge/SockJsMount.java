package com.medcontracthub.realtime.bridge;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.http.GatewayMount;
import com.medcontracthub.platform.http.ProductLogins;
import com.medcontracthub.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;

/**
 * Realtime's contribution to the gateway: the SockJS event-bus bridge at {@value SockJsBridge#MOUNT}, and its raw
 * WebSocket served ahead of the router, with the sockets of one gateway verticle sharing one {@link BridgeServices}.
 */
public final class SockJsMount implements GatewayMount {

  public static final Factory FACTORY = SockJsMount::new;

  private final Redis redis;
  private final BridgeServices services;
  private final Router router;

  private SockJsMount(Vertx vertx, MchConfig config, ProductLogins logins) {
    this.redis = RedisClients.create(vertx, config);
    this.services = new BridgeServices(vertx, config, logins.logins(), redis);
    this.router = SockJsBridge.router(vertx, services);
  }

  /** What the mount's sockets share; for tests and metrics. */
  public BridgeServices services() {
    return services;
  }

  /** Every SockJS transport at {@value SockJsBridge#MOUNT}{@code /*}. */
  @Override
  public void mount(Router gateway) {
    gateway.route(SockJsBridge.MOUNT + "/*").subRouter(router);
  }

  @Override
  public Handler<HttpServerRequest> before(Handler<HttpServerRequest> next) {
    return SockJsBridge.rawWebSocketFirst(services, next);
  }

  @Override
  public Future<?> close() {
    services.close();
    return redis.close();
  }
}
