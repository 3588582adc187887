package com.medcontracthub.gateway.declarative.plugins;

import com.medcontracthub.gateway.declarative.ConfigSchema;
import com.medcontracthub.gateway.declarative.DeclarativeException;
import com.medcontracthub.gateway.declarative.Exchange;
import com.medcontracthub.gateway.declarative.GatewaySpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's {@code zipkin}: a span for each sampled request through the gateway, continuing the caller's trace (W3C
 * {@code traceparent} or B3) and handed on to the upstream in the same header type ({@code header_type: preserve})
 * or another; spans are posted to {@code http_endpoint} in Zipkin's v2 JSON, in batches ({@code queue}). A collector
 * that is down loses spans, never requests.
 */
final class ZipkinPlugin implements Plugin {

  private static final Logger LOG = LoggerFactory.getLogger(ZipkinPlugin.class);
  private static final String SPAN = "mch.zipkin.span";
  private static final String STARTED_MICROS = "mch.zipkin.started";

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .string("http_endpoint", null)
      .number("sample_ratio", 0.001, 0)
      .string("default_service_name", null)
      .string("local_service_name", "kong")
      .bool("include_credential", true)
      .integer("traceid_byte_count", 16L, 8, 16)
      .oneOf("header_type", "preserve", "preserve", "ignore", "b3", "b3-single", "w3c")
      .oneOf("default_header_type", "b3", "b3", "b3-single", "w3c")
      .string("tags_header", "Zipkin-Tags")
      .oneOf("http_span_name", "method", "method", "method_path")
      .integer("connect_timeout", 2_000L, 1, 600_000)
      .integer("send_timeout", 5_000L, 1, 600_000)
      .integer("read_timeout", 5_000L, 1, 600_000)
      .record("queue", ConfigSchema.builder()
          .integer("max_batch_size", 1L, 1, 1_000_000)
          .number("max_coalescing_delay", 1.0, 0)
          .build())
      .build();

  private final JsonObject config;
  private final SpanBatches batches;

  ZipkinPlugin(JsonObject config, PluginContext context) {
    this.config = config;
    JsonObject queue = config.getJsonObject("queue");
    this.batches = new SpanBatches(context.vertx(), config.getString("http_endpoint"),
        queue.getInteger("max_batch_size"), (long) (queue.getDouble("max_coalescing_delay") * 1000),
        config.getLong("connect_timeout"), config.getLong("send_timeout") + config.getLong("read_timeout"));
  }

  static void check(GatewaySpec.Plugin declared) {
    String endpoint = declared.config().getString("http_endpoint");
    if (endpoint == null || !endpoint.matches("https?://.+")) {
      throw new DeclarativeException(declared.path() + ".config.http_endpoint",
          "required: the collector's http(s) URL, e.g. http://zipkin:9411/api/v2/spans");
    }
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    TraceContext trace = TraceContext.continueFrom(request.headers(), config.getDouble("sample_ratio"),
        config.getInteger("traceid_byte_count"));
    String type = config.getString("header_type");
    if (!type.equals("ignore")) {
      String outgoing = type.equals("preserve")
          ? (trace.headerType() == null ? config.getString("default_header_type") : trace.headerType()) : type;
      trace.inject(exchange.upstreamHeaders(), outgoing);
    }
    exchange.ctx().put(SPAN, trace);
    exchange.ctx().put(STARTED_MICROS, System.currentTimeMillis() * 1000);
    return Answers.GO_ON;
  }

  @Override
  public void log(Exchange exchange, long nanos) {
    TraceContext trace = exchange.ctx().get(SPAN);
    if (trace == null || !trace.sampled()) {
      return;
    }
    HttpServerRequest request = exchange.ctx().request();
    int status = exchange.ctx().response().getStatusCode();
    JsonObject tags = new JsonObject()
        .put("http.method", request.method().name())
        .put("http.path", request.path())
        .put("http.status_code", String.valueOf(status))
        .put("kong.service", exchange.service().name())
        .put("kong.route", exchange.route().name());
    if (config.getBoolean("include_credential") && exchange.consumer() != null) {
      tags.put("kong.consumer", exchange.consumer().username());
    }
    if (status >= 500) {
      tags.put("error", "true");
    }
    String extra = request.getHeader(config.getString("tags_header"));
    if (extra != null) {
      for (String pair : extra.split(";")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && !kv[0].isBlank()) {
          tags.put(kv[0].trim(), kv[1].trim());
        }
      }
    }
    String name = config.getString("http_span_name").equals("method_path")
        ? request.method().name() + " " + request.path() : request.method().name();
    JsonObject span = new JsonObject()
        .put("traceId", trace.traceId())
        .put("id", trace.spanId())
        .put("kind", "SERVER")
        .put("name", name.toLowerCase(Locale.ROOT))
        .put("timestamp", (long) exchange.ctx().get(STARTED_MICROS))
        .put("duration", Math.max(1, nanos / 1_000))
        .put("localEndpoint", new JsonObject().put("serviceName", config.getString("local_service_name")))
        .put("remoteEndpoint", new JsonObject().put("ipv4", request.remoteAddress().host())
            .put("port", request.remoteAddress().port()))
        .put("tags", tags);
    if (trace.parentId() != null) {
      span.put("parentId", trace.parentId());
    }
    batches.add(span);
  }

  /** Spans waiting for the collector: sent when a batch is full or has waited its delay. */
  private static final class SpanBatches {

    private final Vertx vertx;
    private final HttpClient http;
    private final String endpoint;
    private final int maxBatch;
    private final long maxDelayMs;
    private final long timeoutMs;
    private final Warnings warnings = new Warnings(LOG);
    private JsonArray pending = new JsonArray();
    private long timer = -1;

    SpanBatches(Vertx vertx, String endpoint, int maxBatch, long maxDelayMs, long connectTimeoutMs, long timeoutMs) {
      this.vertx = vertx;
      this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) connectTimeoutMs));
      this.endpoint = endpoint;
      this.maxBatch = maxBatch;
      this.maxDelayMs = maxDelayMs;
      this.timeoutMs = timeoutMs;
    }

    synchronized void add(JsonObject span) {
      pending.add(span);
      if (pending.size() >= maxBatch || maxDelayMs == 0) {
        flush();
      } else if (timer < 0) {
        timer = vertx.setTimer(maxDelayMs, id -> flush());
      }
    }

    private synchronized void flush() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      if (pending.isEmpty()) {
        return;
      }
      JsonArray batch = pending;
      pending = new JsonArray();
      http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint).setTimeout(timeoutMs)
              .putHeader("Content-Type", "application/json"))
          .compose(request -> request.send(batch.toBuffer()))
          .compose(response -> response.statusCode() / 100 == 2 ? Future.succeededFuture()
              : Future.failedFuture("the collector answered " + response.statusCode()))
          .onFailure(e -> warnings.warn("zipkin: {} spans lost: {}", batch.size(), e.toString()));
    }
  }
}
