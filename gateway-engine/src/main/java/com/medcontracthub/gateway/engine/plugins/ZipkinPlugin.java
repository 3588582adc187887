package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginContext;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Kong's {@code zipkin}: a span for each sampled request through the gateway, continuing the caller's trace (W3C
 * {@code traceparent} or B3) and handed on to the upstream in the same header type ({@code header_type: preserve})
 * or another; spans are posted to {@code http_endpoint} in Zipkin's v2 JSON, in batches ({@code queue}). A collector
 * that is down loses spans, never requests.
 */
final class ZipkinPlugin implements Plugin {

  private static final String SPAN = "mch.zipkin.span";
  private static final String STARTED_MICROS = "mch.zipkin.started";

  static final ConfigSchema SCHEMA = SpanQueue.collectorFields(ConfigSchema.builder()
      .string("http_endpoint", null)
      .number("sample_ratio", 0.001, 0)
      .string("default_service_name", null)
      .string("local_service_name", "kong")
      .bool("include_credential", true)
      .integer("traceid_byte_count", 16L, 8, 16)
      .oneOf("header_type", "preserve", TracePropagation.headerTypes())
      .oneOf("default_header_type", "b3", TraceFormat.names().toArray(String[]::new))
      .record("propagation", TracePropagation.schema("b3"))
      .string("tags_header", "Zipkin-Tags")
      .oneOf("http_span_name", "method", "method", "method_path"), 2_000L, 1)
      .build();

  private final JsonObject config;
  private final TracePropagation propagation;
  private final HttpClient http;
  private final SpanQueue<JsonObject> spans;

  ZipkinPlugin(JsonObject config, PluginContext context) {
    this.config = config;
    this.propagation = TracePropagation.of(config, config.getString("default_header_type"));
    this.http = context.vertx().createHttpClient(
        new HttpClientOptions().setConnectTimeout(config.getInteger("connect_timeout")));
    this.spans = new SpanQueue<>(context.vertx(), "zipkin", config.getJsonObject("queue"), this::post);
  }

  static void check(GatewaySpec.Plugin declared) {
    String endpoint = declared.config().getString("http_endpoint");
    if (endpoint == null || !endpoint.matches("https?://.+")) {
      throw new DeclarativeException(declared.path() + ".config.http_endpoint",
          "required: the collector's http(s) URL, e.g. http://zipkin:9411/api/v2/spans");
    }
    TracePropagation.check(declared);
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    propagation.begin(exchange, SPAN, config.getDouble("sample_ratio"), config.getInteger("traceid_byte_count"));
    exchange.ctx().put(STARTED_MICROS, System.currentTimeMillis() * 1000);
    return Answers.GO_ON;
  }

  @Override
  public void log(Exchange exchange, long nanos) {
    TraceContext trace = TraceContext.sampled(exchange, SPAN);
    if (trace == null) {
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
    spans.add(span);
  }

  private Future<?> post(List<JsonObject> batch) {
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.getString("http_endpoint"))
            .setTimeout(config.getLong("send_timeout") + config.getLong("read_timeout"))
            .putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(new JsonArray(batch).toBuffer()))
        .compose(response -> response.statusCode() / 100 == 2 ? Future.succeededFuture()
            : Future.failedFuture("the collector answered " + response.statusCode()));
  }

  @Override
  public void close() {
    spans.flush().onComplete(sent -> http.close());
  }
}
