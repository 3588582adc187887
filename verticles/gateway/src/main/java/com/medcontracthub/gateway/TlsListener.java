package com.medcontracthub.gateway;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.gateway.engine.DeclarativeGateway;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.ServerCertificates;
import com.medcontracthub.platform.config.BindFailures;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's TLS listener ({@code gateway.https-port}): the same routes, serving the gateway files' certificates
 * (the API file's, then the team file's) by the server name a client indicates; every reload of a file gives it the
 * certificates then in the files.
 */
final class TlsListener {

  private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);

  private TlsListener() {
  }

  /** The listener, once it listens; null when {@code gateway.https-port} is not set. */
  static Future<HttpServer> start(Vertx vertx, MchConfig config, Handler<HttpServerRequest> handler,
      List<DeclarativeGateway> files) {
    if (config.gateway().httpsPort().isEmpty()) {
      return Future.succeededFuture();
    }
    int port = config.gateway().httpsPort().get();
    List<GatewaySpec.Certificate> certificates = certificates(files);
    if (certificates.isEmpty()) {
      return Future.failedFuture(new ConfigException(ConfigKeys.GATEWAY_HTTPS_PORT + " is set, but no gateway file "
          + "declares certificates to serve"));
    }
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(config.gateway().host()).setPort(port)
        .setSsl(true).setSni(true).setKeyCertOptions(ServerCertificates.of(certificates)).setStrictThreadMode(true));
    return server.requestHandler(handler).listen()
        .recover(e -> BindFailures.explain(e, config.gateway().host(), port, ConfigKeys.GATEWAY_HTTPS_PORT))
        .onSuccess(listening -> files.forEach(file -> file.onLoad(reloaded -> {
          List<GatewaySpec.Certificate> now = certificates(files);
          if (!now.isEmpty()) {
            server.updateSSLOptions(ServerCertificates.sslOptions(now), true).onFailure(e -> LOG.error(
                "the TLS listener keeps its certificates; the reloaded files' cannot be served: {}", e.toString()));
          }
        })))
        .map(server);
  }

  private static List<GatewaySpec.Certificate> certificates(List<DeclarativeGateway> files) {
    return files.stream().flatMap(file -> file.spec().certificates().stream()).toList();
  }
}
