package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.embedded.Ports;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.ServerProcess;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One request's trace across JVMs, the event bus, the outbox and Kafka, in a real OTLP receiver: SkyWalking's OAP
 * (test-servers/skywalking-oap), which stores OTLP traces and serves them on Zipkin's query API. The edge JVM
 * (gateway, identity, documents) takes a document upload; its outbox relay publishes the document's event; the
 * realtime JVM's handler gets it through a Kafka consumer of one of the two JVMs.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Tracing across JVMs, the event bus and Kafka")
class TracingIT {

  private static final String EDGE = "gateway+identity+documents";
  private static final String REALTIME = "realtime";
  private static final long WAIT_MS = 90_000;

  private final ClusterJvms cluster = new ClusterJvms(2);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ServerProcess oap;

  @AfterEach
  void stop() {
    cluster.kill();
    if (oap != null) {
      oap.stop();
    }
  }

  @Test
  @DisplayName("an upload's trace runs from the gateway through the event bus, the outbox relay and a Kafka consumer "
      + "to the realtime JVM, and its services' graph shows the hop")
  void uploadTrace(Vertx vertx) throws Exception {
    int otlp = Ports.free("127.0.0.1");
    int query = Ports.free("127.0.0.1");
    oap = ServerProcess.start("skywalking-oap", "The key booting parameters", List.of("-Xmx256m",
            "-Dcore.default.gRPCPort=" + otlp, "-Dcore.default.restPort=" + Ports.free("127.0.0.1"),
            "-Dquery-zipkin.default.restPort=" + query,
            "-cp", "config:libs/*", "org.apache.skywalking.oap.server.starter.OAPServerStartUp"),
        Path.of("../test-servers/skywalking-oap/target/oap"));
    String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tracing.example";
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    Pool pool = PgPools.create(vertx, config);
    new Accounts(vertx, new IdentityStore(pool)).createTenant("tracing-" + admin.substring(6, 14), admin, "secret",
        "test").eventually(pool::close).await();

    String collector = "tracing.endpoint=grpc://127.0.0.1:" + otlp;
    MchProcess edge = cluster.start(0, "--services=gateway,identity,documents", "--set", "gateway.port=0",
        "--set", collector);
    MchProcess realtime = cluster.start(1, "--services=realtime", "--set", collector);
    GatewayClient gateway = new GatewayClient(vertx, edge.ready().get(3, TimeUnit.MINUTES));
    realtime.ready().get(3, TimeUnit.MINUTES);
    String token = gateway.login(admin, "secret").await();

    // the caller's own trace, sampled: the product continues it
    String traceId = hex(16);
    HttpResponse<Buffer> accepted = gateway.request(HttpMethod.POST,
            "/api/v1/opportunities/notice-traced/documents?fileName=scan.png")
        .bearerTokenAuthentication(token).putHeader("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
        .sendBuffer(png()).await();
    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());

    // spans reach the receiver in each JVM's batches: asked again until the whole chain is there
    List<JsonObject> spans = traceUntil(query, traceId, all -> chain(all).isPresent());
    System.out.println("the upload's trace (" + spans.size() + " spans):");
    spans.forEach(span -> System.out.println("  " + service(span) + "  " + span.getString("kind", "-") + "  "
        + span.getString("name")));
    Map<String, JsonObject> byId = byId(spans);
    List<JsonObject> chain = chain(spans).orElseThrow();
    JsonObject server = chain.get(0);
    JsonObject publish = chain.get(1);
    JsonObject process = chain.get(2);
    assertEquals("publish " + Topics.DOCUMENT_EVENTS, publish.getString("name"));
    assertEquals(EDGE, service(publish), "the outbox relay of the edge JVM published it");
    assertEquals("process " + Topics.DOCUMENT_EVENTS, process.getString("name"));
    assertTrue(Set.of(EDGE, REALTIME).contains(service(process)), "a consumer of either JVM");
    assertEquals(REALTIME, service(chain.get(3)), "the realtime JVM's handler under the consumer");
    assertTrue(server.getString("parentId") != null && !byId.containsKey(server.getString("parentId")),
        "the gateway's span continues the caller's");

    Set<String> graph = dependencies(spans, byId);
    System.out.println("services' dependency graph: " + graph);
    assertTrue(graph.contains(EDGE + " -> " + REALTIME), graph::toString);
  }

  /** A 16×16 PNG: a file type the documents service keeps. */
  private static Buffer png() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), "png", out);
    return Buffer.buffer(out.toByteArray());
  }

  private static String hex(int bytes) {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      id.append(String.format("%02x", ThreadLocalRandom.current().nextInt(1, 256)));
    }
    return id.toString();
  }

  /** The trace as the receiver has it, asked again until {@code complete} holds (spans arrive in batches). */
  private List<JsonObject> traceUntil(int port, String traceId, Predicate<List<JsonObject>> complete)
      throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    List<JsonObject> spans = List.of();
    while (System.currentTimeMillis() < deadline) {
      java.net.http.HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/zipkin/api/v2/trace/" + traceId))
          .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 200) {
        spans = new JsonArray(answer.body()).stream().map(JsonObject.class::cast).toList();
        if (complete.test(spans)) {
          return spans;
        }
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("the trace " + traceId + " did not cross the outbox and Kafka to the realtime JVM within "
        + WAIT_MS + " ms: " + spans);
  }

  /**
   * The hops of the trace, when all of them are there: the edge's server span, a publish under it, a consumer under
   * the publish, and a span of the realtime JVM under the consumer.
   */
  private static Optional<List<JsonObject>> chain(List<JsonObject> spans) {
    Map<String, JsonObject> byId = byId(spans);
    for (JsonObject span : spans) {
      if (!REALTIME.equals(service(span))) {
        continue;
      }
      List<JsonObject> up = ancestors(span, byId);
      Optional<JsonObject> process = up.stream().filter(a -> "CONSUMER".equals(a.getString("kind"))).findFirst();
      Optional<JsonObject> publish = process.flatMap(p -> ancestors(p, byId).stream()
          .filter(a -> "PRODUCER".equals(a.getString("kind"))).findFirst());
      Optional<JsonObject> server = publish.flatMap(p -> ancestors(p, byId).stream()
          .filter(a -> "SERVER".equals(a.getString("kind")) && EDGE.equals(service(a))).reduce((near, far) -> far));
      if (server.isPresent()) {
        return Optional.of(List.of(server.get(), publish.get(), process.get(), span));
      }
    }
    return Optional.empty();
  }

  private static Map<String, JsonObject> byId(List<JsonObject> spans) {
    Map<String, JsonObject> byId = new HashMap<>();
    spans.forEach(span -> byId.put(span.getString("id"), span));
    return byId;
  }

  private static String service(JsonObject span) {
    return span.getJsonObject("localEndpoint", new JsonObject()).getString("serviceName");
  }

  /** The span's parent, its parent's parent and so on, nearest first. */
  private static List<JsonObject> ancestors(JsonObject span, Map<String, JsonObject> byId) {
    List<JsonObject> up = new ArrayList<>();
    for (JsonObject parent = byId.get(span.getString("parentId")); parent != null;
        parent = byId.get(parent.getString("parentId"))) {
      up.add(parent);
    }
    return up;
  }

  /** Zipkin's dependency links: a parent span's service calling its child's, where the two differ. */
  private static Set<String> dependencies(List<JsonObject> spans, Map<String, JsonObject> byId) {
    Set<String> links = new TreeSet<>();
    for (JsonObject span : spans) {
      JsonObject parent = byId.get(span.getString("parentId"));
      if (parent != null && !service(parent).equals(service(span))) {
        links.add(service(parent) + " -> " + service(span));
      }
    }
    return links;
  }
}
