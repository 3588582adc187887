package com.medcontracthub.realtime;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.auth.Authentication;
import com.medcontracthub.platform.config.BindFailures;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.service.ServiceVerticle;
import com.medcontracthub.realtime.bridge.BridgeServices;
import com.medcontracthub.realtime.bridge.TcpBridge;
import io.vertx.core.Future;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

/** The TCP event-bus bridge on {@code realtime.tcp-port}, for Node, Python or Go programs. */
public final class TcpBridgeVerticle extends ServiceVerticle {

  private NetServer server;
  private BridgeServices services;

  public TcpBridgeVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    return Authentication.start(vertx, config).compose(auth -> {
      services = new BridgeServices(vertx, config, auth.logins(), redis());
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
    return super.stop();
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
