package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

/**
 * Kong's active health checks of an upstream's targets: each target is probed every {@code healthy.interval} seconds
 * while healthy and every {@code unhealthy.interval} while not (0: not probed in that state), by an HTTP(S) GET of
 * {@code http_path} or a TCP connection, within {@code timeout}; what each probe found is counted by the upstream's
 * {@link TargetHealth}. Run by each gateway event loop for its own balancer.
 */
final class ActiveProbes {

  private final Vertx vertx;
  private final GatewaySpec.Balancing balancing;
  private final TargetBalancer balancer;
  private final TargetHealth health;
  private final JsonObject active;
  private final HttpClient http;
  private final NetClient tcp;
  private final long[] timers;
  /** Whether a target has a probe pending (its timer set, or the probe under way). */
  private final boolean[] probing;
  private boolean stopped;

  ActiveProbes(Vertx vertx, GatewaySpec.Balancing balancing, TargetBalancer balancer, TargetHealth health) {
    this.vertx = vertx;
    this.balancing = balancing;
    this.balancer = balancer;
    this.health = health;
    this.active = balancing.healthChecks().getJsonObject("active");
    int timeoutMs = (int) Math.max(1, active.getDouble("timeout") * 1000);
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeoutMs)
        .setSsl(active.getString("type").equals("https"))
        .setTrustAll(!active.getBoolean("https_verify_certificate")).setVerifyHost(active.getBoolean("https_verify_certificate")));
    this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout(timeoutMs));
    this.timers = new long[balancing.targets().size()];
    this.probing = new boolean[timers.length];
    // a target passive checks take out is probed at the unhealthy interval from then on, as Kong does
    health.onChange(this::wake);
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
    probing[index] = !stopped && interval > 0;
    if (!probing[index]) {
      return;
    }
    timers[index] = vertx.setTimer((long) (interval * 1000), id -> {
      timers[index] = -1;
      probe(index).onComplete(done -> schedule(index));
    });
  }

  private void wake(int index) {
    if (!probing[index]) {
      schedule(index);
    }
  }

  private Future<Void> probe(int index) {
    GatewaySpec.Target target = balancing.targets().get(index);
    long timeoutMs = (long) Math.max(1, active.getDouble("timeout") * 1000);
    Future<Integer> probe = active.getString("type").equals("tcp")
        ? tcp.connect(target.port(), target.host()).compose(socket -> socket.close().map(0))
        : http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host()).setPort(target.port())
                .setURI(active.getString("http_path")).setTimeout(timeoutMs)
                .putHeader("Host", balancing.hostHeader() == null ? HttpUpstream.inHostHeader(target.host())
                    : balancing.hostHeader()))
            .compose(HttpClientRequest::send)
            .map(HttpClientResponse::statusCode);
    return probe.<Void>map(status -> {
      health.answered(index, status, TargetHealth.Check.ACTIVE);
      return null;
    }).recover(e -> {
      health.failed(index, HttpUpstream.timedOut(e) ? TargetHealth.Failure.TIMEOUT : TargetHealth.Failure.TCP,
          TargetHealth.Check.ACTIVE);
      return Future.succeededFuture();
    });
  }
}
