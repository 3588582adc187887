package com.medcontracthub.opportunities.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.Topics;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.events.OpportunityChanged;
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
        () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { }));
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

  private static String cacheGroup(MchConfig config) {
    return config.bridge().inbound().stream().filter(m -> m.address().equals(Addresses.OPPORTUNITIES_CHANGED)).findFirst()
        .orElseThrow().group();
  }

  @Test
  @DisplayName("publishes inserted and updated notices as events, and a change reaches a cached read")
  void changeInvalidatesCache(Vertx vertx, VertxTestContext ctx) {
    String uri = TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI);
    Migrations.apply(uri);
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of())
        .await();
    Pool pool = PgPools.create(vertx, config);
    EventCodec.registerAll(vertx);
    Redis redis = Redis.createClient(vertx, config.redis().uri());
    KafkaTestClient kafka = new KafkaTestClient(vertx);
    String record = "{\"noticeId\": \"" + id + "\", \"title\": \"%s\", \"postedDate\": \"2024-05-01\"}";

    vertx.deployVerticle(new OpportunitiesVerticle(config))
        .compose(d -> vertx.deployVerticle(new OutboxRelayVerticle(config)))
        .compose(d -> vertx.deployVerticle(new KafkaBridgeVerticle(config)))
        .compose(d -> load(vertx, pool, record.formatted("Suction catheters")))
        // the "inserted" event must have gone round first, or its late arrival would empty the cache under the test
        .compose(imported -> kafka.awaitEvents(Topics.OPPORTUNITY_EVENTS, 1, r -> id.equals(r.key())))
        .compose(inserted -> kafka.awaitCommitted(cacheGroup(config), inserted.get(0)))
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
        .compose(fresh -> kafka.awaitEvents(Topics.OPPORTUNITY_EVENTS, 2, r -> id.equals(r.key())))
        .eventually(kafka::close)
        .onComplete(ctx.succeeding(events -> ctx.verify(() -> {
          List<OpportunityChanged> changes = events.stream().map(r -> (OpportunityChanged) r.value()).toList();
          assertEquals(List.of("inserted", "updated"), changes.stream().map(OpportunityChanged::getChange).toList());
          assertEquals("OpportunityChanged", changes.get(0).getEnvelope().getType());
          ctx.completeNow();
        })));
  }
}
