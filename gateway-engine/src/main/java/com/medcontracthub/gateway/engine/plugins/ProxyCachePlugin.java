package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.ObservedBody;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginContext;
import com.medcontracthub.gateway.engine.ResponseTap;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's {@code proxy-cache}: answers of cacheable requests ({@code request_method}) with a cacheable status
 * ({@code response_code}) and content type are kept for {@code cache_ttl} seconds — in this JVM
 * ({@code strategy: memory}) or in Redis, shared by every gateway ({@code strategy: redis}, the advanced plugin's) —
 * under a key of the method, route, path, the {@code vary_query_params} and {@code vary_headers}. Answers say
 * {@code X-Cache-Status: Hit|Miss|Bypass|Refresh}, {@code X-Cache-Key} and {@code Age}. With {@code cache_control}
 * the request's and answer's Cache-Control directives are honoured. Kept as the body streams to the client, up to
 * 1 MiB; a larger answer is passed on and not kept.
 */
final class ProxyCachePlugin implements Plugin {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyCachePlugin.class);
  private static final int MAX_BODY = 1024 * 1024;
  private static final Pattern MAX_AGE = Pattern.compile("(?:s-maxage|max-age)=(\\d+)");
  private static final Set<String> NOT_KEPT = Set.of("connection", "keep-alive", "transfer-encoding", "date", "age",
      "set-cookie", "x-cache-status", "x-cache-key");

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .integers("response_code", List.of(200, 301, 404), 100, 900)
      .strings("request_method", List.of("GET", "HEAD"))
      .strings("content_type", List.of("text/plain", "application/json"))
      .integer("cache_ttl", 300L, 1, 31_536_000)
      .oneOf("strategy", "memory", "memory", "redis")
      .bool("cache_control", false)
      .bool("ignore_uri_case", false)
      .integer("storage_ttl", null, 1, 31_536_000)
      .strings("vary_query_params", List.of())
      .strings("vary_headers", List.of())
      .record("response_headers", ConfigSchema.builder()
          .bool("age", true).bool("X-Cache-Status", true).bool("X-Cache-Key", true).build())
      .record("memory", ConfigSchema.builder().string("dictionary_name", "kong_db_cache").build())
      .record("redis", PluginRedis.SCHEMA)
      .build();

  private final Warnings warnings = new Warnings(LOG);
  private final Set<Integer> codes;
  private final Set<String> methods;
  private final List<String> contentTypes;
  private final long ttl;
  private final long storageTtl;
  private final boolean cacheControl;
  private final boolean ignoreCase;
  private final List<String> varyQuery;
  private final List<String> varyHeaders;
  private final boolean ageHeader;
  private final boolean statusHeader;
  private final boolean keyHeader;
  private final CacheStore store;

  ProxyCachePlugin(JsonObject config, PluginContext context) {
    this.codes = Set.copyOf(config.getJsonArray("response_code").stream().map(c -> ((Number) c).intValue()).toList());
    this.methods = Set.copyOf(config.getJsonArray("request_method").stream().map(String::valueOf).toList());
    this.contentTypes = config.getJsonArray("content_type").stream().map(String::valueOf)
        .map(t -> t.toLowerCase(Locale.ROOT)).toList();
    this.ttl = config.getLong("cache_ttl");
    Long storage = config.getLong("storage_ttl");
    this.storageTtl = storage == null ? ttl : storage;
    this.cacheControl = config.getBoolean("cache_control");
    this.ignoreCase = config.getBoolean("ignore_uri_case");
    this.varyQuery = config.getJsonArray("vary_query_params").stream().map(String::valueOf).toList();
    this.varyHeaders = config.getJsonArray("vary_headers").stream().map(String::valueOf).toList();
    JsonObject headers = config.getJsonObject("response_headers");
    this.ageHeader = headers.getBoolean("age");
    this.statusHeader = headers.getBoolean("X-Cache-Status");
    this.keyHeader = headers.getBoolean("X-Cache-Key");
    JsonObject redis = config.getJsonObject("redis");
    this.store = config.getString("strategy").equals("redis")
        ? new CacheStore.InRedis(PluginRedis.client(context, redis), redis.getLong("timeout"))
        : new CacheStore.Memory(context.vertx(), config.getJsonObject("memory").getString("dictionary_name"));
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    HttpServerResponse response = exchange.ctx().response();
    if (!methods.contains(request.method().name())) {
      mark(response, "Bypass", null);
      return Answers.GO_ON;
    }
    String key = key(exchange);
    String requested = request.getHeader("Cache-Control");
    boolean refresh = cacheControl && requested != null
        && (requested.contains("no-cache") || requested.contains("no-store"));
    Future<JsonObject> cached = refresh ? Future.succeededFuture() : store.get(key).recover(e -> {
      warnings.warn("proxy-cache: the store cannot be read ({}); asking the service", e.toString());
      return Future.succeededFuture();
    });
    return cached.map(entry -> {
      if (entry != null) {
        answer(response, key, entry);
        return false;
      }
      mark(response, refresh ? "Refresh" : "Miss", key);
      if (!(cacheControl && requested != null && requested.contains("no-store"))) {
        exchange.responseTap(tap(key));
      }
      return true;
    });
  }

  private void answer(HttpServerResponse response, String key, JsonObject entry) {
    response.setStatusCode(entry.getInteger("status"));
    JsonObject headers = entry.getJsonObject("headers");
    headers.forEach(h -> response.putHeader(h.getKey(), String.valueOf(h.getValue())));
    mark(response, "Hit", key);
    if (ageHeader) {
      response.putHeader("Age", String.valueOf((System.currentTimeMillis() - entry.getLong("storedAt")) / 1000));
    }
    response.end(Buffer.buffer(entry.getBinary("body")));
  }

  private void mark(HttpServerResponse response, String status, String key) {
    if (statusHeader) {
      response.putHeader("X-Cache-Status", status);
    }
    if (keyHeader && key != null) {
      response.putHeader("X-Cache-Key", key);
    }
  }

  private ResponseTap tap(String key) {
    return new ResponseTap() {
      @Override
      public boolean wants(int status, MultiMap headers) {
        String type = headers.get("Content-Type");
        String lowered = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return codes.contains(status) && contentTypes.stream().anyMatch(lowered::startsWith)
            && (!cacheControl || keepFor(headers) > 0);
      }

      @Override
      public ObservedBody.Observer observer(int status, MultiMap headers) {
        Buffer copy = Buffer.buffer();
        return new ObservedBody.Observer() {
          private boolean tooLarge;

          @Override
          public boolean chunk(Buffer chunk) {
            if (!tooLarge && copy.length() + chunk.length() <= MAX_BODY) {
              copy.appendBuffer(chunk);
            } else {
              tooLarge = true;
            }
            return true;
          }

          @Override
          public void end() {
            if (!tooLarge) {
              store(key, status, headers, copy);
            }
          }

          @Override
          public String stopped() {
            return "not stopped";
          }
        };
      }
    };
  }

  private void store(String key, int status, MultiMap headers, Buffer body) {
    JsonObject kept = new JsonObject();
    headers.forEach((name, value) -> {
      if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
        kept.put(name, value);
      }
    });
    long seconds = cacheControl ? Math.min(storageTtl, keepFor(headers)) : storageTtl;
    store.put(key, new JsonObject().put("status", status).put("headers", kept).put("body", body.getBytes())
            .put("storedAt", System.currentTimeMillis()), seconds)
        .onFailure(e -> warnings.warn("proxy-cache: the answer was not kept ({})", e.toString()));
  }

  /** How long the answer's own Cache-Control lets it be kept: 0 for private, no-store, no-cache. */
  private long keepFor(MultiMap headers) {
    String control = headers.get("Cache-Control");
    if (control == null) {
      return ttl;
    }
    String lowered = control.toLowerCase(Locale.ROOT);
    if (lowered.contains("private") || lowered.contains("no-store") || lowered.contains("no-cache")) {
      return 0;
    }
    Matcher maxAge = MAX_AGE.matcher(lowered);
    return maxAge.find() ? Long.parseLong(maxAge.group(1)) : ttl;
  }

  private String key(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    StringBuilder key = new StringBuilder(request.method().name()).append('\n')
        .append(exchange.route().name()).append('\n')
        .append(ignoreCase ? request.path().toLowerCase(Locale.ROOT) : request.path()).append('\n');
    Set<String> params = new TreeSet<>(varyQuery.isEmpty() ? request.params().names() : varyQuery);
    params.forEach(name -> key.append(name).append('=').append(String.join(",", request.params().getAll(name)))
        .append('&'));
    key.append('\n');
    varyHeaders.forEach(name -> key.append(name.toLowerCase(Locale.ROOT)).append(':')
        .append(request.getHeader(name)).append('\n'));
    return sha256(key.toString());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
