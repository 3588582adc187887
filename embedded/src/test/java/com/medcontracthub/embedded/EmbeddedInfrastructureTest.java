package com.medcontracthub.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Embedded infrastructure")
class EmbeddedInfrastructureTest {

  @TempDir
  Path dataDir;

  private EmbeddedOptions options(boolean fresh) {
    return new EmbeddedOptions(dataDir, fresh, "127.0.0.1", 0, 0, 0, 0, false);
  }

  @Test
  @DisplayName("keeps Kafka topics, PostgreSQL rows and Redis keys across a restart, and --fresh starts empty")
  void dataSurvivesRestart() throws Exception {
    Map<String, Object> seen = new ConcurrentHashMap<>();
    try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(options(false), (c, a, t) -> seen.put(c, a))) {
      assertEquals(Set.of("kafka", "postgres", "redis"), seen.keySet());
      try (Admin admin = admin(infra)) {
        admin.createTopics(List.of(new NewTopic("survivor", 1, (short) 1))).all().get();
      }
      sql(infra, "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");
      assertEquals("+OK", redis(infra, "SET survivor yes"));
    }
    try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(options(false), (c, a, t) -> { })) {
      try (Admin admin = admin(infra)) {
        assertTrue(admin.listTopics().names().get().contains("survivor"));
      }
      assertEquals("42", sql(infra, "SELECT id FROM survivor"));
      assertEquals("yes", redis(infra, "GET survivor"));
    }
    try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(options(true), (c, a, t) -> { })) {
      try (Admin admin = admin(infra)) {
        assertTrue(!admin.listTopics().names().get().contains("survivor"));
      }
      assertEquals("nil", redis(infra, "GET survivor"));
      assertEquals(null, sql(infra, "SELECT to_regclass('survivor')::text"), "the table is gone with --fresh");
    }
  }

  @Test
  @DisplayName("refuses a port that is taken, naming it, and takes a free one when configured to")
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      InfrastructureException e = assertThrows(InfrastructureException.class, () -> EmbeddedInfrastructure.start(
          new EmbeddedOptions(dataDir, false, "127.0.0.1", 0, 0, 0, port, false), (c, a, t) -> { }));
      assertTrue(e.getMessage().contains("port " + port) && e.getMessage().contains("embedded.redis-port"), e.getMessage());

      try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(
          new EmbeddedOptions(dataDir, false, "127.0.0.1", 0, 0, 0, port, true), (c, a, t) -> { })) {
        assertTrue(!infra.settings().get(ConfigKeys.REDIS_URI).endsWith(":" + port));
        assertEquals("PONG", redis(infra, "PING").substring(1));
      }
    }
  }

  @Test
  @DisplayName("refuses a second process on the same data directory")
  void dataDirectoryLocked() {
    try (EmbeddedInfrastructure first = EmbeddedInfrastructure.start(options(false), (c, a, t) -> { })) {
      InfrastructureException e = assertThrows(InfrastructureException.class,
          () -> EmbeddedInfrastructure.start(options(false), (c, a, t) -> { }));
      assertTrue(e.getMessage().contains("in use by another mch process"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a part that cannot start stops the start naming it; the parts already started are stopped and the data "
      + "directory can be used again")
  void partFailsToStart() throws Exception {
    Path redisDir = dataDir.resolve("redis");
    Files.writeString(redisDir, "a file where Redis keeps its data directory");
    Set<String> started = ConcurrentHashMap.newKeySet();
    InfrastructureException e = assertThrows(InfrastructureException.class,
        () -> EmbeddedInfrastructure.start(options(false), (c, a, t) -> started.add(c)));
    assertTrue(e.getMessage().startsWith("redis did not start: "), e.getMessage());
    assertEquals(Set.of("kafka", "postgres"), started);
    assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")), "PostgreSQL was stopped");

    Files.delete(redisDir);
    try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(options(false), (c, a, t) -> { })) {
      assertEquals("PONG", redis(infra, "PING").substring(1));
    }
  }

  @Test
  @DisplayName("starts over a Redis pid file that names no process, as one a crash may leave half written")
  void garbledPidFile() throws Exception {
    Files.createDirectories(dataDir.resolve("redis"));
    Files.writeString(dataDir.resolve("redis/redis.pid"), "not a pid\n");
    try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(options(false), (c, a, t) -> { })) {
      assertEquals("PONG", redis(infra, "PING").substring(1));
    }
  }

  @Test
  @DisplayName("refuses a data directory it cannot create, naming it")
  void unusableDataDirectory() throws Exception {
    Path file = Files.writeString(dataDir.resolve("not-a-directory"), "");
    Path inside = file.resolve("data");
    InfrastructureException e = assertThrows(InfrastructureException.class, () -> EmbeddedInfrastructure.start(
        new EmbeddedOptions(inside, false, "127.0.0.1", 0, 0, 0, 0, false), (c, a, t) -> { }));
    assertTrue(e.getMessage().startsWith("cannot use data directory " + inside + ": "), e.getMessage());
  }

  @Test
  @DisplayName("stops one part and starts it again at its address over its data, the other parts answering meanwhile; "
      + "a part it does not have is named")
  void partRestarts() throws Exception {
    try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(options(false), (c, a, t) -> { })) {
      try (Admin admin = admin(infra)) {
        admin.createTopics(List.of(new NewTopic("survivor", 1, (short) 1))).all().get();
      }
      sql(infra, "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");
      assertEquals("+OK", redis(infra, "SET survivor yes"));
      Map<String, String> addresses = Map.of("kafka", ConfigKeys.KAFKA_BOOTSTRAP, "postgres", ConfigKeys.POSTGRES_URI,
          "redis", ConfigKeys.REDIS_URI);
      for (String part : List.of("kafka", "postgres", "redis")) {
        infra.stop(part);
        addresses.forEach((name, key) -> assertEquals(!name.equals(part), accepts(infra.settings().get(key)),
            name + " accepting connections while " + part + " is stopped"));
        infra.start(part);
        infra.start(part);
        assertTrue(accepts(infra.settings().get(addresses.get(part))), part + " started once, and again is nothing");
      }
      try (Admin admin = admin(infra)) {
        assertTrue(admin.listTopics().names().get().contains("survivor"));
      }
      assertEquals("42", sql(infra, "SELECT id FROM survivor"));
      assertEquals("yes", redis(infra, "GET survivor"));
      InfrastructureException e = assertThrows(InfrastructureException.class, () -> infra.stop("zookeeper"));
      assertEquals("no component zookeeper: kafka, postgres or redis", e.getMessage());
    }
  }

  @Test
  @DisplayName("a part on its configured port that cannot start again (the port taken meanwhile) is named, and starts "
      + "once the port is free")
  void partCannotStartAgain() throws Exception {
    int port = Ports.free("127.0.0.1");
    try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(
        new EmbeddedOptions(dataDir, false, "127.0.0.1", 0, 0, 0, port, false), (c, a, t) -> { })) {
      assertEquals("redis://127.0.0.1:" + port, infra.settings().get(ConfigKeys.REDIS_URI));
      assertEquals("+OK", redis(infra, "SET survivor yes"));
      infra.stop("redis");
      URI address = URI.create(infra.settings().get(ConfigKeys.REDIS_URI));
      try (ServerSocket taken = new ServerSocket(address.getPort(), 1, java.net.InetAddress.getByName(address.getHost()))) {
        InfrastructureException e = assertThrows(InfrastructureException.class, () -> infra.start("redis"));
        assertTrue(e.getMessage().startsWith("redis did not start: "), e.getMessage());
      }
      infra.start("redis");
      assertEquals("yes", redis(infra, "GET survivor"));
    }
  }

  private static boolean accepts(String address) {
    URI uri = URI.create(address.contains("://") ? address : "tcp://" + address);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static Admin admin(EmbeddedInfrastructure infra) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.settings().get(ConfigKeys.KAFKA_BOOTSTRAP)));
  }

  private static String sql(EmbeddedInfrastructure infra, String statements) throws Exception {
    URI uri = URI.create(infra.settings().get(ConfigKeys.POSTGRES_URI));
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    try (Connection c = DriverManager.getConnection(jdbc, uri.getUserInfo(), "");
         Statement s = c.createStatement()) {
      if (s.execute(statements)) {
        try (ResultSet rs = s.getResultSet()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
      return null;
    }
  }

  /** One inline Redis command; answers the status line, or the bulk string's value, or "nil". */
  private static String redis(EmbeddedInfrastructure infra, String command) throws Exception {
    URI uri = URI.create(infra.settings().get(ConfigKeys.REDIS_URI));
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String first = in.readLine();
      if (first.startsWith("$-1")) {
        return "nil";
      }
      return first.startsWith("$") ? in.readLine() : first;
    }
  }
}
