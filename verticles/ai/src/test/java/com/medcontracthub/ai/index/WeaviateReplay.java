package com.medcontracthub.ai.index;

import com.google.protobuf.Message;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateGrpc;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoAggregate.AggregateReply;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoAggregate.AggregateRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatch.BatchObjectsReply;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatch.BatchObjectsRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatchDelete.BatchDeleteReply;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatchDelete.BatchDeleteRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchReply;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Weaviate's two wire protocols replayed on loopback, as no Weaviate server can run on these machines: REST (liveness,
 * {@code /v1/meta} with the fields Weaviate's documentation shows, schema and tenants as Weaviate answers them) and
 * gRPC ({@code weaviate.v1.Weaviate}, the service the official client's jar defines in its {@code v1/*.proto}:
 * Search, BatchObjects, BatchDelete, Aggregate), each reply a message of those definitions that the test queues. It
 * records every request, so a test checks what the adapter sent and how it read what came back; it stores, ranks and
 * filters nothing: that is Weaviate's, and no test here exercises it.
 */
public final class WeaviateReplay {

  /** Every REST request, as {@code METHOD path[?query] body}. */
  final List<String> rest = new CopyOnWriteArrayList<>();
  /** Every gRPC request, in order. */
  final List<Message> grpc = new CopyOnWriteArrayList<>();
  /** The next Search replies, in order; none queued: no result. */
  final Deque<SearchReply> searches = new ArrayDeque<>();
  /** The next BatchObjects reply; by default every object stored. */
  volatile BatchObjectsReply batchReply = BatchObjectsReply.newBuilder().setTook(0.004f).build();
  volatile long objectsCount;
  volatile String version = "1.33.0";
  private final Set<String> collections = ConcurrentHashMap.newKeySet();
  private final Set<String> tenants = ConcurrentHashMap.newKeySet();
  private HttpServer http;
  private Server server;

  public Future<WeaviateReplay> start(Vertx vertx) throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new Service()).build()
        .start();
    return vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1").map(started -> {
      http = started;
      return this;
    });
  }

  public int httpPort() {
    return http.actualPort();
  }

  public int grpcPort() {
    return server.getPort();
  }

  @SuppressWarnings("unchecked")
  public <M extends Message> List<M> grpc(Class<M> type) {
    return grpc.stream().filter(type::isInstance).map(m -> (M) m).toList();
  }

  public Future<Void> stop() {
    server.shutdownNow();
    return http == null ? Future.succeededFuture() : http.close();
  }

  private void answer(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      String path = request.path();
      String method = request.method().name();
      rest.add(method + " " + request.uri() + (body.length() == 0 ? "" : " " + body));
      if (path.equals("/v1/.well-known/live")) {
        request.response().setStatusCode(200).end();
      } else if (path.equals("/v1/meta")) {
        json(request, 200, new JsonObject().put("hostname", "http://[::]:8080").put("version", version)
            .put("modules", new JsonObject()));
      } else if (method.equals("POST") && path.equals("/v1/schema/")) {
        JsonObject created = body.toJsonObject();
        collections.add(created.getString("class"));
        json(request, 200, created);
      } else if (method.equals("POST") && path.endsWith("/tenants")) {
        body.toJsonArray().forEach(t -> tenants.add(((JsonObject) t).getString("name")));
        request.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body);
      } else if (method.equals("GET") && path.contains("/tenants/")) {
        String tenant = path.substring(path.lastIndexOf('/') + 1);
        if (tenants.contains(tenant)) {
          json(request, 200, new JsonObject().put("name", tenant).put("activityStatus", "ACTIVE"));
        } else {
          notFound(request);
        }
      } else if (method.equals("GET") && path.startsWith("/v1/schema/")) {
        String name = path.substring("/v1/schema/".length());
        if (collections.contains(name)) {
          json(request, 200, new JsonObject().put("class", name));
        } else {
          notFound(request);
        }
      } else if (method.equals("DELETE") && path.startsWith("/v1/objects/")) {
        request.response().setStatusCode(204).end();
      } else {
        notFound(request);
      }
    });
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** As Weaviate words a 404. */
  private static void notFound(HttpServerRequest request) {
    json(request, 404, new JsonObject().put("error", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("message", "not found"))));
  }

  private final class Service extends WeaviateGrpc.WeaviateImplBase {

    @Override
    public void search(SearchRequest request, StreamObserver<SearchReply> out) {
      grpc.add(request);
      SearchReply next;
      synchronized (searches) {
        next = searches.isEmpty() ? SearchReply.newBuilder().setTook(0.001f).build() : searches.poll();
      }
      out.onNext(next);
      out.onCompleted();
    }

    @Override
    public void batchObjects(BatchObjectsRequest request, StreamObserver<BatchObjectsReply> out) {
      grpc.add(request);
      out.onNext(batchReply);
      out.onCompleted();
    }

    @Override
    public void batchDelete(BatchDeleteRequest request, StreamObserver<BatchDeleteReply> out) {
      grpc.add(request);
      out.onNext(BatchDeleteReply.newBuilder().setTook(0.002f).setMatches(2).setSuccessful(2).build());
      out.onCompleted();
    }

    @Override
    public void aggregate(AggregateRequest request, StreamObserver<AggregateReply> out) {
      grpc.add(request);
      out.onNext(AggregateReply.newBuilder().setTook(0.001f).setSingleResult(AggregateReply.Single.newBuilder()
          .setObjectsCount(objectsCount)).build());
      out.onCompleted();
    }
  }
}
