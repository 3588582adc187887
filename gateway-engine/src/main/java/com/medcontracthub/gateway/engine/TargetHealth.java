package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's active health checks of an upstream's targets: each target is probed every {@code healthy.interval} seconds
 * while healthy and every {@code unhealthy.interval} while not (0: not probed in that state), by an HTTP(S) GET of
 * {@code http_path} or a TCP connection. {@code unhealthy.http_failures} answers with an unhealthy status,
 * {@code tcp_failures} refused connections or {@code timeouts} in a row take a target out of the balancer;
 * {@code healthy.successes} good answers in a row put it back. Run by each gateway event loop for its own balancer.
 */
final class TargetHealth {

  private static final Logger LOG = LoggerFactory.getLogger(TargetHealth.class);

  private enum Outcome { SUCCESS, HTTP_FAILURE, TCP_FAILURE, TIMEOUT, OTHER }

  private final Vertx vertx;
  private final GatewaySpec.Balancing balancing;
  private final TargetBalancer balancer;
  private final JsonObject active;
  private final HttpClient http;
  private final NetClient tcp;
  private final int[] successes;
  private final int[][] failures;
  private final long[] timers;
  private boolean stopped;

  TargetHealth(Vertx vertx, GatewaySpec.Balancing balancing, TargetBalancer balancer) {
    this.vertx = vertx;
    this.balancing = balancing;
    this.balancer = balancer;
    this.active = balancing.healthChecks().getJsonObject("active");
    int timeoutMs = (int) Math.max(1, active.getDouble("timeout") * 1000);
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeoutMs)
        .setSsl(active.getString("type").equals("https"))
        .setTrustAll(!active.getBoolean("https_verify_certificate")).setVerifyHost(active.getBoolean("https_verify_certificate")));
    this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout(timeoutMs));
    int targets = balancing.targets().size();
    this.successes = new int[targets];
    this.failures = new int[targets][Outcome.values().length];
    this.timers = new long[targets];
  }

  /** Whether any interval is set: without one there is nothing to run. */
  static boolean wanted(GatewaySpec.Balancing balancing) {
    JsonObject active = balancing.healthChecks().getJsonObject("active");
    return active.getJsonObject("healthy").getDouble("interval") > 0
        || active.getJsonObject("unhealthy").getDouble("interval") > 0;
  }

  void start() {
    for (int i = 0; i < timers.length; i++) {
      timers[i] = -1;
      schedule(i);
    }
  }

  void stop() {
    stopped = true;
    for (long timer : timers) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
    http.close();
    tcp.close();
  }

  private void schedule(int index) {
    double interval = active.getJsonObject(balancer.healthy(index) ? "healthy" : "unhealthy").getDouble("interval");
    if (stopped || interval <= 0) {
      return;
    }
    timers[index] = vertx.setTimer((long) (interval * 1000), id -> probe(index).onComplete(outcome -> {
      record(index, outcome.result());
      schedule(index);
    }));
  }

  private Future<Outcome> probe(int index) {
    GatewaySpec.Target target = balancing.targets().get(index);
    long timeoutMs = (long) Math.max(1, active.getDouble("timeout") * 1000);
    Future<Outcome> probe = active.getString("type").equals("tcp")
        ? tcp.connect(target.port(), target.host()).compose(socket -> socket.close().map(Outcome.SUCCESS))
        : http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host()).setPort(target.port())
                .setURI(active.getString("http_path")).setTimeout(timeoutMs)
                .putHeader("Host", balancing.hostHeader() == null ? HttpUpstream.inHostHeader(target.host())
                    : balancing.hostHeader()))
            .compose(HttpClientRequest::send)
            .map(response -> classify(response.statusCode()));
    return probe.recover(e -> Future.succeededFuture(e instanceof TimeoutException
        || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timeout") ? Outcome.TIMEOUT : Outcome.TCP_FAILURE));
  }

  private Outcome classify(int status) {
    if (statuses("healthy").contains(status)) {
      return Outcome.SUCCESS;
    }
    return statuses("unhealthy").contains(status) ? Outcome.HTTP_FAILURE : Outcome.OTHER;
  }

  private List<Object> statuses(String state) {
    JsonArray statuses = active.getJsonObject(state).getJsonArray("http_statuses");
    return statuses.getList();
  }

  private void record(int index, Outcome outcome) {
    if (outcome == Outcome.OTHER) {
      return;
    }
    GatewaySpec.Target target = balancing.targets().get(index);
    if (outcome == Outcome.SUCCESS) {
      failures[index] = new int[Outcome.values().length];
      successes[index]++;
      int needed = active.getJsonObject("healthy").getInteger("successes");
      if (!balancer.healthy(index) && needed > 0 && successes[index] >= needed) {
        balancer.healthy(index, true);
        LOG.info("upstream {}: target {}:{} is healthy again ({} good checks)", balancing.name(), target.host(),
            target.port(), successes[index]);
      }
      return;
    }
    successes[index] = 0;
    int count = ++failures[index][outcome.ordinal()];
    String field = switch (outcome) {
      case HTTP_FAILURE -> "http_failures";
      case TCP_FAILURE -> "tcp_failures";
      default -> "timeouts";
    };
    int limit = active.getJsonObject("unhealthy").getInteger(field);
    if (balancer.healthy(index) && limit > 0 && count >= limit) {
      balancer.healthy(index, false);
      failures[index] = new int[Outcome.values().length];
      LOG.warn("upstream {}: target {}:{} is unhealthy ({} {} in a row)", balancing.name(), target.host(),
          target.port(), count, field.replace('_', ' '));
    }
  }
}
