package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.embedded.Ports;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The commands an operator runs beside {@code mch up}, each in its own JVM on the packaged jar, as an operator would. */
@DisplayName("mch's operator commands")
class OperatorCommandsIT {

  private static final Pattern EXPORT = Pattern.compile("export (MCH_[A-Z_]+)=(\\S+)");
  private static final Pattern GENERATED = Pattern.compile("its password is (\\S+) \\(shown once\\)");

  /** {@code mch infra}, shared by the tests that need a database, and the settings it printed for other JVMs. */
  private static MchProcess infra;
  private static final Map<String, String> INFRA_ENV = new HashMap<>();
  private static String schemaVersion;

  @TempDir
  static Path infraDir;

  @TempDir
  Path dataDir;

  @BeforeAll
  static void infrastructure() throws Exception {
    infra = MchProcess.start(Map.of(), "infra", "--fresh", "--data-dir", infraDir.toString(),
        "--set", "embedded.kafka-port=0", "--set", "embedded.kafka-controller-port=0",
        "--set", "embedded.postgres-port=0", "--set", "embedded.redis-port=0");
    infra.awaitOutput("then: ./mch up --cluster", 120);
    Matcher exported = EXPORT.matcher(infra.stdout());
    while (exported.find()) {
      INFRA_ENV.put(exported.group(1), exported.group(2));
    }
    assertTrue(INFRA_ENV.containsKey("MCH_POSTGRES_URI"), infra.stdout());
    // a fresh database: migrate applies every migration; run again (in a test), it applies none
    MchProcess migrate = command(INFRA_ENV, "migrate");
    Matcher applied = Pattern.compile("migrations: (\\d+) applied, schema version (.+)").matcher(migrate.stdout());
    assertTrue(applied.find() && Integer.parseInt(applied.group(1)) > 0, migrate.stdout());
    schemaVersion = applied.group(2);
  }

  @AfterAll
  static void stopInfrastructure() throws Exception {
    infra.terminate();
    infra.awaitExit(30);
  }

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
    Map<String, String> env = new HashMap<>(INFRA_ENV);
    MchProcess up = null;
    try {
      assertEquals("migrations: 0 applied, schema version " + schemaVersion, command(env, "migrate").stdout().strip());

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
      Path missing = dataDir.resolve("missing.yaml");
      refused(env, "mch: configuration file " + missing + " does not exist", "migrate", "--config", missing.toString());

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
    }
  }

  @Test
  @DisplayName("import reads a file it is piped, lists the first 20 rejections and counts the rest, prints the whole "
      + "report with --json, and refuses a file it cannot read in one line")
  void imports() throws Exception {
    StringBuilder records = new StringBuilder("{\"noticeId\": \"cli-1\", \"title\": \"Exam gloves\", "
        + "\"postedDate\": \"2024-03-01\"}\n");
    for (int i = 2; i <= 22; i++) {
      records.append("{\"noticeId\": \"cli-").append(i).append("\", \"postedDate\": \"2024-03-01\"}\n");
    }
    Path pipe = dataDir.resolve("notices.pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
    // the pipe opens for writing once mch opens it for reading, as a shell's <(zcat notices.gz) does
    CompletableFuture<Path> written = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.writeString(pipe, records);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    MchProcess piped = command(INFRA_ENV, "import", pipe.toString());
    written.get(10, TimeUnit.SECONDS);
    assertTrue(piped.stdout().contains("22 records: 1 inserted, 0 updated, 0 unchanged, 21 rejected"), piped.stdout());
    assertEquals(20, piped.stdout().lines().filter(line -> line.contains("title: missing")).count(), piped.stdout());
    assertTrue(piped.stdout().contains("… and 1 more (--json lists them)"), piped.stdout());

    Path file = Files.writeString(dataDir.resolve("notices.jsonl"), records);
    JsonObject report = new JsonObject(command(INFRA_ENV, "import", "--json", file.toString()).stdout());
    assertEquals(List.of(22, 0, 0, 1, 21, 21), List.of(report.getInteger("records"), report.getInteger("inserted"),
        report.getInteger("updated"), report.getInteger("unchanged"), report.getInteger("rejected"),
        report.getJsonArray("rejections").size()), report::encodePrettily);

    Path missing = dataDir.resolve("missing.jsonl");
    refused(INFRA_ENV, "mch: cannot read " + missing, "import", missing.toString());
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
