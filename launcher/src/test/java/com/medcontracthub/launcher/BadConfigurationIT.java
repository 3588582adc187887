package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.embedded.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.ExitCode;

@DisplayName("mch up with bad configuration")
class BadConfigurationIT {

  @TempDir
  Path dataDir;

  private static void refused(MchProcess mch, String message) throws Exception {
    int status = mch.awaitExit(60);
    assertEquals(ExitCode.SOFTWARE, status, mch.stderr());
    assertTrue(mch.stderr().contains(message), "expected '" + message + "' in stderr:\n" + mch.stderr());
    assertTrue(!mch.stdout().contains("MedContractHub ready"), mch.stdout());
  }

  @Test
  @DisplayName("an unknown profile stops start-up, naming the profiles there are")
  void unknownProfile() throws Exception {
    refused(MchProcess.start(Map.of(), "up", "--profile", "staging"),
        "mch: unknown profile 'staging': expected one of");
  }

  @Test
  @DisplayName("a malformed port from the environment stops start-up, naming the key and the variable")
  void malformedPort() throws Exception {
    refused(MchProcess.start(Map.of("MCH_GATEWAY_PORT", "80x"), "up", "--data-dir", dataDir.toString()),
        "mch: gateway.port: expected a TCP port number 0-65535 but got '80x' (from MCH_GATEWAY_PORT)");
  }

  @Test
  @DisplayName("an unknown service stops start-up, naming the services there are")
  void unknownService() throws Exception {
    refused(MchProcess.start(Map.of(), "up", "--services=gateway,telepathy", "--data-dir", dataDir.toString()),
        "mch: services: unknown service 'telepathy'; known services: ai, analytics, documents, gateway, identity, ocr, opportunities, realtime, worker");
  }

  @Test
  @DisplayName("a taken port stops start-up, naming the port and its setting")
  void portTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      refused(MchProcess.start(Map.of(), "up", "--data-dir", dataDir.toString(),
              "--set", "embedded.redis-port=" + port, "--set", "embedded.kafka-port=0",
              "--set", "embedded.kafka-controller-port=0", "--set", "embedded.postgres-port=0"),
          "mch: port " + port + " on 127.0.0.1 is already in use (embedded.redis-port)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gateway.port", "realtime.tcp-port", "management.port"})
  @DisplayName("a taken gateway, TCP bridge or management port stops start-up, naming it, and leaves no infrastructure "
      + "running")
  void serverPortTaken(String key) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      List<String> args = new ArrayList<>(List.of("up", "--data-dir", dataDir.toString(),
          "--set", "embedded.pick-free-ports=true"));
      for (String server : List.of("gateway.port", "realtime.tcp-port", "management.port")) {
        args.addAll(List.of("--set", server + "=" + (server.equals(key) ? port : 0)));
      }
      MchProcess mch = MchProcess.start(Map.of(), args.toArray(String[]::new));
      refused(mch, "mch: port " + port + " on 127.0.0.1 is already in use (" + key + ")");
      List<String> left = ProcessHandle.allProcesses()
          .map(p -> p.info().commandLine().orElse(""))
          .filter(command -> command.contains(dataDir.toString()))
          .toList();
      assertTrue(left.isEmpty(), "the embedded PostgreSQL was stopped again: " + left);
    }
  }

  @Test
  @DisplayName("a bad declarative gateway file stops start-up naming the path in the file; validate says the same")
  void badDeclarativeFile() throws Exception {
    Path file = dataDir.resolveSibling(dataDir.getFileName() + "-gateway.yaml");
    Files.writeString(file, """
        _format_version: "3.0"
        services:
          - name: search
            url: eventbus://opportunities.search
            plugins: [{name: rate-limiting, config: {minute: ten}}]
        """);
    String problem = "services[0].plugins[0].config.minute: expected a number (>= 0.0) but got string \"ten\"";
    MchProcess validate = MchProcess.start(Map.of(), "gateway", "validate", file.toString());
    assertEquals(1, validate.awaitExit(30), validate.stdout());
    assertTrue(validate.stderr().contains(file + ": " + problem), validate.stderr());
    refused(MchProcess.start(Map.of(), "up", "--data-dir", dataDir.toString(), "--set", "embedded.pick-free-ports=true",
        "--set", "gateway.port=0", "--set", "management.port=0", "--set", "gateway.declarative-file=" + file),
        "mch: gateway.declarative-file " + file + ": " + problem);
  }

  @Test
  @DisplayName("unreachable Kafka in cluster mode stops start-up once health.startup-wait-ms has passed, naming the setting")
  void unreachableKafka() throws Exception {
    String nowhere = "127.0.0.1:" + Ports.free("127.0.0.1");
    int clusterPort = Ports.free("127.0.0.1");
    refused(MchProcess.start(Map.of(
            "MCH_KAFKA_BOOTSTRAP", nowhere,
            "MCH_CLUSTER_PORT", String.valueOf(clusterPort),
            "MCH_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort,
            "MCH_GATEWAY_PORT", "0",
            "MCH_HEALTH_TIMEOUT_MS", "2000",
            "MCH_HEALTH_STARTUP_WAIT_MS", "3000"),
            "up", "--cluster", "--services=gateway"),
        "kafka.bootstrap: kafka is not reachable");
  }
}
