package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.embedded.Ports;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The commands an operator runs beside {@code mch up}, each in its own JVM on the packaged jar, as an operator would. */
@DisplayName("mch's operator commands")
class OperatorCommandsIT {

  private static final Pattern EXPORT = Pattern.compile("export (MCH_[A-Z_]+)=(\\S+)");
  private static final Pattern GENERATED = Pattern.compile("its password is (\\S+) \\(shown once\\)");

  @TempDir
  Path dataDir;

  @Test
  @DisplayName("version prints mch's, Vert.x's and Java's versions")
  void version() throws Exception {
    MchProcess version = MchProcess.start(Map.of(), "version");
    assertEquals(0, version.awaitExit(30), version.stderr());
    assertEquals(List.of("mch " + System.getProperty("mch.version"), "vert.x " + System.getProperty("vertx.version"),
            "java " + System.getProperty("java.version")),
        version.stdout().lines().map(line -> line.replaceAll(" \\(.*\\)$", "")).toList());
  }

  @Test
  @DisplayName("gateway validate accepts the shipped gateway file and counts what it declares")
  void validateShippedFile() throws Exception {
    Path file = Path.of("../conf/gateway.yaml").toAbsolutePath().normalize();
    Map<String, Object> declared = new Yaml().load(Files.readString(file));
    List<Map<String, Object>> services = list(declared, "services");
    List<Map<String, Object>> consumers = list(declared, "consumers");
    int routes = services.stream().mapToInt(service -> list(service, "routes").size()).sum();
    int plugins = list(declared, "plugins").size()
        + services.stream().mapToInt(service -> list(service, "plugins").size()
            + list(service, "routes").stream().mapToInt(route -> list(route, "plugins").size()).sum()).sum()
        + consumers.stream().mapToInt(consumer -> list(consumer, "plugins").size()).sum();

    MchProcess validate = MchProcess.start(Map.of(), "gateway", "validate", file.toString());
    assertEquals(0, validate.awaitExit(30), validate.stderr());
    assertEquals("%s: valid (%d services, %d routes, %d plugins, %d consumers)".formatted(file, services.size(), routes,
        plugins, consumers.size()), validate.stdout().strip());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> node, String key) {
    Object value = node.get(key);
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  @Test
  @DisplayName("migrate, tenant create and user add work on the infrastructure mch infra runs; the accounts they make "
      + "log in; a second tenant of one name, a user of an unknown tenant and a missing --config file are refused in "
      + "one line")
  void accounts() throws Exception {
    MchProcess infra = MchProcess.start(Map.of(), "infra", "--fresh", "--data-dir", dataDir.toString(),
        "--set", "embedded.kafka-port=0", "--set", "embedded.kafka-controller-port=0",
        "--set", "embedded.postgres-port=0", "--set", "embedded.redis-port=0");
    MchProcess up = null;
    try {
      infra.awaitOutput("then: ./mch up --cluster", 120);
      Map<String, String> env = new HashMap<>();
      Matcher exported = EXPORT.matcher(infra.stdout());
      while (exported.find()) {
        env.put(exported.group(1), exported.group(2));
      }
      assertTrue(env.containsKey("MCH_POSTGRES_URI"), infra.stdout());

      MchProcess first = command(env, "migrate");
      Matcher applied = Pattern.compile("migrations: (\\d+) applied, schema version (.+)").matcher(first.stdout());
      assertTrue(applied.find() && Integer.parseInt(applied.group(1)) > 0, first.stdout());
      assertEquals("migrations: 0 applied, schema version " + applied.group(2), command(env, "migrate").stdout().strip());

      MchProcess tenant = command(env, "tenant", "create", "acme", "--admin", "ada@acme.test", "--password", "ada-pw-1");
      Matcher created = Pattern.compile("^tenant acme created \\((\\S+)\\) with admin ada@acme\\.test$")
          .matcher(tenant.stdout().strip());
      assertTrue(created.find(), tenant.stdout());
      refused(env, "mch: a tenant named 'acme' exists already",
          "tenant", "create", "acme", "--admin", "someone@acme.test");
      MchProcess user = command(env, "user", "add", "grace@acme.test", "--tenant", "acme");
      Matcher password = GENERATED.matcher(user.stdout());
      assertTrue(user.stdout().startsWith("user grace@acme.test (member) added to acme") && password.find(),
          user.stdout());
      refused(env, "mch: tenant: no tenant named 'nowhere'", "user", "add", "x@nowhere.test", "--tenant", "nowhere");
      refused(env, "mch: ", "migrate", "--config", dataDir.resolve("missing.yaml").toString());

      int clusterPort = Ports.free("127.0.0.1");
      env.put("MCH_CLUSTER_PORT", String.valueOf(clusterPort));
      env.put("MCH_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
      up = MchProcess.start(env, "up", "--cluster", "--services", "gateway,identity", "--data-dir",
          dataDir.resolve("node").toString(), "--set", "gateway.port=0", "--set", "management.port=0");
      int port = up.ready().get(120, TimeUnit.SECONDS);
      String acme = created.group(1);
      assertEquals(acme + " admin", login(port, "ada@acme.test", "ada-pw-1"));
      assertEquals(acme + " member", login(port, "grace@acme.test", password.group(1)));
    } finally {
      if (up != null) {
        up.terminate();
        up.awaitExit(30);
      }
      infra.terminate();
      infra.awaitExit(30);
    }
  }

  /** Runs {@code mch args… --profile cluster} with {@code env} and expects exit status 0. */
  private static MchProcess command(Map<String, String> env, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--profile", "cluster"));
    MchProcess command = MchProcess.start(env, all.toArray(String[]::new));
    assertEquals(0, command.awaitExit(60), command.stdout() + command.stderr());
    return command;
  }

  /** Expects exit status 1 and one line on stderr that starts with {@code line}, no stack trace. */
  private static void refused(Map<String, String> env, String line, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--profile", "cluster"));
    MchProcess command = MchProcess.start(env, all.toArray(String[]::new));
    assertEquals(1, command.awaitExit(60), command.stdout() + command.stderr());
    List<String> lines = command.stderr().lines().filter(l -> !l.isBlank()).toList();
    assertTrue(lines.size() == 1 && lines.get(0).startsWith(line), command.stderr());
  }

  /** Logs in through the gateway; answers the token's tenant id and role, as {@code "<tenant> <role>"}. */
  private static String login(int port, String email, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/v1/auth/login")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password)
            .encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    String token = new JsonObject(response.body()).getString("access_token");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        StandardCharsets.UTF_8));
    return claims.getString("tenant") + " " + claims.getString("role");
  }
}
