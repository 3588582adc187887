package com.medcontracthub.gateway.engine;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an upstream's health checks have found about each target, counted as Kong counts it: the answers of active
 * probes ({@link ActiveProbes}) and, for passive checks, of the requests proxied to it. {@code unhealthy.http_failures}
 * answers with an unhealthy status, {@code tcp_failures} failed connections or {@code timeouts} in a row (the limits of
 * the kind of check that saw them; 0 counts nothing) take a target out of the balancer; {@code healthy.successes} good
 * answers in a row put it back. A target that passive checks took out gets no more requests, so only active probes or
 * a reload bring it back, as in Kong. One per gateway event loop, with its balancer; not thread-safe.
 */
final class TargetHealth {

  private static final Logger LOG = LoggerFactory.getLogger(TargetHealth.class);

  /** Which check saw an outcome: its limits and statuses apply. */
  enum Check { ACTIVE, PASSIVE }

  /** A failure other than an unhealthy answer. */
  enum Failure { TCP, TIMEOUT }

  private static final int HTTP = 2;

  private final GatewaySpec.Balancing balancing;
  private final TargetBalancer balancer;
  private final JsonObject[] checks = new JsonObject[Check.values().length];
  /** Per check, whether each status (100–999) is healthy; unhealthy: on the proxy path, no boxing per answer. */
  private final boolean[][] healthyStatus = new boolean[Check.values().length][];
  private final boolean[][] unhealthyStatus = new boolean[Check.values().length][];
  /** Per check, whether it is of type tcp: any answer is then a success. */
  private final boolean[] tcp = new boolean[Check.values().length];
  private final int[] successes;
  /** Failures in a row per target: TCP, TIMEOUT, HTTP. */
  private final int[][] failures;
  /** Told the index of a target whose state changed. */
  private IntConsumer changed = index -> { };

  TargetHealth(GatewaySpec.Balancing balancing, TargetBalancer balancer) {
    this.balancing = balancing;
    this.balancer = balancer;
    checks[Check.ACTIVE.ordinal()] = balancing.healthChecks().getJsonObject("active");
    checks[Check.PASSIVE.ordinal()] = balancing.healthChecks().getJsonObject("passive");
    for (Check check : Check.values()) {
      healthyStatus[check.ordinal()] = statuses(checks[check.ordinal()], "healthy");
      unhealthyStatus[check.ordinal()] = statuses(checks[check.ordinal()], "unhealthy");
      tcp[check.ordinal()] = checks[check.ordinal()].getString("type").equals("tcp");
    }
    this.successes = new int[balancing.targets().size()];
    this.failures = new int[balancing.targets().size()][3];
  }

  /** {@code listener} is told each target whose state changes (active probes then probe it at its new interval). */
  void onChange(IntConsumer listener) {
    this.changed = listener;
  }

  /** Whether the upstream's passive checks count anything: without a failure limit they cannot take a target out. */
  static boolean passive(GatewaySpec.Balancing balancing) {
    JsonObject unhealthy = balancing.healthChecks().getJsonObject("passive").getJsonObject("unhealthy");
    return unhealthy.getInteger("http_failures") > 0 || unhealthy.getInteger("tcp_failures") > 0
        || unhealthy.getInteger("timeouts") > 0;
  }

  /** An answer from target {@code index}: good, unhealthy, or neither, by the check's statuses (any, for tcp). */
  void answered(int index, int status, Check check) {
    if (tcp[check.ordinal()]) {
      success(index, check);
    } else if (status < 100 || status > 999) {
      return;
    } else if (healthyStatus[check.ordinal()][status]) {
      success(index, check);
    } else if (unhealthyStatus[check.ordinal()][status]) {
      failure(index, HTTP, "http_failures", check);
    }
  }

  void failed(int index, Failure failure, Check check) {
    failure(index, failure.ordinal(), failure == Failure.TCP ? "tcp_failures" : "timeouts", check);
  }

  private static boolean[] statuses(JsonObject check, String state) {
    boolean[] listed = new boolean[1000];
    check.getJsonObject(state).getJsonArray("http_statuses").forEach(status -> listed[(Integer) status] = true);
    return listed;
  }

  private void success(int index, Check check) {
    Arrays.fill(failures[index], 0);
    successes[index]++;
    int needed = checks[check.ordinal()].getJsonObject("healthy").getInteger("successes");
    if (!balancer.healthy(index) && needed > 0 && successes[index] >= needed) {
      balancer.healthy(index, true);
      changed.accept(index);
      GatewaySpec.Target target = balancing.targets().get(index);
      LOG.info("upstream {}: target {}:{} is healthy again ({} good checks)", balancing.name(), target.host(),
          target.port(), successes[index]);
    }
  }

  private void failure(int index, int kind, String field, Check check) {
    successes[index] = 0;
    int count = ++failures[index][kind];
    int limit = checks[check.ordinal()].getJsonObject("unhealthy").getInteger(field);
    if (balancer.healthy(index) && limit > 0 && count >= limit) {
      balancer.healthy(index, false);
      Arrays.fill(failures[index], 0);
      changed.accept(index);
      GatewaySpec.Target target = balancing.targets().get(index);
      LOG.warn("upstream {}: target {}:{} is unhealthy ({} {} in a row, {} checks)", balancing.name(), target.host(),
          target.port(), count, field.replace('_', ' '), check.name().toLowerCase(Locale.ROOT));
    }
  }
}
