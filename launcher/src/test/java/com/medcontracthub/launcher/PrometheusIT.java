package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.embedded.Ports;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring rules and dashboards against a real Prometheus (Debian's package, on the PATH) scraping a running
 * system that has answered API requests: every recording rule and every dashboard panel returns data, so each metric
 * and label it names exists; every alert's expression is accepted by the server. A misspelt metric fails here.
 */
class PrometheusIT {

  private static final Path RULES = Path.of("..", "k8s", "base", "monitoring", "rules", "medcontracthub.yml")
      .toAbsolutePath().normalize();
  private static final Path DASHBOARDS = RULES.getParent().resolveSibling("grafana-dashboards");
  private static final Duration WAIT = Duration.ofSeconds(90);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  @Test
  @DisplayName("every recording rule and dashboard panel returns data from a running system's scrape, and every alert "
      + "reads")
  void rulesReadRealSeries() throws Exception {
    List<String> args = new ArrayList<>(List.of("up", "--data-dir", dir.resolve("data").toString()));
    args.addAll(List.of(EmbeddedSystemIT.FREE_PORTS));
    MchProcess mch = MchProcess.start(Map.of(), args.toArray(String[]::new));
    Process prometheus = null;
    try {
      int gatewayPort = mch.ready().get(3, TimeUnit.MINUTES);
      int port = Ports.free("127.0.0.1");
      Path config = dir.resolve("prometheus.yml");
      // the system's one JVM, scraped as the gateway it also is; every second, so rates have two samples at once
      Files.writeString(config, """
          global: {scrape_interval: 1s, evaluation_interval: 1s}
          rule_files: [%s]
          scrape_configs:
            - job_name: medcontracthub
              static_configs:
                - targets: ["127.0.0.1:%d"]
                  labels: {service: gateway, pod: embedded}
          """.formatted(RULES, mch.managementPort()));
      prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      callTheApi(gatewayPort);

      Map<String, Object> groups = new Yaml().load(Files.readString(RULES));
      List<String> empty = new ArrayList<>();
      for (Map<String, Object> rule : rules(groups)) {
        String expr = rule.get("expr").toString();
        if (rule.containsKey("record")) {
          if (!returnsData(port, expr)) {
            empty.add(rule.get("record") + ": " + expr);
          }
        } else {
          assertEquals("success", query(port, expr).getString("status"), rule.get("alert") + ": " + expr);
        }
      }
      for (Path file : dashboards()) {
        for (Object panel : new JsonObject(Files.readString(file)).getJsonArray("panels")) {
          JsonObject p = (JsonObject) panel;
          for (Object target : p.getJsonArray("targets")) {
            String expr = ((JsonObject) target).getString("expr");
            String where = file.getFileName() + " / " + p.getString("title") + ": " + expr;
            if (!returnsData(port, expr)) {
              empty.add(where);
            }
          }
        }
      }
      assertEquals(List.of(), empty, "recording rules and panels without data (a metric or label the system does not "
          + "export?); Prometheus's log: " + dir.resolve("prometheus.log"));
    } finally {
      if (prometheus != null) {
        prometheus.destroy();
        assertTrue(prometheus.waitFor(30, TimeUnit.SECONDS), "Prometheus stops");
      }
      mch.terminate();
      mch.awaitExit(60);
    }
  }

  /**
   * Requests on the API's routes (conf/gateway.yaml) as a logged-in user: answered (200), refused by the service
   * (404) and refused by the gateway (401), for the route and event-bus metrics to hold samples; searches by meaning,
   * for the AI service's.
   */
  private void callTheApi(int gatewayPort) throws IOException, InterruptedException {
    String api = "http://127.0.0.1:" + gatewayPort + "/api/v1/";
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(api + "auth/login"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", "admin@demo.local")
            .put("password", "demo").encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    String bearer = "Bearer " + new JsonObject(login.body()).getString("access_token");
    for (int i = 0; i < 5; i++) {
      assertEquals(200, get(api + "opportunities?q=gloves", bearer));
      assertEquals(404, get(api + "opportunities/NO-SUCH-NOTICE", bearer));
      assertEquals(200, get(api + "ai/search?q=nitrile+exam+gloves", bearer));
    }
    assertEquals(401, get(api + "opportunities", "Bearer not-a-token"));
  }

  private int get(String uri, String authorization) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", authorization)
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static List<Path> dashboards() throws IOException {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(Map<String, Object> file) {
    return ((List<Map<String, Object>>) file.get("groups")).stream()
        .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
  }

  /** Whether the expression has a sample, asked again until it has or the wait is over (rates need two scrapes). */
  private boolean returnsData(int port, String expr) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    do {
      JsonObject answer = query(port, expr);
      if ("success".equals(answer.getString("status"))
          && !answer.getJsonObject("data").getJsonArray("result", new JsonArray()).isEmpty()) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** An instant query; a server not listening yet answers as an empty result. */
  private JsonObject query(int port, String expr) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(expr, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build();
    try {
      return new JsonObject(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    } catch (ConnectException e) {
      return new JsonObject().put("status", "starting");
    }
  }
}
