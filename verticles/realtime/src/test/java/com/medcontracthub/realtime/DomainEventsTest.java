package com.medcontracthub.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.JobProgressed;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.InboundMapping;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.KafkaTestClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Domain events from Kafka on the browsers' trays, through the configured Kafka bridge mappings and the SockJS
 * bridge, against the embedded Kafka, PostgreSQL and Redis.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Domain events from Kafka, live")
class DomainEventsTest {

  private static final Set<String> RELAYED = Set.of(Addresses.REALTIME_DOCUMENT_EVENTS, Addresses.REALTIME_JOB_EVENTS,
      Addresses.REALTIME_PIPELINE_EVENTS);

  /**
   * This JVM's Kafka bridge: the product's mappings to the realtime relays under test, in consumer groups of this run
   * (the test Kafka is shared by every test of the build).
   */
  private static MchConfig relaysOnly(Vertx vertx, String suffix) throws Exception {
    MchConfig product = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    JsonArray inbound = new JsonArray();
    for (InboundMapping m : product.bridge().inbound()) {
      if (RELAYED.contains(m.address())) {
        inbound.add(new JsonObject().put("topic", m.topic()).put("address", m.address())
            .put("delivery", m.delivery().name().toLowerCase(Locale.ROOT))
            .put("format", m.format().name().toLowerCase(Locale.ROOT))
            .put("group", m.group() + "-" + suffix).put("timeout-ms", m.timeoutMs()));
      }
    }
    assertEquals(RELAYED.size(), inbound.size(), "the product configuration bridges each relayed topic: " + product.bridge().inbound());
    Path file = Files.createTempFile("relays-", ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(file, new JsonObject().put("bridge", new JsonObject().put("inbound", inbound)
        .put("outbound", new JsonArray())).encode());
    return ConfigLoader.load(vertx, "cluster", Optional.of(file), TestInfrastructure.environment(), Map.of()).await();
  }

  private static DocumentProcessed document(String id, RealtimeFixture.User uploader, String notice, String state,
      int pages, String reason) {
    return DocumentProcessed.newBuilder()
        .setEnvelope(Events.envelope(DocumentProcessed.class, "ocr", UUID.randomUUID().toString(), uploader.tenant(), id))
        .setDocumentId(id).setTenantId(uploader.tenant()).setUserId(uploader.id()).setFileName(id + ".pdf")
        .setNoticeId(notice).setState(state).setPages(pages).setReason(reason).build();
  }

  private static Future<JsonObject> about(BridgeClient client, String address, String documentId) {
    return client.next(frame -> address.equals(frame.getString("address"))
        && documentId.equals(frame.getJsonObject("body").getString("documentId")));
  }

  @Test
  @DisplayName("a document read, or not, reaches every user of its tenant once however often Kafka delivers it, and no "
      + "one else; job progress reaches the user who started the job")
  void documentsAndJobs(Vertx vertx, VertxTestContext ctx) throws Exception {
    RealtimeFixture f = RealtimeFixture.start(vertx, Map.of());
    vertx.deployVerticle(new KafkaBridgeVerticle(relaysOnly(vertx, f.suffix))).await();
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    String tenantA = "tenant." + f.a1().tenant() + ".notifications";
    String tenantB = "tenant." + f.b1().tenant() + ".notifications";
    String userA1 = "user." + f.a1().id() + ".notifications";
    String read = "rfq-" + f.suffix;
    String unreadable = "scan-" + f.suffix;
    DocumentProcessed first = document(read, f.a2(), f.notice, "processed", 14, null);
    DocumentProcessed again = document(read, f.a2(), f.notice, "processed", 15, null);
    String job = "job-" + f.suffix;
    JobProgressed finished = JobProgressed.newBuilder()
        .setEnvelope(Events.envelope(JobProgressed.class, "opportunities", UUID.randomUUID().toString(), f.a1().tenant(),
            job))
        .setJobId(job).setJob("opportunities.import").setUserId(f.a1().id()).setState("finished").setDone(2)
        .setBytesDone(120).setBytesTotal(120L).setSummary("{\"inserted\": 1, \"updated\": 1}").build();
    int rooms = f.bridge().rooms();
    Future.all(f.ws(vertx), f.ws(vertx), f.ws(vertx)).compose(clients -> {
      BridgeClient a1 = clients.resultAt(0);
      BridgeClient a2 = clients.resultAt(1);
      BridgeClient b1 = clients.resultAt(2);
      a1.register(tenantA, f.a1().token());
      a1.register(userA1, f.a1().token());
      a2.register(tenantA, f.a2().token());
      b1.register(tenantB, f.b1().token());
      return Eventually.until(vertx, () -> f.bridge().rooms() == rooms + 3, 10_000, "the three rooms joined")
          // the first event twice (a relay's redelivery), then a later event about the same document: same key, so
          // the same partition, in this order
          .compose(v -> kafka.produceEvent(Topics.DOCUMENT_EVENTS, first))
          .compose(v -> kafka.produceEvent(Topics.DOCUMENT_EVENTS, first))
          .compose(v -> kafka.produceEvent(Topics.DOCUMENT_EVENTS, again))
          .compose(v -> kafka.produceEvent(Topics.DOCUMENT_EVENTS,
              document(unreadable, f.b1(), null, "failed", 0, "not a PDF or an image")))
          .compose(v -> kafka.produceEvent(Topics.JOB_EVENTS, finished))
          .compose(v -> Future.all(List.of(about(a2, tenantA, read), about(a2, tenantA, read), about(a1, tenantA, read),
              about(b1, tenantB, unreadable), a1.next(frame -> userA1.equals(frame.getString("address"))
                  && job.equals(frame.getJsonObject("body").getString("jobId"))))))
          .map(seen -> {
            ctx.verify(() -> {
              JsonObject shown = seen.<JsonObject>resultAt(0).getJsonObject("body");
              assertEquals("document.processed", shown.getString("kind"), shown::encode);
              assertEquals(read + ".pdf", shown.getString("fileName"), shown::encode);
              assertEquals(14, shown.getInteger("pages"), shown::encode);
              assertEquals(f.notice, shown.getString("noticeId"), shown::encode);
              assertEquals(f.a2().id(), shown.getString("uploadedBy"), shown::encode);
              assertEquals(15, seen.<JsonObject>resultAt(1).getJsonObject("body").getInteger("pages"),
                  "the redelivered event is shown once, then the later one: " + a2.seen());
              assertEquals(14, seen.<JsonObject>resultAt(2).getJsonObject("body").getInteger("pages"), a1.seen()::toString);
              JsonObject failed = seen.<JsonObject>resultAt(3).getJsonObject("body");
              assertEquals("document.failed", failed.getString("kind"), failed::encode);
              assertEquals("not a PDF or an image", failed.getString("reason"), failed::encode);
              JsonObject progress = seen.<JsonObject>resultAt(4).getJsonObject("body");
              assertEquals("job.progress", progress.getString("kind"), progress::encode);
              assertEquals(1, progress.getJsonObject("summary").getInteger("inserted"), progress::encode);
              assertTrue(b1.seen().stream().noneMatch(frame -> frame.encode().contains(read)),
                  "tenant B hears nothing of tenant A's document: " + b1.seen());
              assertTrue(a2.seen().stream().noneMatch(frame -> frame.encode().contains(unreadable) || frame.encode()
                  .contains(job)), "tenant A's member hears nothing of B's document nor of a1's job: " + a2.seen());
            });
            return clients;
          })
          .eventually(() -> Future.join(a1.close(), a2.close(), b1.close()))
          .eventually(kafka::close);
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a pipeline move reaches every user of its tenant once however often Kafka delivers it, for their "
      + "boards, and no one else")
  void pipelineMoves(Vertx vertx, VertxTestContext ctx) throws Exception {
    RealtimeFixture f = RealtimeFixture.start(vertx, Map.of());
    vertx.deployVerticle(new KafkaBridgeVerticle(relaysOnly(vertx, f.suffix))).await();
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    String tenantA = "tenant." + f.a1().tenant() + ".notifications";
    String tenantB = "tenant." + f.b1().tenant() + ".notifications";
    PipelineStageChanged qualifying = move(f.a1(), f.notice, null, "qualifying", 1);
    PipelineStageChanged bidding = move(f.a2(), f.notice, "qualifying", "bidding", 2);
    int rooms = f.bridge().rooms();
    Future.all(f.ws(vertx), f.ws(vertx)).compose(clients -> {
      BridgeClient a1 = clients.resultAt(0);
      BridgeClient b1 = clients.resultAt(1);
      a1.register(tenantA, f.a1().token());
      b1.register(tenantB, f.b1().token());
      return Eventually.until(vertx, () -> f.bridge().rooms() == rooms + 2, 10_000, "the two rooms joined")
          .compose(v -> kafka.produceEvent(Topics.PIPELINE_EVENTS, qualifying))
          .compose(v -> kafka.produceEvent(Topics.PIPELINE_EVENTS, qualifying))
          .compose(v -> kafka.produceEvent(Topics.PIPELINE_EVENTS, bidding))
          .compose(v -> Future.all(movedTo(a1, tenantA, 1), movedTo(a1, tenantA, 2)))
          .map(seen -> {
            ctx.verify(() -> {
              JsonObject first = seen.<JsonObject>resultAt(0).getJsonObject("body");
              assertEquals(new JsonObject().put("kind", "pipeline.moved").put("noticeId", f.notice).putNull("from")
                  .put("stage", "qualifying").put("version", 1).put("by", f.a1().id())
                  .put("occurredAt", qualifying.getEnvelope().getOccurredAt().toString()), first);
              assertEquals("bidding", seen.<JsonObject>resultAt(1).getJsonObject("body").getString("stage"));
              assertEquals(2, a1.seen().stream().filter(frame -> frame.encode().contains("pipeline.moved")).count(),
                  "the redelivered move is shown once: " + a1.seen());
              assertTrue(b1.seen().stream().noneMatch(frame -> frame.encode().contains(f.notice)),
                  "tenant B hears nothing of tenant A's board: " + b1.seen());
            });
            return clients;
          })
          .eventually(() -> Future.join(a1.close(), b1.close()))
          .eventually(kafka::close);
    }).onComplete(ctx.succeedingThenComplete());
  }

  private static PipelineStageChanged move(RealtimeFixture.User by, String notice, String from, String to, int version) {
    String aggregate = by.tenant() + ":" + notice;
    return PipelineStageChanged.newBuilder()
        .setEnvelope(Events.envelope(PipelineStageChanged.class, "opportunities", UUID.randomUUID().toString(),
            by.tenant(), aggregate))
        .setNoticeId(notice).setFrom(from).setTo(to).setBy(by.id()).setVersion(version).build();
  }

  private static Future<JsonObject> movedTo(BridgeClient client, String address, int version) {
    return client.next(frame -> address.equals(frame.getString("address"))
        && "pipeline.moved".equals(frame.getJsonObject("body").getString("kind"))
        && frame.getJsonObject("body").getInteger("version") == version);
  }
}
