package com.medcontracthub.launcher;

import com.medcontracthub.embedded.Ports;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The JVMs of one test's cluster on 127.0.0.1: the members' Hazelcast ports chosen up front (a JVM started later to
 * take over joins as a member already listed), and every JVM started killed when the test ends ({@link #kill}).
 */
final class ClusterJvms {

  private final int[] ports;
  private final String members;
  private final List<MchProcess> started = new CopyOnWriteArrayList<>();

  ClusterJvms(int size) {
    ports = IntStream.range(0, size).map(i -> Ports.free("127.0.0.1")).toArray();
    members = Arrays.stream(ports).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
  }

  /** {@code mch up --cluster args…} as member {@code member} (0 to size - 1). */
  MchProcess start(int member, String... args) throws IOException {
    MchProcess mch = MchProcess.clusterNode(ports[member], members, args);
    started.add(mch);
    return mch;
  }

  /** Every JVM started so far. */
  List<MchProcess> started() {
    return List.copyOf(started);
  }

  void kill() {
    started.forEach(MchProcess::kill);
  }
}
