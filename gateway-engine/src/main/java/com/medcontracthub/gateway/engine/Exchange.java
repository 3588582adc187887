package com.medcontracthub.gateway.engine;

import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One request on a declarative route, as the plugins and the upstream see it: what matched, the consumer (or the
 * product's user) an authentication plugin identified, and the headers plugins add to the upstream request.
 */
public final class Exchange {

  private final RoutingContext ctx;
  private final GatewaySpec.Service service;
  private final GatewaySpec.Route route;
  private String upstreamPath;
  /** Null until a plugin changes the query string or the method. */
  private MultiMap upstreamQuery;
  private HttpMethod upstreamMethod;
  private final Map<String, String> pathParams;
  private final MultiMap upstreamHeaders = MultiMap.caseInsensitiveMultiMap();
  private final Set<String> hiddenHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
  private final ProblemResponder problems;
  private GatewaySpec.Consumer consumer;
  private String authenticatedUser;
  private JsonObject claims;
  private ResponseTap responseTap;
  private long bodyLimit;
  /** Null until something reads the body whole. */
  private Future<Buffer> body;

  Exchange(RoutingContext ctx, GatewaySpec.Service service, GatewaySpec.Route route, String upstreamPath,
      Map<String, String> pathParams, long bodyLimit, ProblemResponder problems) {
    this.ctx = ctx;
    this.problems = problems;
    this.bodyLimit = bodyLimit;
    this.service = service;
    this.route = route;
    this.upstreamPath = upstreamPath;
    this.pathParams = pathParams;
  }

  public RoutingContext ctx() {
    return ctx;
  }

  public GatewaySpec.Service service() {
    return service;
  }

  public GatewaySpec.Route route() {
    return route;
  }

  /** The path the upstream gets: the service's path joined with the request's, less the matched prefix if stripped. */
  public String upstreamPath() {
    return upstreamPath;
  }

  public void upstreamPath(String path) {
    upstreamPath = path;
  }

  /** The query parameters the upstream gets, for a plugin to change (the request's until one does). */
  public MultiMap upstreamQuery() {
    if (upstreamQuery == null) {
      upstreamQuery = MultiMap.caseInsensitiveMultiMap().addAll(ctx.queryParams());
    }
    return upstreamQuery;
  }

  /** The query string the upstream gets: the request's as sent, unless a plugin changed it; null for none. */
  public String upstreamQueryString() {
    if (upstreamQuery == null) {
      return ctx.request().query();
    }
    QueryStringEncoder encoder = new QueryStringEncoder("");
    upstreamQuery.forEach(encoder::addParam);
    String encoded = encoder.toString();
    return encoded.isEmpty() ? null : encoded.substring(1);
  }

  /** The changed query as JSON ({@code {name: [values]}}), for an upstream that is not HTTP; null when unchanged. */
  public JsonObject upstreamQueryJson() {
    if (upstreamQuery == null) {
      return null;
    }
    JsonObject query = new JsonObject();
    upstreamQuery.names().forEach(name -> query.put(name, new JsonArray(upstreamQuery.getAll(name))));
    return query;
  }

  /** The method the upstream gets. */
  public HttpMethod upstreamMethod() {
    return upstreamMethod == null ? ctx.request().method() : upstreamMethod;
  }

  public void upstreamMethod(HttpMethod method) {
    upstreamMethod = method;
  }

  /** Named groups of the regular-expression path that matched. */
  public Map<String, String> pathParams() {
    return pathParams;
  }

  public MultiMap upstreamHeaders() {
    return upstreamHeaders;
  }

  /** Request headers the upstream must not see (credentials a plugin consumed). */
  public Set<String> hiddenHeaders() {
    return hiddenHeaders;
  }

  /** The most body bytes the upstream may be sent; a lower limit from a plugin wins. */
  public long bodyLimit() {
    return bodyLimit;
  }

  public void limitBody(long maxBytes) {
    bodyLimit = Math.min(bodyLimit, maxBytes);
  }

  /**
   * The request's body, read whole once (by a plugin that checks it, or an upstream that takes it whole) and kept for
   * whatever reads it next; fails with {@link BodyTooLarge} past {@code maxBytes}, the rest left unread.
   */
  public Future<Buffer> body(long maxBytes) {
    if (body != null) {
      return body.compose(read -> read.length() > maxBytes ? Future.failedFuture(new BodyTooLarge(maxBytes))
          : Future.succeededFuture(read));
    }
    Promise<Buffer> read = Promise.promise();
    Buffer collected = Buffer.buffer();
    HttpServerRequest request = ctx.request();
    request.handler(chunk -> {
      if (collected.length() + chunk.length() > maxBytes) {
        request.pause();
        read.tryFail(new BodyTooLarge(maxBytes));
        return;
      }
      collected.appendBuffer(chunk);
    });
    request.exceptionHandler(read::tryFail);
    request.endHandler(v -> read.tryComplete(collected));
    request.resume();
    body = read.future();
    return body;
  }

  /** The body, when something has read it whole: an upstream sends this rather than the request's stream. */
  public Buffer heldBody() {
    return body != null && body.succeeded() ? body.result() : null;
  }

  /** A body longer than a reader's limit. */
  public static final class BodyTooLarge extends VertxException {
    public BodyTooLarge(long maxBytes) {
      super("the body is larger than " + maxBytes + " bytes", true);
    }
  }

  public GatewaySpec.Consumer consumer() {
    return consumer;
  }

  public void consumer(GatewaySpec.Consumer consumer) {
    this.consumer = consumer;
  }

  /**
   * The user an authentication plugin of the product let in (its identifier), when it is not one of the file's
   * consumers; null otherwise. Kong's {@code rate-limiting} counts by it ({@code user:<id>}) when there is no consumer.
   */
  public String authenticatedUser() {
    return authenticatedUser;
  }

  public void authenticatedUser(String id) {
    this.authenticatedUser = id;
  }

  /** Answers the request with a problem response, as the gateway's {@link ProblemResponder} writes them. */
  public void problem(int status, String detail) {
    problems.send(ctx, status, detail);
  }

  /** What wants to see the upstream's answer, or null. */
  public ResponseTap responseTap() {
    return responseTap;
  }

  public void responseTap(ResponseTap tap) {
    this.responseTap = tap;
  }

  /** The verified claims of the caller's token, when a plugin checked one; null otherwise. */
  public JsonObject claims() {
    return claims;
  }

  public void claims(JsonObject claims) {
    this.claims = claims;
  }
}
