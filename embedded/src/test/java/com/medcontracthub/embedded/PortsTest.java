package com.medcontracthub.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Free ports")
class PortsTest {

  @Test
  @DisplayName("a free port is one a server can bind, below the ports the kernel gives outgoing connections")
  void belowTheEphemeralRange() throws Exception {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    int ephemeralLow = Files.exists(range) ? Ports.ephemeralLow(range) : Integer.MAX_VALUE;
    assertTrue(ephemeralLow > 1024, "the kernel's range read: " + ephemeralLow);
    for (int i = 0; i < 20; i++) {
      int port = Ports.free("127.0.0.1");
      assertTrue(port < ephemeralLow, port + " is below " + ephemeralLow);
      try (ServerSocket server = new ServerSocket()) {
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        assertTrue(!Ports.isFree("127.0.0.1", port), "taken once bound");
      }
    }
  }

  @Test
  @DisplayName("where the system does not say which ports it gives out, any free port will do")
  void noRange(@TempDir Path dir) throws Exception {
    assertEquals(0, Ports.ephemeralLow(dir.resolve("ip_local_port_range")));
    Files.writeString(dir.resolve("garbled"), "none\n");
    assertEquals(0, Ports.ephemeralLow(dir.resolve("garbled")));
    int port = Ports.free("127.0.0.1", 0);
    assertTrue(Ports.isFree("127.0.0.1", port), port + " is free");
  }
}
