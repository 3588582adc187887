package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginContext;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's {@code rate-limiting}: limits per second, minute, hour, day, month (30 days) and year (365 days), counted
 * per consumer (or IP when there is none), credential, IP, service, header or path, in this JVM ({@code local}) or in
 * Redis for every gateway ({@code redis}, {@code cluster}). {@code window_type: sliding} (the name Kong's
 * advanced plugin uses) weighs the previous window by how much of it still overlaps the last period, which removes
 * the double burst a fixed window allows at its edge. Answers carry Kong's {@code X-RateLimit-*} and the IETF
 * {@code RateLimit-*} headers; over the limit is a 429 problem with {@code Retry-After}. When Redis fails, a
 * {@code fault_tolerant} limit counts in this JVM until Redis answers again (Kong lets every request through: one
 * outage would lift every limit), otherwise requests get a 500. A positive {@code sync_rate} (seconds)
 * counts in this JVM and syncs with Redis that often ({@link SyncedCounters}) instead of a round trip per request.
 */
final class RateLimitingPlugin implements Plugin {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitingPlugin.class);

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .number("second", null, 0)
      .number("minute", null, 0)
      .number("hour", null, 0)
      .number("day", null, 0)
      .number("month", null, 0)
      .number("year", null, 0)
      .oneOf("limit_by", "consumer", "consumer", "credential", "ip", "service", "header", "path")
      .string("header_name", null)
      .string("path", null)
      .oneOf("policy", "local", "local", "cluster", "redis")
      .bool("fault_tolerant", true)
      .bool("hide_client_headers", false)
      .integer("error_code", 429L, 100, 599)
      .string("error_message", "API rate limit exceeded")
      .number("sync_rate", -1.0, -1)
      .oneOf("window_type", "fixed", "fixed", "sliding")
      .record("redis", PluginRedis.SCHEMA)
      .flattened("redis", "redis_", PluginRedis.SCHEMA)
      .build();

  private static final Map<String, Long> PERIODS = new LinkedHashMap<>();

  static {
    PERIODS.put("second", 1L);
    PERIODS.put("minute", 60L);
    PERIODS.put("hour", 3_600L);
    PERIODS.put("day", 86_400L);
    PERIODS.put("month", 30 * 86_400L);
    PERIODS.put("year", 365 * 86_400L);
  }

  /** How long a fault-tolerant limit counts in the JVM after Redis failed before one request asks Redis again. */
  private static final long FALLBACK_MS = 1_000;
  private static final long PROBE_GIVEN_UP_MS = 60_000;
  /** Kong's lowest {@code sync_rate}, 0.02 s. */
  private static final long MIN_SYNC_MS = 20;

  private final Warnings warnings = new Warnings(LOG);
  private final String scope;
  private final Map<String, Long> limits = new LinkedHashMap<>();
  private final String limitBy;
  private final String headerName;
  private final String path;
  private final boolean faultTolerant;
  private final boolean hideHeaders;
  private final int errorCode;
  private final String errorMessage;
  private final boolean sliding;
  private final Counters counters;
  /** Where a fault-tolerant shared limit counts while Redis fails; none for a local or a strict limit. */
  private final Counters fallback;
  /** When Redis last failed; 0 while it answers. */
  private volatile long countersFailedAt;
  /** When the request asking a failed Redis again started; 0 when none is under way. */
  private final AtomicLong probeStartedAt = new AtomicLong();

  static void check(GatewaySpec.Plugin declared) {
    JsonObject config = declared.config();
    if (PERIODS.keySet().stream().allMatch(period -> config.getValue(period) == null)) {
      throw new DeclarativeException(declared.path() + ".config", "give at least one of second, minute, hour, day, month, year");
    }
    if (config.getString("limit_by").equals("header") && config.getString("header_name") == null) {
      throw new DeclarativeException(declared.path() + ".config.header_name", "required when limit_by is header");
    }
    if (config.getString("limit_by").equals("path") && config.getString("path") == null) {
      throw new DeclarativeException(declared.path() + ".config.path", "required when limit_by is path");
    }
  }

  RateLimitingPlugin(JsonObject config, PluginContext context, String declaredAt) {
    this.scope = "mch:rate-limiting:" + context.file() + ":" + declaredAt + ":";
    PERIODS.keySet().forEach(period -> {
      Double limit = config.getDouble(period);
      if (limit != null) {
        limits.put(period, limit.longValue());
      }
    });
    this.limitBy = config.getString("limit_by");
    this.headerName = config.getString("header_name");
    this.path = config.getString("path");
    this.faultTolerant = config.getBoolean("fault_tolerant");
    this.hideHeaders = config.getBoolean("hide_client_headers");
    this.errorCode = config.getInteger("error_code");
    this.errorMessage = config.getString("error_message");
    this.sliding = config.getString("window_type").equals("sliding");
    JsonObject redis = config.getJsonObject("redis");
    double syncRate = config.getDouble("sync_rate");
    if (config.getString("policy").equals("local")) {
      this.counters = new LocalCounters(context.vertx());
    } else if (syncRate > 0) {
      this.counters = new SyncedCounters(context.vertx(), PluginRedis.client(context, redis), redis.getLong("timeout"),
          Math.max(MIN_SYNC_MS, (long) (syncRate * 1000)));
    } else {
      this.counters = new RedisCounters(PluginRedis.client(context, redis), redis.getLong("timeout"));
    }
    this.fallback = faultTolerant && !(counters instanceof LocalCounters) ? new LocalCounters(context.vertx()) : null;
  }

  @Override
  public void close() {
    counters.close();
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    long now = System.currentTimeMillis();
    String identifier = identifier(exchange);
    List<String> periods = new ArrayList<>(limits.keySet());
    List<String> current = new ArrayList<>();
    List<String> previous = new ArrayList<>();
    List<Long> ttl = new ArrayList<>();
    for (String period : periods) {
      long window = PERIODS.get(period) * 1_000;
      long start = now / window * window;
      current.add(scope + identifier + ":" + period + ":" + start);
      previous.add(scope + identifier + ":" + period + ":" + (start - window));
      ttl.add(2 * window);
    }
    boolean recovering = fallback != null && countersFailedAt != 0;
    if (recovering && !probe(now)) {
      return fallback.hit(current, previous, ttl).transform(ar -> decided(exchange, now, periods, ar));
    }
    Future<long[][]> counts;
    try {
      counts = counters.hit(current, previous, ttl);
    } catch (RuntimeException e) {
      counts = Future.failedFuture(e);
    }
    return counts.transform(ar -> {
      if (recovering) {
        probeStartedAt.set(0);
      }
      if (ar.succeeded()) {
        countersFailedAt = 0;
        return Future.succeededFuture(ar.result());
      }
      countersFailedAt = System.currentTimeMillis();
      warnings.warn("rate-limiting: counters unavailable ({}); {}", ar.cause().toString(),
          fallback != null ? "counting in this JVM meanwhile" : "refusing the request");
      return fallback != null ? fallback.hit(current, previous, ttl) : Future.failedFuture(ar.cause());
    }).transform(ar -> decided(exchange, now, periods, ar));
  }

  private Future<Boolean> decided(Exchange exchange, long now, List<String> periods, AsyncResult<long[][]> counts) {
    return counts.failed() ? Answers.refuse(exchange, 500, "An unexpected error occurred")
        : decide(exchange, now, periods, counts.result());
  }

  /**
   * Whether this request asks Redis again while a fault-tolerant limit counts in the JVM for want of it: one request a
   * second after the last failure, so that a Redis that does not answer holds one request for its timeout, not all
   * of them; a probe that never ended is given up after {@link #PROBE_GIVEN_UP_MS}.
   */
  private boolean probe(long now) {
    long started = probeStartedAt.get();
    return now - countersFailedAt >= FALLBACK_MS && (started == 0 || now - started > PROBE_GIVEN_UP_MS)
        && probeStartedAt.compareAndSet(started, now);
  }

  private Future<Boolean> decide(Exchange exchange, long now, List<String> periods, long[][] counts) {
    HttpServerResponse response = exchange.ctx().response();
    long tightestRemaining = Long.MAX_VALUE;
    long tightestLimit = 0;
    long tightestReset = 0;
    boolean exceeded = false;
    for (int i = 0; i < periods.size(); i++) {
      String period = periods.get(i);
      long limit = limits.get(period);
      long window = PERIODS.get(period) * 1_000;
      long elapsed = now % window;
      long used = sliding ? counts[i][0] + (long) Math.floor(counts[i][1] * (window - elapsed) / (double) window)
          : counts[i][0];
      long remaining = Math.max(0, limit - used);
      long reset = (long) Math.ceil((window - elapsed) / 1000.0);
      exceeded |= used > limit;
      if (!hideHeaders) {
        String name = period.substring(0, 1).toUpperCase(Locale.ROOT) + period.substring(1);
        response.putHeader("X-RateLimit-Limit-" + name, String.valueOf(limit));
        response.putHeader("X-RateLimit-Remaining-" + name, String.valueOf(remaining));
      }
      if (remaining < tightestRemaining || (used > limit && reset > tightestReset)) {
        tightestRemaining = remaining;
        tightestLimit = limit;
        tightestReset = reset;
      }
    }
    if (!hideHeaders) {
      response.putHeader("RateLimit-Limit", String.valueOf(tightestLimit));
      response.putHeader("RateLimit-Remaining", String.valueOf(tightestRemaining));
      response.putHeader("RateLimit-Reset", String.valueOf(tightestReset));
    }
    if (exceeded) {
      response.putHeader("Retry-After", String.valueOf(tightestReset));
      return Answers.refuse(exchange, errorCode, errorMessage);
    }
    return Answers.GO_ON;
  }

  /**
   * The file's consumer, else the user a product's authentication plugin let in ({@link Exchange#authenticatedUser()}),
   * else (as Kong) the client's address.
   */
  private static String consumer(Exchange exchange, String ip) {
    if (exchange.consumer() != null) {
      return "consumer:" + exchange.consumer().username();
    }
    String user = exchange.authenticatedUser();
    return user == null ? "ip:" + ip : "user:" + user;
  }

  private String identifier(Exchange exchange) {
    String ip = exchange.ctx().request().remoteAddress().host();
    return switch (limitBy) {
      case "consumer", "credential" -> consumer(exchange, ip);
      case "service" -> "service:" + exchange.service().name();
      case "header" -> "header:" + exchange.ctx().request().getHeader(headerName);
      case "path" -> exchange.ctx().request().path().equals(path) ? "path:" + path : "ip:" + ip;
      default -> "ip:" + ip;
    };
  }
}
