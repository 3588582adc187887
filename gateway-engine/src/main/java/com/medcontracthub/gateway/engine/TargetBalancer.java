package com.medcontracthub.gateway.engine;

import io.vertx.core.net.HostAndPort;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Picks the target of each request to one of the file's {@code upstreams} (Kong's load balancer). Round-robin spreads
 * requests in proportion to the targets' weights, evenly interleaved (smooth weighted round-robin, as nginx does);
 * least-connections takes the target with the fewest requests in flight for its weight; consistent hashing sends
 * equal values to the same target ({@link HashRing}). A target of weight 0 takes none. One balancer per gateway event
 * loop, as Kong keeps one per worker; not thread-safe.
 */
final class TargetBalancer {

  /** A target taken for one attempt of a request; released when the request is done with it. */
  final class Pick {

    private final int index;
    private boolean released;

    private Pick(int index) {
      this.index = index;
    }

    int target() {
      return index;
    }

    HostAndPort address() {
      GatewaySpec.Target target = targets.get(index);
      return HostAndPort.create(target.host(), target.port());
    }

    void release() {
      if (!released) {
        released = true;
        inFlight[index]--;
      }
    }
  }

  private final List<GatewaySpec.Target> targets;
  private final boolean leastConnections;
  private final int totalWeight;
  private final long[] current;
  private final int[] inFlight;
  private final boolean[] healthy;
  private final double threshold;
  /** Null unless the upstream hashes. */
  private final HashRing ring;

  TargetBalancer(GatewaySpec.Balancing balancing) {
    this.targets = balancing.targets();
    this.leastConnections = balancing.algorithm().equals("least-connections");
    this.totalWeight = targets.stream().mapToInt(GatewaySpec.Target::weight).sum();
    this.current = new long[targets.size()];
    this.inFlight = new int[targets.size()];
    this.healthy = new boolean[targets.size()];
    Arrays.fill(healthy, true);
    this.threshold = balancing.healthChecks().getDouble("threshold");
    this.ring = balancing.hashes() ? new HashRing(targets, balancing.slots()) : null;
  }

  boolean healthy(int index) {
    return healthy[index];
  }

  /** What the health checks found; an unhealthy target takes no requests. */
  void healthy(int index, boolean now) {
    healthy[index] = now;
  }

  /**
   * The target for the next attempt of a request, whose hash value is {@code key} when the upstream hashes and which
   * already {@code tried} the picks it made before; null when
   * no target takes requests (none healthy with a weight, or their weight below the upstream's {@code threshold}
   * percentage of all).
   */
  Pick pick(String key, List<Pick> tried) {
    int healthyWeight = 0;
    for (int i = 0; i < targets.size(); i++) {
      healthyWeight += healthy[i] ? targets.get(i).weight() : 0;
    }
    if (healthyWeight == 0 || healthyWeight * 100.0 < threshold * totalWeight) {
      return null;
    }
    if (ring != null) {
      // a retry goes on round the ring past the targets already tried, and back to them when no other takes it
      IntPredicate takes = i -> healthy[i];
      int target = ring.target(key, tried.isEmpty() ? takes
          : i -> healthy[i] && tried.stream().noneMatch(pick -> pick.index == i));
      if (target < 0 && !tried.isEmpty()) {
        target = ring.target(key, takes);
      }
      if (target < 0) {
        return null;
      }
      inFlight[target]++;
      return new Pick(target);
    }
    int best = -1;
    for (int i = 0; i < targets.size(); i++) {
      int weight = targets.get(i).weight();
      if (weight == 0 || !healthy[i]) {
        continue;
      }
      if (leastConnections) {
        // fewest in flight per unit of weight; ties go round-robin through current
        if (best < 0 || (long) inFlight[i] * targets.get(best).weight() < (long) inFlight[best] * weight
            || (long) inFlight[i] * targets.get(best).weight() == (long) inFlight[best] * weight && current[i] < current[best]) {
          best = i;
        }
      } else {
        current[i] += weight;
        if (best < 0 || current[i] > current[best]) {
          best = i;
        }
      }
    }
    if (leastConnections) {
      current[best]++;
    } else {
      // the weight of the targets that took part, as nginx does: the currents stay balanced while one is out
      current[best] -= healthyWeight;
    }
    inFlight[best]++;
    return new Pick(best);
  }
}
