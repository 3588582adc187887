package com.medcontracthub.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Configuration")
class ConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("layers the profile, MCH_* variables and flags, the command line winning")
  void layers(Vertx vertx, VertxTestContext ctx) {
    Map<String, String> env = Map.of("MCH_GATEWAY_PORT", "9000", "MCH_KAFKA_BOOTSTRAP", "k1:1,k2:2",
        "UNRELATED", "x");
    ConfigLoader.load(vertx, "embedded", Optional.empty(), env, Map.of("gateway.port", new Setting("9100", "--set")))
        .onComplete(ctx.succeeding(config -> ctx.verify(() -> {
          assertEquals("embedded", config.profile());
          assertEquals(9100, config.gateway().port());
          assertEquals("k1:1,k2:2", config.kafka().bootstrap());
          assertEquals(Path.of(System.getProperty("user.home"), ".medcontracthub"), config.dataDir());
          assertEquals("text", config.logFormat());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("takes the prod profile's JSON logs and Kubernetes discovery")
  void prodProfile(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, "prod", Optional.empty(), Map.of(), Map.of())
        .onComplete(ctx.succeeding(config -> ctx.verify(() -> {
          assertEquals("json", config.logFormat());
          assertTrue(config.cluster().kubernetes());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses an unknown profile, naming the ones there are")
  void unknownProfile(Vertx vertx, VertxTestContext ctx) {
    expectFailure(vertx, ctx, "staging", Optional.empty(), Map.of(),
        "unknown profile 'staging': expected one of");
  }

  @Test
  @DisplayName("refuses a malformed port, naming the key, the variable it came from and the expected form")
  void malformedPort(Vertx vertx, VertxTestContext ctx) {
    expectFailure(vertx, ctx, "embedded", Optional.empty(), Map.of("MCH_GATEWAY_PORT", "80a"),
        "gateway.port: expected a TCP port number 0-65535 but got '80a' (from MCH_GATEWAY_PORT)");
  }

  @Test
  @DisplayName("refuses a port out of range")
  void outOfRange(Vertx vertx, VertxTestContext ctx) {
    expectFailure(vertx, ctx, "embedded", Optional.empty(), Map.of("MCH_CLUSTER_PORT", "70000"),
        "cluster.port: expected a TCP port number 0-65535 but got '70000'");
  }

  @Test
  @DisplayName("refuses document steps that are not known, or listed twice")
  void documentSteps(Vertx vertx, VertxTestContext ctx) {
    expectFailure(vertx, ctx, "embedded", Optional.empty(), Map.of("MCH_DOCUMENTS_STEPS", "text,text"),
        "documents.steps: expected one or more of text, analysed, indexed, each once but got '[text, text]'");
  }

  @Test
  @DisplayName("refuses a step reading a document's text before the text step, or without it")
  void documentStepsInOrder(Vertx vertx, VertxTestContext ctx) {
    Checkpoint refused = ctx.checkpoint(2);
    for (String steps : List.of("indexed,text", "analysed")) {
      ConfigLoader.load(vertx, "embedded", Optional.empty(), Map.of("MCH_DOCUMENTS_STEPS", steps), Map.of())
          .onComplete(ctx.failing(e -> ctx.verify(() -> {
            assertTrue(e.getMessage().startsWith("documents.steps: expected text before the steps that read its text "
                + "(analysed, indexed) but got"), e.getMessage());
            refused.flag();
          })));
    }
  }

  @Test
  @DisplayName("traces nothing by default, one new trace in twenty in prod; refuses a collector that speaks no "
      + "OTLP and a share above one")
  void tracing(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, "embedded", Optional.empty(), Map.of(), Map.of())
        .compose(embedded -> ConfigLoader.load(vertx, "prod", Optional.empty(),
                Map.of("MCH_TRACING_ENDPOINT", "grpc://collector:4317"), Map.of())
            .onComplete(ctx.succeeding(prod -> ctx.verify(() -> {
              assertTrue(embedded.tracing().endpoint().isEmpty());
              assertEquals(1.0, embedded.tracing().sampling());
              assertEquals("grpc://collector:4317", prod.tracing().endpoint().orElseThrow().toString());
              assertEquals(0.05, prod.tracing().sampling());
            }))))
        .compose(v -> refused(vertx, Map.of("MCH_TRACING_ENDPOINT", "ftp://collector:21"),
            "tracing.endpoint: expected an OTLP collector: grpc://host:4317 or http://host:4318/v1/traces"))
        .compose(v -> refused(vertx, Map.of("MCH_TRACING_SAMPLING", "1.5"),
            "tracing.sampling: expected a share of traces from 0 to 1 but got '1.5'"))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Void> refused(Vertx vertx, Map<String, String> env, String message) {
    return ConfigLoader.load(vertx, "embedded", Optional.empty(), env, Map.of()).transform(loaded -> {
      if (loaded.succeeded() || !loaded.cause().getMessage().startsWith(message)) {
        return Future.failedFuture(new AssertionError("expected a refusal starting '" + message + "', got "
            + (loaded.succeeded() ? "a configuration" : loaded.cause().getMessage())));
      }
      return Future.succeededFuture();
    });
  }

  @Test
  @DisplayName("refuses a Kafka bootstrap list without ports")
  void bootstrapWithoutPort(Vertx vertx, VertxTestContext ctx) {
    expectFailure(vertx, ctx, "embedded", Optional.empty(), Map.of("MCH_KAFKA_BOOTSTRAP", "localhost"),
        "kafka.bootstrap: expected host:port");
  }

  @Test
  @DisplayName("names the entry of a bad bridge mapping in an operator file")
  void badMapping(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("bridge.yaml");
    Files.writeString(file, """
        bridge:
          inbound:
            - topic: mch.opportunity.events
              address: opportunity.events
              delivery: sometimes
        """);
    expectFailure(vertx, ctx, "embedded", Optional.of(file), Map.of(),
        "bridge.inbound[0].delivery: expected publish or request but got 'sometimes'");
  }

  @Test
  @DisplayName("refuses a key a bridge mapping does not know, naming it and the keys there are")
  void unknownMappingKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> InboundMapping.list(new JsonArray()
        .add(new JsonObject().put("topic", "t").put("address", "slow").put("batch", 2)), "bridge.inbound"));
    assertEquals("bridge.inbound[0].batch: unknown; expected topic, address, delivery, format, group, timeout-ms, "
        + "in-flight, service", e.getMessage());
  }

  @Test
  @DisplayName("refuses a configuration file that does not exist")
  void missingFile(Vertx vertx, VertxTestContext ctx) {
    expectFailure(vertx, ctx, "embedded", Optional.of(dir.resolve("nope.yaml")), Map.of(),
        "configuration file " + dir.resolve("nope.yaml") + " does not exist");
  }

  private static void expectFailure(Vertx vertx, VertxTestContext ctx, String profile, Optional<Path> file,
      Map<String, String> env, String message) {
    ConfigLoader.load(vertx, profile, file, env, Map.of()).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertInstanceOf(ConfigException.class, e);
      assertTrue(e.getMessage().startsWith(message), e.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a bridge mapping has 500 records out by default; a slow one its in-flight, and Kafka waits its timeout")
  void bridgeInFlight() {
    List<InboundMapping> mappings = InboundMapping.list(new JsonArray()
        .add(new JsonObject().put("topic", "t").put("address", "fast"))
        .add(new JsonObject().put("topic", "t").put("address", "slow").put("timeout-ms", 1_800_000).put("in-flight", 2)),
        "bridge.inbound");
    assertEquals(List.of(500, 2), mappings.stream().map(InboundMapping::inFlight).toList());
    assertEquals(List.of(300_000L, 1_860_000L), mappings.stream().map(InboundMapping::maxPollIntervalMs).toList(),
        "Kafka's own 5 minutes, or the records' timeout and a minute: a full bridge polls when a record is answered");
  }
}
