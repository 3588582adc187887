package com.medcontracthub.perf;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests/s and latency through each proxy, same upstream, same machine, same run, measured by {@code wrk} (Debian's
 * package): the upstream directly, nginx {@code proxy_pass} with keep-alive upstream connections (Debian's nginx), the
 * gateway (the real {@code mch.jar up --services gateway}) with a declarative route and no plugins, and with
 * {@code jwt} + {@code rate-limiting} (policy redis, a round trip per request or synced every second) + {@code prometheus}.
 * Also the proxy's CPU time per request, which does not depend on how the cores are shared, by part: all of nginx's
 * processes; the gateway's JVM with the Redis, PostgreSQL and Kafka it runs against (the rate-limiting plugin's Redis
 * among them), Kafka being threads of this harness JVM ({@link Footprint}).
 *
 * <p>Usage: {@code GatewayBenchmark [seconds] [connections] [wrk threads] [targets]}; targets (comma-separated,
 * default {@code upstream,nginx,vertx-proxy,plain,plugins,synced}; nginx always runs) are also {@code vertx-proxy}, the
 * stock {@code vertx-http-proxy} ({@link StockVertxProxy}), and single plugins: {@code jwt}, {@code rate-limiting},
 * {@code rate-limiting-synced}, {@code prometheus}. The environment's {@code PERF_MCH_JVM_OPTIONS} are the gateway
 * JVM's options (e.g. a flight recording; none by default). Needs {@code nginx} and {@code wrk}
 * ({@code apt-get install nginx-light wrk}) and the launcher jar ({@code ./mch version} builds it).
 */
public final class GatewayBenchmark {

  private static final String SECRET = "benchmark-secret-of-at-least-32-bytes";
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
      Pattern.MULTILINE);
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private static final String JWT = """
        - name: jwt
          config: {claims_to_verify: [exp]}
      """;
  private static final String RATE_LIMITING = """
        - name: rate-limiting
          config: {minute: 1000000000, policy: redis, limit_by: consumer}
      """;
  private static final String RATE_LIMITING_SYNCED = """
        - name: rate-limiting
          config: {minute: 1000000000, policy: redis, limit_by: consumer, sync_rate: 1}
      """;
  private static final String PROMETHEUS = """
        - name: prometheus
          config: {status_code_metrics: true, latency_metrics: true}
      """;

  /** A gateway configuration measured: its key on the command line, its name in the results, its global plugins. */
  private record GatewayTarget(String key, String name, List<String> plugins) {
  }

  /** The single-plugin targets are measured only when asked for, to tell what each plugin costs. */
  private static final List<GatewayTarget> GATEWAY_TARGETS = List.of(
      new GatewayTarget("plain", "gateway, no plugins", List.of()),
      new GatewayTarget("plugins", "gateway, jwt + rate-limiting(redis) + prometheus",
          List.of(JWT, RATE_LIMITING, PROMETHEUS)),
      new GatewayTarget("synced", "gateway, jwt + rate-limiting(redis, sync_rate 1 s) + prometheus",
          List.of(JWT, RATE_LIMITING_SYNCED, PROMETHEUS)),
      new GatewayTarget("jwt", "gateway, jwt", List.of(JWT)),
      new GatewayTarget("rate-limiting", "gateway, rate-limiting(redis)", List.of(RATE_LIMITING)),
      new GatewayTarget("rate-limiting-synced", "gateway, rate-limiting(redis, sync_rate 1 s)",
          List.of(RATE_LIMITING_SYNCED)),
      new GatewayTarget("prometheus", "gateway, prometheus", List.of(PROMETHEUS)));

  /**
   * @param cpuUsPerRequest the proxy's CPU time (all it runs or uses, user + system) per request of the measured run
   * @param cpuByPart       that time by part, with the total
   */
  private record Result(String name, double rps, double p50ms, double p99ms, long errors, double cpuUsPerRequest,
      String cpuByPart) {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    List<String> targets = List.of((args.length > 3 ? args[3] : "upstream,nginx,vertx-proxy,plain,plugins,synced")
        .split(","));
    Path jar = Path.of(System.getProperty("mch.jar", "launcher/target/mch.jar")).toAbsolutePath();
    Path work = Files.createTempDirectory("mch-gateway-bench");
    // first: it learns the Kafka broker's threads as the test infrastructure starts
    Footprint infrastructure = Footprint.testInfrastructure();
    Map<String, String> infra = TestInfrastructure.environment();
    List<Process> processes = new ArrayList<>();
    try {
      int upstreamPort = Ports.free("127.0.0.1");
      processes.add(Processes.startAndWait(List.of(Processes.java(), "-cp", System.getProperty("java.class.path"),
          UpstreamServer.class.getName(), String.valueOf(upstreamPort)), Map.of(), "listening"));
      int nginxPort = Ports.free("127.0.0.1");
      Process nginx = nginx(work, nginxPort, upstreamPort);
      processes.add(nginx);
      String token = token();

      Map<String, Result> results = new LinkedHashMap<>();
      if (targets.contains("upstream")) {
        results.put("upstream", wrk("upstream directly", "http://127.0.0.1:" + upstreamPort + "/bench", null, seconds,
            connections, threads, Footprint.process("upstream JVM", processes.get(0).pid())));
      }
      results.put("nginx", wrk("nginx proxy_pass", "http://127.0.0.1:" + nginxPort + "/bench", null, seconds,
          connections, threads, Footprint.process("nginx", nginx.pid())));
      if (targets.contains("vertx-proxy")) {
        int proxyPort = Ports.free("127.0.0.1");
        Process proxy = Processes.startAndWait(List.of(Processes.java(), "-cp", System.getProperty("java.class.path"),
            StockVertxProxy.class.getName(), String.valueOf(proxyPort), String.valueOf(upstreamPort)), Map.of(),
            "listening");
        processes.add(proxy);
        results.put("vertx-proxy", wrk("vertx-http-proxy (stock)", "http://127.0.0.1:" + proxyPort + "/bench", null,
            seconds, connections, threads, Footprint.process("proxy JVM", proxy.pid())));
        proxy.destroy();
      }
      for (GatewayTarget target : GATEWAY_TARGETS) {
        if (targets.contains(target.key())) {
          results.put(target.key(), gateway(jar, work, infra, infrastructure, file(upstreamPort, target.plugins()),
              target.name(), target.plugins().contains(JWT) ? token : null, seconds, connections, threads));
        }
      }

      System.out.println();
      System.out.printf(Locale.ROOT, "%-58s %10s %9s %9s %8s %11s  %s%n", "target (" + connections + " connections, "
          + seconds + " s)", "req/s", "p50 ms", "p99 ms", "errors", "CPU us/req", "CPU us/req by part");
      results.values().forEach(r -> System.out.printf(Locale.ROOT, "%-58s %10.0f %9.3f %9.3f %8d %11.1f  %s%n",
          r.name(), r.rps(), r.p50ms(), r.p99ms(), r.errors(), r.cpuUsPerRequest(), r.cpuByPart()));
      Result nginxResult = results.get("nginx");
      for (GatewayTarget target : GATEWAY_TARGETS) {
        Result r = results.get(target.key());
        if (r == null) {
          continue;
        }
        if (r.errors() > 0 || nginxResult.errors() > 0) {
          // a run with errors measures how fast errors are answered, not the proxy: no ratio is honest then
          System.out.printf(Locale.ROOT, "ratio %-52s not given: %d errors in its run, %d in nginx's%n", r.name(),
              r.errors(), nginxResult.errors());
          continue;
        }
        System.out.printf(Locale.ROOT, "ratio %-52s req/s x%.2f, p50 x%.2f, p99 x%.2f, CPU per request x%.2f of nginx%n",
            r.name(), r.rps() / nginxResult.rps(), r.p50ms() / nginxResult.p50ms(), r.p99ms() / nginxResult.p99ms(),
            r.cpuUsPerRequest() / nginxResult.cpuUsPerRequest());
      }
      goals(results);
    } finally {
      processes.forEach(Process::destroy);
      for (Process p : processes) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
    System.exit(0);
  }

  /**
   * The gateway's goals, where the run measured both sides without errors: with no plugins, at least the stock Vert.x
   * proxy's rate; with jwt + rate-limiting + prometheus, at least 0.80 of the rate with none.
   */
  private static void goals(Map<String, Result> results) {
    goal(results, "plain", "vertx-proxy", 1.0);
    goal(results, "plugins", "plain", 0.80);
    goal(results, "synced", "plain", 0.80);
  }

  private static void goal(Map<String, Result> results, String measured, String against, double wanted) {
    Result r = results.get(measured);
    Result base = results.get(against);
    if (r == null || base == null || r.errors() > 0 || base.errors() > 0) {
      return;
    }
    double ratio = r.rps() / base.rps();
    System.out.printf(Locale.ROOT, "goal  %-52s req/s x%.2f of %s (goal x%.2f): %s; CPU per request x%.2f%n", r.name(),
        ratio, base.name(), wanted, ratio >= wanted ? "met" : "NOT met", r.cpuUsPerRequest() / base.cpuUsPerRequest());
  }

  private static String plainFile(int upstreamPort) {
    return """
        _format_version: "3.0"
        services:
          - name: upstream
            url: http://127.0.0.1:%d
            routes: [{name: bench, paths: [/bench], strip_path: false}]
        """.formatted(upstreamPort);
  }

  /** The file of the plain route with these global plugins (and the consumer that {@link #JWT} needs). */
  private static String file(int upstreamPort, List<String> plugins) {
    if (plugins.isEmpty()) {
      return plainFile(upstreamPort);
    }
    return plainFile(upstreamPort) + "plugins:\n" + String.join("", plugins) + """
        consumers:
          - username: bench
            jwt_secrets: [{key: bench, algorithm: HS256, secret: "%s"}]
        """.formatted(SECRET);
  }

  private static String token() {
    Vertx vertx = Vertx.vertx();
    try {
      JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
          .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(SECRET))));
      return signer.generateToken(new JsonObject().put("iss", "bench"), new JWTOptions().setExpiresInMinutes(120));
    } finally {
      vertx.close().await();
    }
  }

  private static Result gateway(Path jar, Path work, Map<String, String> infra, Footprint infrastructure, String yaml,
      String name, String token, int seconds, int connections, int threads) throws Exception {
    Path file = work.resolve("gateway-" + System.nanoTime() + ".yaml");
    Files.writeString(file, yaml);
    int port = Ports.free("127.0.0.1");
    List<String> command = new ArrayList<>(List.of(Processes.java()));
    String jvmOptions = System.getenv().getOrDefault("PERF_MCH_JVM_OPTIONS", "");
    if (!jvmOptions.isBlank()) {
      command.addAll(List.of(jvmOptions.trim().split("\\s+")));
    }
    // a gateway alone: no Kafka bridge consuming (and retrying) the opportunity events of other runs
    Path alone = Files.writeString(work.resolve("gateway-only.yaml"), "bridge: {inbound: [], outbound: []}\n");
    command.addAll(List.of("-jar", jar.toString(), "up", "--profile", "cluster", "--services", "gateway",
        "--config", alone.toString(), "--set", "gateway.port=" + port,
        "--set", ConfigKeys.GATEWAY_DECLARATIVE_FILE + "=" + file));
    Path log = work.resolve("gateway-" + port + ".log");
    System.out.println("  gateway log: " + log);
    Process gateway = Processes.startAndWait(command, infra, "MedContractHub", log);
    try {
      return wrk(name, "http://127.0.0.1:" + port + "/bench", token, seconds, connections, threads,
          Footprint.process("mch JVM", gateway.pid()).plus(infrastructure));
    } finally {
      gateway.destroy();
      gateway.waitFor(15, TimeUnit.SECONDS);
    }
  }

  private static Process nginx(Path work, int port, int upstreamPort) throws Exception {
    Path conf = work.resolve("nginx.conf");
    Files.writeString(conf, """
        daemon off;
        worker_processes auto;
        pid %1$s/nginx.pid;
        error_log %1$s/nginx-error.log warn;
        events { worker_connections 4096; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          upstream backend { server 127.0.0.1:%3$d; keepalive 128; }
          server {
            listen 127.0.0.1:%2$d;
            location / {
              proxy_pass http://backend;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
            }
          }
        }
        """.formatted(work, port, upstreamPort));
    Process nginx = new ProcessBuilder("nginx", "-p", work.toString(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Ports.isFree("127.0.0.1", port)) {
      if (System.nanoTime() > deadline || !nginx.isAlive()) {
        throw new IllegalStateException("nginx did not start: " + Files.readString(work.resolve("nginx.out")));
      }
      Thread.sleep(50);
    }
    return nginx;
  }

  /** A warm-up run as long as the measured one (the JIT needs it on two shared cores), then the measured run. */
  private static Result wrk(String name, String url, String token, int seconds, int connections, int threads,
      Footprint proxy) throws Exception {
    run(url, token, seconds, connections, threads);
    Footprint.Reading before = proxy.read();
    String out = run(url, token, seconds, connections, threads);
    Map<String, Double> cpuByPart = proxy.read().cpuSince(before);
    double cpu = Footprint.total(cpuByPart);
    Matcher rate = RATE.matcher(out);
    if (!rate.find()) {
      throw new IllegalStateException("wrk printed no rate for " + name + ":\n" + out);
    }
    double p50 = 0;
    double p99 = 0;
    Matcher percentile = PERCENTILE.matcher(out);
    while (percentile.find()) {
      double ms = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
        case "us" -> 0.001;
        case "s" -> 1000;
        default -> 1;
      };
      if (percentile.group(1).equals("50")) {
        p50 = ms;
      } else {
        p99 = ms;
      }
    }
    // answers that were not 2xx/3xx, and requests that got no answer at all (refused, reset, timed out)
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(out);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET_ERRORS.matcher(out);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    double rps = Double.parseDouble(rate.group(1));
    double requests = rps * seconds;
    Result result = new Result(name, rps, p50, p99, errors, cpu * 1e6 / requests,
        Footprint.breakdown(cpuByPart, 1e6 / requests, "%.1f"));
    System.out.printf(Locale.ROOT, "%s: %.0f req/s, p50 %.3f ms, p99 %.3f ms, %d errors, CPU %.0f %% (us/request %s)%n",
        name, result.rps(), result.p50ms(), result.p99ms(), result.errors(), cpu * 100 / seconds, result.cpuByPart());
    if (result.errors() > 0) {
      System.out.println("  an answer now: " + sample(url, token));
    }
    return result;
  }

  private static String sample(String url, String token) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    var response = java.net.http.HttpClient.newHttpClient().send(request.build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static String run(String url, String token, int seconds, int connections, int threads) throws Exception {
    List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
        "--latency"));
    if (token != null) {
      command.addAll(List.of("-H", "Authorization: Bearer " + token));
    }
    command.add(url);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(wrk.getInputStream().readAllBytes());
    wrk.waitFor();
    return out;
  }
}
