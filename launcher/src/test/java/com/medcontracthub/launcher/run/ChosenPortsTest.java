package com.medcontracthub.launcher.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.medcontracthub.embedded.Ports;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.config.PortInUseException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ports chosen for the gateway and the TCP bridge, bound by real server sockets as the servers bind them. */
@DisplayName("Ports chosen for the servers")
class ChosenPortsTest {

  private static final String HOST = "127.0.0.1";

  /** The servers' sockets; an undone start closes them, as undeploying the servers does. */
  private final List<ServerSocket> sockets = new ArrayList<>();
  private final AtomicInteger undone = new AtomicInteger();
  private ServerSocket other;

  @AfterEach
  void close() throws IOException {
    undo();
    other.close();
  }

  private void undo() {
    for (ServerSocket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    sockets.clear();
    undone.incrementAndGet();
  }

  /** A port another process listens on. */
  private int taken() throws IOException {
    other = new ServerSocket(0, 1, InetAddress.getByName(HOST));
    return other.getLocalPort();
  }

  @Test
  @DisplayName("a port chosen free and taken before its server binds it is chosen again, and the start made again")
  void takenMeanwhile() throws Exception {
    int free = Ports.free(HOST);
    Deque<Integer> choices = new ArrayDeque<>(List.of(free, taken(), Ports.free(HOST), Ports.free(HOST)));
    MchConfig started = new ChosenPorts(host -> choices.pop()).start(config("0", "0"), this::bindBoth, this::undo);
    assertEquals(1, undone.get(), "the first start, its TCP bridge's port taken, undone");
    assertEquals(List.of(started.gateway().port(), started.realtime().tcpPort()),
        sockets.stream().map(ServerSocket::getLocalPort).toList(), "the servers listen on the ports the start names");
    assertEquals(List.of(), List.copyOf(choices));
  }

  @Test
  @DisplayName("a port the configuration names is never changed: taken, it ends the start")
  void namedPortTaken() throws Exception {
    int taken = taken();
    PortInUseException refused = assertThrows(PortInUseException.class, () -> new ChosenPorts(host -> {
      throw new AssertionError("no port is chosen");
    }).start(config(String.valueOf(taken), String.valueOf(Ports.free(HOST))), this::bindBoth, this::undo));
    assertEquals("port " + taken + " on 127.0.0.1 is already in use (gateway.port); free it or choose another port",
        refused.getMessage());
    assertEquals(0, undone.get());
  }

  @Test
  @DisplayName("ports taken at every choice end the start after the last choice, naming the port")
  void takenEveryTime() throws Exception {
    int taken = taken();
    PortInUseException refused = assertThrows(PortInUseException.class, () -> new ChosenPorts(host -> taken)
        .start(config("0", "0"), this::bindBoth, this::undo));
    assertEquals("gateway.port", refused.key());
    assertEquals(ChosenPorts.CHOICES - 1, undone.get());
  }

  private static MchConfig config(String gatewayPort, String tcpPort) {
    Vertx vertx = Vertx.vertx();
    try {
      return ConfigLoader.load(vertx, "embedded", Optional.empty(),
          Map.of("MCH_GATEWAY_PORT", gatewayPort, "MCH_REALTIME_TCP_PORT", tcpPort), Map.of()).await();
    } finally {
      vertx.close().await();
    }
  }

  /** What the gateway and the TCP bridge do on start: listen on their ports, a taken one refused as they refuse it. */
  private void bindBoth(MchConfig config) {
    bind(config.gateway().port(), "gateway.port");
    bind(config.realtime().tcpPort(), "realtime.tcp-port");
  }

  private void bind(int port, String key) {
    try {
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      } catch (IOException e) {
        socket.close();
        throw new PortInUseException(HOST, port, key);
      }
      sockets.add(socket);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
