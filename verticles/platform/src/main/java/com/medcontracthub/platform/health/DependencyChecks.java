package com.medcontracthub.platform.health;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.kafka.KafkaClientProperties;
import com.medcontracthub.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.spi.cluster.hazelcast.ClusterHealthCheck;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One health check per dependency of this JVM (Kafka, PostgreSQL, Redis, ClickHouse when the analytics service keeps
 * its events there, Weaviate when the AI service keeps its vectors there, and the cluster when clustered), each
 * on its own small client and bounded by {@code health.timeout-ms}.
 */
public final class DependencyChecks {

  private static final Logger LOG = LoggerFactory.getLogger(DependencyChecks.class);
  /** Pause between start-up checks of dependencies that did not answer. */
  private static final long RETRY_MS = 500;

  private final Vertx vertx;
  private final HealthChecks checks;
  private final Map<String, String> configKeyOfCheck = new LinkedHashMap<>();
  private final KafkaAdminClient kafka;
  private final Pool postgres;
  private final Redis redis;
  private final HttpClient http;
  private volatile boolean serving;
  private boolean servicesChecked;

  private DependencyChecks(Vertx vertx, MchConfig config) {
    this.vertx = vertx;
    this.checks = HealthChecks.create(vertx);
    this.kafka = KafkaAdminClient.create(vertx, KafkaClientProperties.admin(config));
    this.postgres = PgPools.create(vertx, config, 1, config.health().timeoutMs());
    this.redis = RedisClients.create(vertx, config, 1);
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) config.health().timeoutMs()));

    long timeout = config.health().timeoutMs();
    register("kafka", ConfigKeys.KAFKA_BOOTSTRAP, timeout,
        () -> kafka.describeCluster().map(c -> new JsonObject().put("bootstrap", config.kafka().bootstrap())
            .put("brokers", c.getNodes().size())));
    register("postgres", ConfigKeys.POSTGRES_URI, timeout,
        () -> postgres.query("SELECT 1").execute().map(rows -> new JsonObject()));
    register("redis", ConfigKeys.REDIS_URI, timeout,
        () -> redis.send(Request.cmd(Command.PING)).map(reply -> new JsonObject()));
    if (config.services().contains(MchConfig.Analytics.SERVICE) && MchConfig.Analytics.CLICKHOUSE.equals(config.analytics().store())) {
      register("clickhouse", ConfigKeys.ANALYTICS_CLICKHOUSE_URL, timeout,
          () -> answers200(config.analytics().clickhouseUrl(), "/ping", timeout));
    }
    if (config.services().contains(MchConfig.Ai.SERVICE) && MchConfig.Ai.WEAVIATE.equals(config.ai().store())) {
      register("weaviate", ConfigKeys.AI_WEAVIATE_URL, timeout,
          () -> answers200(config.ai().weaviateUrl(), "/v1/.well-known/ready", timeout));
    }
    if (vertx.isClustered()) {
      // readiness only: joining proved the cluster reachable, and it is briefly unsafe while partitions migrate
      checks.register("cluster", timeout, ClusterHealthCheck.createProcedure(vertx));
    }
  }

  /** An HTTP server that answers 200 at {@code path}: {@code {url}}. */
  private Future<JsonObject> answers200(String url, String path, long timeoutMs) {
    return http.request(new RequestOptions().setAbsoluteURI(url + path).setTimeout(timeoutMs))
        .compose(HttpClientRequest::send)
        .compose(answer -> answer.body().compose(body -> answer.statusCode() == 200
            ? Future.succeededFuture(new JsonObject().put("url", url))
            : Future.failedFuture("answered " + answer.statusCode() + " to " + path)));
  }

  public static DependencyChecks create(Vertx vertx, MchConfig config) {
    return new DependencyChecks(vertx, config);
  }

  private void register(String name, String configKey, long timeoutMs, Supplier<Future<JsonObject>> probe) {
    configKeyOfCheck.put(name, configKey);
    checks.register(name, timeoutMs, (Promise<Status> promise) -> probe.get()
        .onSuccess(data -> promise.tryComplete(Status.OK(data)))
        .onFailure(e -> promise.tryComplete(Status.KO(new JsonObject().put("error", String.valueOf(e.getMessage()))))));
  }

  public HealthChecks healthChecks() {
    return checks;
  }

  /**
   * Whether every service this JVM runs is deployed and not stopping: from the first call, readiness also waits for
   * it ({@code services}), so a probe of the management port, up before the services, does not call the JVM ready
   * too soon, nor while it stops.
   */
  public void serving(boolean ready) {
    serving = ready;
    if (!servicesChecked) {
      servicesChecked = true;
      checks.register("services", (Promise<Status> promise) -> promise.complete(serving ? Status.OK() : Status.KO()));
    }
  }

  /**
   * Checks every dependency (Kafka, PostgreSQL, Redis, ClickHouse when used) until every one answers, for up to
   * {@code waitMs} (they may be starting alongside this JVM, or slow to answer a new client on a busy machine); then
   * fails with a message naming each unreachable one and its setting.
   */
  public Future<Void> verifyReachable(long waitMs) {
    return verifyReachableBy(System.nanoTime() + waitMs * 1_000_000);
  }

  private Future<Void> verifyReachableBy(long deadline) {
    return unreachable().compose(problems -> {
      if (problems.isEmpty()) {
        return Future.succeededFuture();
      }
      if (System.nanoTime() - deadline >= 0) {
        return Future.failedFuture(new ConfigException(String.join("; ", problems)));
      }
      LOG.info("waiting for {}", String.join("; ", problems));
      return vertx.timer(RETRY_MS).compose(v -> verifyReachableBy(deadline));
    });
  }

  private Future<List<String>> unreachable() {
    List<String> names = List.copyOf(configKeyOfCheck.keySet());
    List<Future<CheckResult>> results = names.stream().map(checks::checkStatus).toList();
    return Future.join(results).transform(ar -> {
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        Future<CheckResult> result = results.get(i);
        CheckResult check = result.succeeded() ? result.result() : CheckResult.from(names.get(i), result.cause());
        if (!check.getUp()) {
          problems.add(describe(names.get(i), check));
        }
      }
      return Future.succeededFuture(problems);
    });
  }

  private String describe(String name, CheckResult check) {
    String reason = check.getData() == null ? "no answer" : check.getData().getString("cause",
        check.getData().getString("error", check.getData().encode()));
    return configKeyOfCheck.get(name) + ": " + name + " is not reachable (" + reason + ")";
  }

  public Future<Void> close() {
    return Future.join(kafka.close(), postgres.close(), redis.close(), http.close())
        .mapEmpty();
  }
}
