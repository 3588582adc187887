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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring rules against a real Prometheus (Debian's package, on the PATH) scraping a running system: every
 * recording rule returns data, so each metric and label it names exists; every alert's expression is accepted by the
 * server. A misspelt metric fails here.
 */
class PrometheusIT {

  private static final Path RULES = Path.of("..", "k8s", "base", "monitoring", "rules", "medcontracthub.yml")
      .toAbsolutePath().normalize();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  @Test
  @DisplayName("every recording rule returns data from a running system's scrape, and every alert's expression reads")
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
      // requests the gateway answers, for its request counters to hold samples
      for (int i = 0; i < 5; i++) {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
      }

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
      assertEquals(List.of(), empty, "recording rules without data (a metric or label the system does not export?); "
          + "Prometheus's log: " + dir.resolve("prometheus.log"));
    } finally {
      if (prometheus != null) {
        prometheus.destroy();
        assertTrue(prometheus.waitFor(30, TimeUnit.SECONDS), "Prometheus stops");
      }
      mch.terminate();
      mch.awaitExit(60);
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
