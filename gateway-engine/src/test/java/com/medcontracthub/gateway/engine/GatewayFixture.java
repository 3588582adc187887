package com.medcontracthub.gateway.engine;

import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A real upstream HTTP server that answers with what it received ({@code /base/slow} never answers, {@code /base/big}
 * streams {@code bytes} bytes, {@code /base/counter} counts its requests, with {@code cc} as Cache-Control), and gateways
 * started on declarative files in which {@code UPSTREAM} stands for that server's URL. A gateway is the engine alone: an
 * HTTP server (a verticle of its own, so on an event loop of its own) whose router runs the file's routes, then
 * {@code /metrics} (Prometheus), then answers 404; plugins that keep state in Redis share the test Redis. A product's
 * tests (through the engine's test-jar) take the upstream and the files from here and start gateways of their own.
 */
public final class GatewayFixture {

  /** Which of a gateway's files the routes come from: gateways on the same file share their plugins' Redis state. */
  static final String FILE_KEY = "declarative-file";

  private final Vertx vertx;
  private final Path dir;
  private final GatewayExtensions extensions;
  private final int upstreamPort;
  /** How many requests reached {@code /base/counter}. */
  private final java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();

  public GatewayFixture(Vertx vertx, Path dir) {
    this(vertx, dir, KongPlugins.only());
  }

  /** Gateways serving their files with {@code extensions}. */
  GatewayFixture(Vertx vertx, Path dir, GatewayExtensions extensions) {
    this.vertx = vertx;
    this.dir = dir;
    this.extensions = extensions;
    this.upstreamPort = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/base/slow")) {
        return;
      }
      if (request.path().equals("/base/counter")) {
        String control = request.getParam("cc");
        if (control != null) {
          request.response().putHeader("Cache-Control", control);
        }
        request.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("count", counter.incrementAndGet()).encode());
        return;
      }
      if (request.path().equals("/base/big")) {
        stream(request.response().setChunked(true), Long.parseLong(request.getParam("bytes")));
        return;
      }
      request.body().onSuccess(body -> {
        JsonObject headers = new JsonObject();
        request.headers().forEach((k, v) -> headers.put(k.toLowerCase(), v));
        request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("method", request.method().name()).put("path", request.path()).put("query", request.query())
            .put("headers", headers).put("bodyBytes", body.length()).encode());
      });
    }).listen(0, "127.0.0.1").await().actualPort();
  }

  /** {@code bytes} bytes (0, 1, … 255, 0, …) written as the client takes them. */
  private static void stream(io.vertx.core.http.HttpServerResponse response, long bytes) {
    byte[] pattern = new byte[64 * 1024];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) i;
    }
    io.vertx.core.buffer.Buffer chunk = io.vertx.core.buffer.Buffer.buffer(pattern);
    long[] left = {bytes};
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      while (left[0] > 0 && !response.writeQueueFull()) {
        int n = (int) Math.min(chunk.length(), left[0]);
        response.write(n == chunk.length() ? chunk : chunk.getBuffer(0, n));
        left[0] -= n;
      }
      if (left[0] == 0) {
        response.end();
      } else {
        response.drainHandler(v -> pump[0].run());
      }
    };
    pump[0].run();
  }

  /** Writes {@code yaml} to {@code file}, {@code UPSTREAM} standing for the upstream's URL. */
  public Path write(Path file, String yaml) {
    try {
      Files.writeString(file, yaml.replace("UPSTREAM", "http://127.0.0.1:" + upstreamPort));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new file {@code name-<n>.yaml} in the test's directory, with {@code yaml} written as by the other write. */
  public Path write(String name, String yaml) {
    return write(dir.resolve(name + "-" + System.nanoTime() + ".yaml"), yaml);
  }

  int upstreamPort() {
    return upstreamPort;
  }

  /** A gateway on a new file with {@code yaml}. */
  Future<GatewayClient> gateway(String yaml) {
    return gateway(write("gateway", yaml));
  }

  /** A gateway on {@code file}, which it watches. */
  Future<GatewayClient> gateway(Path file) {
    EngineGateway gateway = new EngineGateway(file, extensions);
    return vertx.deployVerticle(gateway).map(id -> new GatewayClient(vertx, gateway.server.actualPort(),
        gateway.tls == null ? -1 : gateway.tls.actualPort()));
  }

  /** The engine in an HTTP server of its own, as a product would serve it. */
  private static final class EngineGateway extends VerticleBase {

    /** The largest body an upstream that takes bodies whole is sent. */
    private static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Path file;
    private final GatewayExtensions extensions;
    private DeclarativeGateway routes;
    private HttpServer server;
    /** Null unless the file has certificates. */
    private HttpServer tls;
    private Redis redis;

    EngineGateway(Path file, GatewayExtensions extensions) {
      this.file = file;
      this.extensions = extensions;
    }

    @Override
    public Future<?> start() {
      return DeclarativeGateway.start(vertx, FILE_KEY, file, this::redis, MAX_BODY_BYTES, extensions)
          .compose(started -> {
            routes = started;
            Router router = Router.router(vertx);
            router.route().handler(routes);
            router.get("/metrics").handler(PrometheusScrapingHandler.create());
            router.route().last().handler(ctx -> extensions.problems().send(ctx, 404, "no route for "
                + ctx.request().method() + " " + ctx.request().path()));
            server = vertx.createHttpServer().requestHandler(router);
            return server.listen(0, "127.0.0.1").compose(listening -> tls(router));
          });
    }

    /** With certificates in the file, a TLS listener too, given each new version of them as the file reloads. */
    private Future<?> tls(Router router) {
      if (routes.spec().certificates().isEmpty()) {
        return Future.succeededFuture();
      }
      tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
          .setKeyCertOptions(ServerCertificates.of(routes.spec().certificates()))).requestHandler(router);
      return tls.listen(0, "127.0.0.1").onSuccess(listening -> routes.onLoad(spec -> tls.updateSSLOptions(
          ServerCertificates.sslOptions(spec.certificates()), true)));
    }

    private synchronized Redis redis() {
      if (redis == null) {
        redis = TestRedis.client(vertx);
      }
      return redis;
    }

    @Override
    public Future<?> stop() {
      if (routes != null) {
        routes.stop();
      }
      return redis == null ? Future.succeededFuture() : redis.close();
    }
  }

  /** {@code step} {@code times} times, each once the one before has completed. */
  public static Future<Void> sequentially(int times, Supplier<Future<?>> step) {
    return times == 0 ? Future.succeededFuture() : step.get().compose(v -> sequentially(times - 1, step));
  }

  /** Asks until the answer is {@code expected}; the test's own timeout bounds it. */
  <T> Future<T> until(Supplier<Future<T>> ask, T expected) {
    return ask.get().compose(answer -> answer.equals(expected) ? Future.succeededFuture(answer)
        : vertx.timer(100).compose(t -> until(ask, expected)));
  }
}
