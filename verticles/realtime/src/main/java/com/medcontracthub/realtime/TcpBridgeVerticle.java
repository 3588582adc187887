package com.medcontracthub.realtime;

import com.medcontracthub.platform.auth.Authentication;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.BindFailures;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.redis.RedisClients;
import com.medcontracthub.realtime.bridge.BridgeServices;
import com.medcontracthub.realtime.bridge.TcpBridge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.redis.client.Redis;

/** The TCP event-bus bridge on {@code realtime.tcp-port}, for Node, Python or Go programs. */
public final class TcpBridgeVerticle extends VerticleBase {

  private final MchConfig config;
  private NetServer server;
  private Redis redis;
  private BridgeServices services;

  public TcpBridgeVerticle(MchConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    redis = RedisClients.create(vertx, config);
    return Authentication.start(vertx, config).compose(auth -> {
      services = new BridgeServices(vertx, config, auth.logins(), redis);
      server = vertx.createNetServer(new NetServerOptions().setHost(config.gateway().host())
          .setPort(config.realtime().tcpPort())).connectHandler(socket -> TcpBridge.accept(socket, services));
      return server.listen().recover(e -> BindFailures.explain(e, config.gateway().host(), config.realtime().tcpPort(),
          ConfigKeys.REALTIME_TCP_PORT));
    });
  }

  @Override
  public Future<?> stop() {
    if (services != null) {
      services.close();
    }
    return redis.close();
  }

  /** Connections open now; for tests and metrics. */
  public int sockets() {
    return services.sockets();
  }

  /** The port bound (differs from the configured one when that is 0). */
  public int port() {
    return server.actualPort();
  }
}
