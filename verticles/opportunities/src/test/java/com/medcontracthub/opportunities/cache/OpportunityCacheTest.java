package com.medcontracthub.opportunities.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.kafka.KafkaBridgeVerticle;
import com.medcontracthub.platform.outbox.OutboxRelayVerticle;
import com.medcontracthub.testkit.KafkaTestClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole event path against the embedded PostgreSQL, Kafka and Redis: an import writes change events to the
 * outbox, the relay publishes them to mch.opportunity.events, the bridge brings them back, and the cache forgets.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Opportunity events and cache")
class OpportunityCacheTest {

  private final String id = "cache-" + UUID.randomUUID().toString().substring(0, 8);

  private static Future<Importer.Report> load(Vertx vertx, Pool pool, String json) {
    return vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { }));
  }

  private Future<JsonObject> read(Vertx vertx) {
    return vertx.eventBus().<JsonObject>request(Addresses.OPPORTUNITIES_GET,
        new JsonObject().put("path", new JsonObject().put("id", id))).map(m -> m.body());
  }

  /** The change must come back through Kafka; ask until the read shows it or the test's own timeout ends. */
  private Future<JsonObject> readUntilTitle(Vertx vertx, String title) {
    return read(vertx).compose(o -> title.equals(o.getString("title")) ? Future.succeededFuture(o)
        : vertx.timer(100).compose(t -> readUntilTitle(vertx, title)));
  }

  /** The cache's consumer group has committed past this record, so its DEL is done. */
  private static Future<Void> handledByCache(Vertx vertx, MchConfig config, KafkaConsumerRecord<String, String> record) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", config.kafkaBootstrap()));
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    String group = config.inbound().stream().filter(m -> m.topic().equals(Topics.OPPORTUNITY_EVENTS)).findFirst()
        .orElseThrow().group();
    return committedPast(vertx, admin, group, partition, record.offset()).eventually(admin::close);
  }

  private static Future<Void> committedPast(Vertx vertx, KafkaAdminClient admin, String group, TopicPartition partition,
      long offset) {
    return admin.listConsumerGroupOffsets(group).compose(offsets -> {
      OffsetAndMetadata committed = offsets.get(partition);
      return committed != null && committed.getOffset() > offset ? Future.succeededFuture()
          : vertx.timer(100).compose(t -> committedPast(vertx, admin, group, partition, offset));
    });
  }

  @Test
  @DisplayName("publishes inserted and updated notices as events, and a change reaches a cached read")
  void changeInvalidatesCache(Vertx vertx, VertxTestContext ctx) {
    String uri = TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI);
    Migrations.apply(uri);
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    Pool pool = PgPools.create(vertx, config);
    Redis redis = Redis.createClient(vertx, config.redisUri());
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    String record = "{\"noticeId\": \"" + id + "\", \"title\": \"%s\", \"postedDate\": \"2024-05-01\"}";

    vertx.deployVerticle(new OpportunitiesVerticle(config))
        .compose(d -> vertx.deployVerticle(new OutboxRelayVerticle(config)))
        .compose(d -> vertx.deployVerticle(new KafkaBridgeVerticle(config)))
        .compose(d -> load(vertx, pool, record.formatted("Suction catheters")))
        // the "inserted" event must have gone round first, or its late arrival would empty the cache under the test
        .compose(imported -> kafka.await(Topics.OPPORTUNITY_EVENTS, 1, r -> id.equals(r.key())))
        .compose(inserted -> handledByCache(vertx, config, inserted.get(0)))
        .compose(handled -> read(vertx))
        .compose(first -> {
          ctx.verify(() -> assertEquals("Suction catheters", first.getString("title")));
          return redis.send(Request.cmd(Command.GET).arg("mch:opportunity:" + id));
        })
        .compose(cached -> {
          ctx.verify(() -> assertNotNull(cached, "the read filled the cache"));
          return load(vertx, pool, record.formatted("Suction catheters, 14 Fr"));
        })
        .compose(imported -> readUntilTitle(vertx, "Suction catheters, 14 Fr"))
        .compose(fresh -> kafka.await(Topics.OPPORTUNITY_EVENTS, 2, r -> id.equals(r.key())))
        .eventually(kafka::close)
        .onComplete(ctx.succeeding(events -> ctx.verify(() -> {
          List<String> changes = events.stream()
              .map(r -> new JsonObject(r.value()).getJsonObject("payload").getString("change")).toList();
          assertEquals(List.of("inserted", "updated"), changes);
          assertEquals("OpportunityChanged", new JsonObject(events.get(0).value()).getString("type"));
          ctx.completeNow();
        })));
  }
}
