package com.medcontracthub.gateway.declarative;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.gateway.GatewayVerticle;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.health.DependencyChecks;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real upstream HTTP server that answers with what it received ({@code /base/slow} never answers, {@code /base/big}
 * streams {@code bytes} bytes, {@code /base/counter} counts its requests, with {@code cc} as Cache-Control), and gateways
 * started on declarative files in which {@code UPSTREAM} stands for that server's URL.
 */
final class GatewayFixture {

  private final Vertx vertx;
  private final Path dir;
  private final int upstreamPort;
  /** How many requests reached {@code /base/counter}. */
  private final java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();

  GatewayFixture(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
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

  Path write(Path file, String yaml) {
    try {
      Files.writeString(file, yaml.replace("UPSTREAM", "http://127.0.0.1:" + upstreamPort));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A gateway on a new file with {@code yaml}. */
  /** A file with one route, {@code /traced}, to the echo upstream, under one global plugin: {@code name} with {@code config}. */
  static String tracedRoute(String name, String config) {
    return """
        _format_version: "3.0"
        services:
          - name: echo
            url: UPSTREAM/base
            routes: [{name: traced, paths: [/traced]}]
        plugins:
          - name: %s
            config: %s
        """.formatted(name, config);
  }

  int upstreamPort() {
    return upstreamPort;
  }

  Future<GatewayClient> gateway(String yaml) {
    return gateway(write(dir.resolve("gateway-" + System.nanoTime() + ".yaml"), yaml));
  }

  /** A gateway on {@code file}, which it watches. */
  Future<GatewayClient> gateway(Path file) {
    return gateway(Map.of(ConfigKeys.GATEWAY_DECLARATIVE_FILE, file.toString()));
  }

  /** A gateway whose product API file has {@code apiYaml}, and its team file {@code yaml}. */
  Future<GatewayClient> gateway(String apiYaml, String yaml) {
    return gateway(Map.of(
        ConfigKeys.GATEWAY_API_FILE, write(dir.resolve("api-" + System.nanoTime() + ".yaml"), apiYaml).toString(),
        ConfigKeys.GATEWAY_DECLARATIVE_FILE, write(dir.resolve("gateway-" + System.nanoTime() + ".yaml"), yaml).toString()));
  }

  private Future<GatewayClient> gateway(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    settings.forEach((key, value) -> env.put(ConfigKeys.envName(key), value));
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of()).compose(config -> {
      GatewayVerticle gateway = new GatewayVerticle(config, DependencyChecks.create(vertx, config).healthChecks());
      return vertx.deployVerticle(gateway).map(id -> new GatewayClient(vertx, gateway.port()));
    });
  }

  static Future<Void> sequentially(int times, Supplier<Future<?>> step) {
    return times == 0 ? Future.succeededFuture() : step.get().compose(v -> sequentially(times - 1, step));
  }

  /** Asks until the answer is {@code expected}; the test's own timeout bounds it. */
  <T> Future<T> until(Supplier<Future<T>> ask, T expected) {
    return ask.get().compose(answer -> answer.equals(expected) ? Future.succeededFuture(answer)
        : vertx.timer(100).compose(t -> until(ask, expected)));
  }
}
