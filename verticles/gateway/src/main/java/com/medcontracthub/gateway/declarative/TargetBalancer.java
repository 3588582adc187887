package com.medcontracthub.gateway.declarative;

import io.vertx.core.net.HostAndPort;
import java.util.List;

/**
 * Picks the target of each request to one of the file's {@code upstreams} (Kong's load balancer). Round-robin spreads
 * requests in proportion to the targets' weights, evenly interleaved (smooth weighted round-robin, as nginx does);
 * least-connections takes the target with the fewest requests in flight for its weight. A target of weight 0 takes
 * none. One balancer per gateway event loop, as Kong keeps one per worker; not thread-safe.
 */
final class TargetBalancer {

  /** A target taken for one attempt of a request; released when the request is done with it. */
  final class Pick {

    private final int index;
    private boolean released;

    private Pick(int index) {
      this.index = index;
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

  TargetBalancer(GatewaySpec.Balancing balancing) {
    this.targets = balancing.targets();
    this.leastConnections = balancing.algorithm().equals("least-connections");
    this.totalWeight = targets.stream().mapToInt(GatewaySpec.Target::weight).sum();
    this.current = new long[targets.size()];
    this.inFlight = new int[targets.size()];
  }

  /** The target for the next attempt; null when no target takes requests (every weight is 0). */
  Pick pick() {
    int best = -1;
    for (int i = 0; i < targets.size(); i++) {
      int weight = targets.get(i).weight();
      if (weight == 0) {
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
    if (best < 0) {
      return null;
    }
    if (leastConnections) {
      current[best]++;
    } else {
      current[best] -= totalWeight;
    }
    inFlight[best]++;
    return new Pick(best);
  }
}
