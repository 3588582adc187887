package com.medcontracthub.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Checks and finds TCP ports on one host. */
public final class Ports {

  /** Where Linux says which ports it hands to outgoing connections ("32768 60999"). */
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  /** The lowest port chosen: above the ports well-known servers are usually configured on. */
  private static final int LOWEST = 10_000;
  private static final int TRIES = 100;

  private Ports() {
  }

  public static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A port free right now, chosen below the kernel's ephemeral range where there is one: a port in that range can be
   * given to any outgoing connection (a Kafka client's, a browser's) between this answer and the caller's bind, while
   * one below it is taken only by a server that asks for it. Another server may still take it first.
   */
  public static int free(String host) {
    return free(host, ephemeralLow(EPHEMERAL_RANGE));
  }

  /** A free port below {@code ceiling}; any free port when there is none to choose from (a ceiling of 0). */
  static int free(String host, int ceiling) {
    for (int i = 0; ceiling > LOWEST && i < TRIES; i++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
      if (isFree(host, port)) {
        return port;
      }
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + host, e);
    }
  }

  /** The first port of the kernel's ephemeral range; 0 where the system does not say (then any free port will do). */
  static int ephemeralLow(Path range) {
    try {
      // read as lines: a /proc file reports no size, and Files.readString trusts it
      return Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
