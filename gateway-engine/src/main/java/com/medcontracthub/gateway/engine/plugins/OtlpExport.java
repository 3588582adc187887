package com.medcontracthub.gateway.engine.plugins;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends spans to an OTLP collector as one {@code ExportTraceServiceRequest} per batch, under the plugin's
 * {@code resource_attributes} ({@code service.name} is {@code kong} unless they name it): over OTLP/HTTP in protobuf
 * to an {@code http(s)://} URL, or over OTLP/gRPC to {@code grpc://host:port}, with the plugin's {@code headers} and
 * timeouts either way.
 */
abstract class OtlpExport {

  private static final ServiceMethod<ExportTraceServiceResponse, ExportTraceServiceRequest> GRPC_EXPORT =
      ServiceMethod.client(ServiceName.create("opentelemetry.proto.collector.trace.v1", "TraceService"), "Export",
          GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ExportTraceServiceResponse.newBuilder()));

  private final Resource resource;
  protected final JsonObject headers;
  protected final long timeoutMs;

  private OtlpExport(JsonObject config) {
    Resource.Builder resource = Resource.newBuilder();
    JsonObject attributes = new JsonObject().put("service.name", "kong").mergeIn(config.getJsonObject("resource_attributes"));
    attributes.forEach(attribute -> resource.addAttributes(KeyValue.newBuilder().setKey(attribute.getKey())
        .setValue(AnyValue.newBuilder().setStringValue(String.valueOf(attribute.getValue())))));
    this.resource = resource.build();
    this.headers = config.getJsonObject("headers");
    this.timeoutMs = config.getLong("send_timeout") + config.getLong("read_timeout");
  }

  /** The export for the plugin's {@code traces_endpoint}, checked to be an http(s) or grpc URL. */
  static OtlpExport to(Vertx vertx, JsonObject config) {
    String endpoint = config.getString("traces_endpoint");
    int connectTimeout = config.getInteger("connect_timeout");
    return endpoint.startsWith("grpc://") ? new Grpc(vertx, config, URI.create(endpoint), connectTimeout)
        : new Http(vertx, config, endpoint, connectTimeout);
  }

  static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  Future<?> send(List<Span> spans) {
    return send(ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource)
            .addScopeSpans(ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("mch-gateway"))
                .addAllSpans(spans)))
        .build());
  }

  abstract Future<?> send(ExportTraceServiceRequest request);

  abstract void close();

  /** OTLP/HTTP: the request's protobuf bytes posted to the URL; any 2xx is a success. */
  private static final class Http extends OtlpExport {

    private final HttpClient client;
    private final String endpoint;

    Http(Vertx vertx, JsonObject config, String endpoint, int connectTimeout) {
      super(config);
      this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(connectTimeout));
      this.endpoint = endpoint;
    }

    @Override
    Future<?> send(ExportTraceServiceRequest request) {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint)
          .setTimeout(timeoutMs).putHeader("Content-Type", "application/x-protobuf");
      headers.forEach(header -> options.putHeader(header.getKey(), String.valueOf(header.getValue())));
      return client.request(options)
          .compose(sending -> sending.send(Buffer.buffer(request.toByteArray())))
          .compose(response -> response.statusCode() / 100 == 2 ? Future.succeededFuture()
              : Future.failedFuture("the collector answered " + response.statusCode()));
    }

    @Override
    void close() {
      client.close();
    }
  }

  /** OTLP/gRPC: TraceService/Export over HTTP/2 without TLS. */
  private static final class Grpc extends OtlpExport {

    private final GrpcClient client;
    private final SocketAddress address;

    Grpc(Vertx vertx, JsonObject config, URI endpoint, int connectTimeout) {
      super(config);
      this.client = GrpcClient.client(vertx, new GrpcClientOptions(),
          new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
              .setConnectTimeout(connectTimeout));
      this.address = SocketAddress.inetSocketAddress(endpoint.getPort() < 0 ? 4317 : endpoint.getPort(), endpoint.getHost());
    }

    @Override
    Future<?> send(ExportTraceServiceRequest request) {
      return client.request(address, GRPC_EXPORT)
          .compose(call -> {
            headers.forEach(header -> call.headers().set(header.getKey(), String.valueOf(header.getValue())));
            return call.timeout(timeoutMs, TimeUnit.MILLISECONDS).send(request);
          })
          // fails unless the collector answered OK
          .compose(response -> response.last());
    }

    @Override
    void close() {
      client.close();
    }
  }
}
