package com.medcontracthub.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.KafkaTestClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.common.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Kafka ⇄ event-bus bridge")
class KafkaBridgeTest {

  @TempDir
  Path dir;

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String inTopic = "test.in." + id;
  private final String inAddress = "test.in." + id;
  private final String group = "test-group-" + id;
  private final String outAddress = "test.out." + id;
  private final String outTopic = "test.out." + id;
  private KafkaTestClient kafka;

  @BeforeEach
  void setUp(Vertx vertx) {
    kafka = new KafkaTestClient(vertx);
  }

  @AfterEach
  void tearDown(VertxTestContext ctx) {
    kafka.close().onComplete(ctx.succeedingThenComplete());
  }

  private Future<MchConfig> config(Vertx vertx, String delivery) {
    return config(vertx, delivery, 500);
  }

  private Future<MchConfig> config(Vertx vertx, String delivery, int inFlight) {
    Path file = dir.resolve("bridge.yaml");
    String yaml = """
        bridge:
          inbound:
            - {topic: %s, address: %s, delivery: %s, group: %s, timeout-ms: 20000, in-flight: %d}
          outbound:
            - {address: %s, topic: %s}
        """.formatted(inTopic, inAddress, delivery, group, inFlight, outAddress, outTopic);
    return vertx.fileSystem().writeFile(file.toString(), Buffer.buffer(yaml))
        .compose(v -> ConfigLoader.load(vertx, "cluster", Optional.of(file), TestInfrastructure.environment(), Map.of()));
  }

  private Future<String> deployBridge(Vertx vertx) {
    return config(vertx, "request").compose(config -> vertx.deployVerticle(new KafkaBridgeVerticle(config)));
  }

  @Test
  @DisplayName("delivers a Kafka record to an event-bus consumer with its key and correlation id")
  void topicToAddress(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<Buffer>consumer(inAddress, message -> ctx.verify(() -> {
      assertEquals("{\"hello\":\"bus\"}", message.body().toString());
      assertEquals("opp-1", message.headers().get(Headers.KAFKA_KEY));
      assertEquals("corr-1", message.headers().get(Headers.CORRELATION_ID));
      assertEquals(inTopic, message.headers().get(Headers.KAFKA_TOPIC));
      message.reply("ok");
      ctx.completeNow();
    }));
    deployBridge(vertx)
        .compose(d -> kafka.produce(inTopic, "opp-1", "{\"hello\":\"bus\"}", Map.of(Headers.CORRELATION_ID, "corr-1")))
        .onFailure(ctx::failNow);
  }

  @Test
  @DisplayName("publishes to every consumer of the address in publish mode")
  void publishFanOut(Vertx vertx, VertxTestContext ctx) {
    Checkpoint received = ctx.checkpoint(2);
    vertx.eventBus().<Buffer>consumer(inAddress, m -> received.flag());
    vertx.eventBus().<Buffer>consumer(inAddress, m -> received.flag());
    config(vertx, "publish")
        .compose(config -> vertx.deployVerticle(new KafkaBridgeVerticle(config)))
        .compose(d -> kafka.produce(inTopic, "k", "fan-out", Map.of()))
        .onFailure(ctx::failNow);
  }

  @Test
  @DisplayName("writes a message sent on a bridged address to its topic, keyed, and replies with the offset")
  void addressToTopic(Vertx vertx, VertxTestContext ctx) {
    deployBridge(vertx)
        .compose(d -> vertx.eventBus().<JsonObject>request(outAddress, new JsonObject().put("event", "created"),
            new DeliveryOptions().addHeader(Headers.KAFKA_KEY, "opp-7").addHeader(Headers.CORRELATION_ID, "corr-7")))
        .compose(reply -> {
          ctx.verify(() -> assertEquals(outTopic, reply.body().getString("topic")));
          return kafka.await(outTopic, 1, r -> true);
        })
        .onComplete(ctx.succeeding(records -> ctx.verify(() -> {
          assertEquals("opp-7", records.get(0).key());
          assertEquals("{\"event\":\"created\"}", records.get(0).value());
          assertEquals("corr-7", records.get(0).headers().stream()
              .filter(h -> h.key().equals(Headers.CORRELATION_ID)).findFirst().orElseThrow().value().toString());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses a body Kafka cannot carry with a 400 failure")
  void badBody(Vertx vertx, VertxTestContext ctx) {
    deployBridge(vertx)
        .compose(d -> vertx.eventBus().request(outAddress, 42))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertTrue(e.getMessage().contains("unsupported body type"), e.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a record refused again and again comes back after back-offs that double, though a record after it is "
      + "answered first each time; once it is answered, the next refusal is retried after the shortest back-off again")
  void backOffDoubles(Vertx vertx, VertxTestContext ctx) {
    List<Long> first = new CopyOnWriteArrayList<>();
    List<Long> second = new CopyOnWriteArrayList<>();
    Promise<Void> done = Promise.promise();
    vertx.eventBus().<Buffer>consumer(inAddress, message -> {
      String body = message.body().toString();
      if (body.equals("after")) {
        message.reply("ok");
        return;
      }
      List<Long> deliveries = body.equals("first") ? first : second;
      deliveries.add(System.nanoTime());
      // the first record is refused three times, a little after the record behind it is answered; the second once
      if (deliveries == first && first.size() <= 3) {
        vertx.setTimer(100, id -> message.fail(503, "switched off"));
      } else if (deliveries == second && second.size() == 1) {
        message.fail(503, "switched off");
      } else {
        message.reply("ok");
        if (deliveries == second) {
          done.complete();
        }
      }
    });
    deployBridge(vertx)
        .compose(d -> kafka.produce(inTopic, "one-key", "first", Map.of()))
        .compose(sent -> kafka.produce(inTopic, "one-key", "after", Map.of()))
        .compose(sent -> Eventually.until(vertx, () -> first.size() == 4, 20_000, "the first record answered"))
        .compose(answered -> kafka.produce(inTopic, "one-key", "second", Map.of()))
        .compose(sent -> done.future())
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          // each back-off waits between half and one and a half times its base: 500 ms, then 1 s, then 2 s
          assertTrue(millisBetween(first, 2) >= 1_000, "the third back-off waits at least 1 s: " + millisBetween(first, 2));
          long again = millisBetween(second, 0);
          assertTrue(again >= 250 && again < 2_000, "after a success, a refusal waits 250-750 ms again: " + again);
          ctx.completeNow();
        })));
  }

  private static long millisBetween(List<Long> deliveries, int i) {
    return TimeUnit.NANOSECONDS.toMillis(deliveries.get(i + 1) - deliveries.get(i));
  }

  @Test
  @DisplayName("leaves the offset uncommitted while the handler fails, redelivers, and a restarted bridge gets the record")
  void failureMeansRedelivery(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger failedDeliveries = new AtomicInteger();
    Promise<Void> redelivered = Promise.promise();
    var failing = vertx.eventBus().<Buffer>consumer(inAddress, message -> {
      message.fail(500, "handler is down");
      if (failedDeliveries.incrementAndGet() == 2) {
        redelivered.complete();
      }
    });
    KafkaAdminClient admin = admin(vertx);
    TopicPartition[] partition = new TopicPartition[1];
    deployBridge(vertx)
        .compose(d -> kafka.produce(inTopic, "opp-9", "must-not-be-lost", Map.of())
            .compose(meta -> {
              partition[0] = new TopicPartition(inTopic, meta.getPartition());
              return redelivered.future();
            })
            .compose(v -> admin.listConsumerGroupOffsets(group))
            .compose(offsets -> {
              ctx.verify(() -> assertTrue(!offsets.containsKey(partition[0])
                  || offsets.get(partition[0]).getOffset() == 0, "nothing committed while the handler fails: " + offsets));
              return vertx.undeploy(d);
            }))
        .compose(v -> failing.unregister())
        .compose(v -> {
          Promise<Message<Buffer>> handled = Promise.promise();
          vertx.eventBus().<Buffer>consumer(inAddress, message -> {
            message.reply("done");
            handled.tryComplete(message);
          });
          return deployBridge(vertx).compose(d -> handled.future());
        })
        .compose(message -> {
          ctx.verify(() -> assertEquals("must-not-be-lost", message.body().toString()));
          return awaitCommitted(vertx, admin, partition[0], 1);
        })
        .eventually(admin::close)
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("keeps at most in-flight records out, sends the next as soon as one is answered, and commits no further "
      + "than the first unanswered")
  void inFlight(Vertx vertx, VertxTestContext ctx) {
    List<String> seen = new CopyOnWriteArrayList<>();
    Promise<Message<Buffer>> slowOut = Promise.promise();
    Promise<Void> markerAnswered = Promise.promise();
    vertx.eventBus().<Buffer>consumer(inAddress, message -> {
      String body = message.body().toString();
      seen.add(body);
      switch (body) {
        case "slow" -> slowOut.complete(message);
        // answered late enough that a bridge sending past its limit would have sent a quick record already
        case "late" -> vertx.setTimer(300, t -> {
          seen.add("late answered");
          message.reply("done");
        });
        default -> {
          message.reply("done");
          if (body.equals("quick-3")) {
            // polled only after the bridge settled quick-3 and sent whatever commit it would
            kafka.produce(inTopic, "one-key", "marker", Map.of());
          } else if (body.equals("marker")) {
            markerAnswered.complete();
          }
        }
      }
    });
    KafkaAdminClient admin = admin(vertx);
    TopicPartition[] partition = new TopicPartition[1];
    oneKey(List.of("slow", "late", "quick-1", "quick-2", "quick-3"))
        .onSuccess(tp -> partition[0] = tp)
        .compose(v -> config(vertx, "request", 2))
        .compose(config -> vertx.deployVerticle(new KafkaBridgeVerticle(config)))
        .compose(d -> markerAnswered.future())
        .compose(v -> admin.listConsumerGroupOffsets(group))
        .compose(offsets -> {
          ctx.verify(() -> {
            assertEquals(List.of("slow", "late", "late answered", "quick-1", "quick-2", "quick-3", "marker"), seen,
                "two out at a time; the quick records passed the slow one, in order");
            assertTrue(!offsets.containsKey(partition[0]) || offsets.get(partition[0]).getOffset() == 0,
                "nothing committed past the unanswered record: " + offsets);
          });
          slowOut.future().result().reply("done");
          return awaitCommitted(vertx, admin, partition[0], 6);
        })
        .eventually(admin::close)
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a record that fails comes again with those after it that had succeeded, and nothing past it is "
      + "committed meanwhile")
  void failureAmongOthers(Vertx vertx, VertxTestContext ctx) {
    List<String> seen = new CopyOnWriteArrayList<>();
    Promise<Long> committedAtRedelivery = Promise.promise();
    Promise<Void> allAgain = Promise.promise();
    KafkaAdminClient admin = admin(vertx);
    TopicPartition[] partition = new TopicPartition[1];
    vertx.eventBus().<Buffer>consumer(inAddress, message -> {
      String body = message.body().toString();
      seen.add(body);
      if (body.equals("first") && seen.size() == 1) {
        message.fail(500, "not now");
        return;
      }
      if (body.equals("first")) {
        // answered once the offset is read: its own success is committed next
        admin.listConsumerGroupOffsets(group).onComplete(offsets -> {
          committedAtRedelivery.handle(offsets.map(o -> o.containsKey(partition[0]) ? o.get(partition[0]).getOffset()
              : 0L));
          message.reply("done");
        });
        return;
      }
      message.reply("done");
      if (body.equals("third") && seen.indexOf("first") != seen.lastIndexOf("first")) {
        allAgain.complete();
      }
    });
    oneKey(List.of("first", "second", "third"))
        .onSuccess(tp -> partition[0] = tp)
        .compose(v -> config(vertx, "request", 3))
        .compose(config -> vertx.deployVerticle(new KafkaBridgeVerticle(config)))
        .compose(d -> committedAtRedelivery.future())
        .compose(committed -> {
          ctx.verify(() -> assertEquals(0L, committed, "nothing committed past the failed record"));
          return allAgain.future();
        })
        .compose(v -> awaitCommitted(vertx, admin, partition[0], 3))
        .eventually(admin::close)
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          int again = seen.lastIndexOf("first");
          // the first poll brings the records there are (all three, as a rule): those it brought were delivered
          assertEquals(List.of("first", "second", "third").subList(0, again), seen.subList(0, again), seen::toString);
          assertEquals(List.of("first", "second", "third"), seen.subList(again, seen.size()), "all again, in order");
          ctx.completeNow();
        })));
  }

  private static KafkaAdminClient admin(Vertx vertx) {
    return KafkaAdminClient.create(vertx, Map.of("bootstrap.servers",
        TestInfrastructure.get().settings().get("kafka.bootstrap")));
  }

  /** The values written in order under one key, so to one partition: which one. */
  private Future<TopicPartition> oneKey(List<String> values) {
    Future<TopicPartition> written = Future.succeededFuture();
    for (String value : values) {
      written = written.compose(tp -> kafka.produce(inTopic, "one-key", value, Map.of())
          .map(meta -> new TopicPartition(inTopic, meta.getPartition())));
    }
    return written;
  }

  /** Commits follow the reply asynchronously: poll the group's offset until it reaches {@code offset}. */
  private Future<Void> awaitCommitted(Vertx vertx, KafkaAdminClient admin, TopicPartition partition, long offset) {
    return admin.listConsumerGroupOffsets(group).compose(offsets -> {
      if (offsets.containsKey(partition) && offsets.get(partition).getOffset() == offset) {
        return Future.succeededFuture();
      }
      return vertx.timer(100).compose(t -> awaitCommitted(vertx, admin, partition, offset));
    });
  }
}
