package com.medcontracthub.gateway.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * The ring of a consistent-hashing upstream, as Kong and nginx build theirs (ketama): each target owns points of the
 * ring in proportion to its weight (160 for an average target), placed by the CRC-32 of {@code host:port n}; a value
 * goes to the owner of its point or, if that target takes no requests, to the next owner back round the ring. Adding
 * or removing a target moves only the values that land on its points.
 */
final class HashRing {

  private static final int POINTS_PER_TARGET = 160;
  /** Kong's smallest ring, whatever the upstream's {@code slots}. */
  private static final int MIN_POINTS = 1000;

  /** The target owning each point; -1 for none. */
  private final int[] owners;

  HashRing(List<GatewaySpec.Target> targets, int slots) {
    owners = new int[Math.max(MIN_POINTS, slots)];
    Arrays.fill(owners, -1);
    long totalWeight = targets.stream().mapToLong(GatewaySpec.Target::weight).sum();
    // placed in the order of their addresses, so that a collision goes the same way whatever the file's order
    int[] order = IntStream.range(0, targets.size()).boxed()
        .sorted(Comparator.comparing((Integer i) -> targets.get(i).host()).thenComparing(i -> targets.get(i).port()))
        .mapToInt(Integer::intValue).toArray();
    int free = owners.length;
    for (int index : order) {
      GatewaySpec.Target target = targets.get(index);
      if (target.weight() == 0) {
        continue;
      }
      // 160 points for an average target, but never more than its share of the ring, so that no target is left
      // without points on a small ring
      long share = (long) owners.length * target.weight() / totalWeight;
      int entries = (int) Math.max(1, Math.min(share,
          (long) target.weight() * targets.size() * POINTS_PER_TARGET / totalWeight));
      for (int n = 1; n <= entries && free > 0; n++) {
        int point = point(target.host() + ":" + target.port() + " " + n);
        if (owners[point] < 0) {
          owners[point] = index;
          free--;
        } else {
          entries++;
        }
      }
    }
  }

  /** The target {@code value} goes to among those {@code takes} accepts; -1 when none does. */
  int target(String value, IntPredicate takes) {
    int point = point(value);
    for (int step = 0; step < owners.length; step++) {
      int owner = owners[point];
      if (owner >= 0 && takes.test(owner)) {
        return owner;
      }
      point = point == 0 ? owners.length - 1 : point - 1;
    }
    return -1;
  }

  private int point(String value) {
    CRC32 crc = new CRC32();
    crc.update(value.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % owners.length);
  }
}
