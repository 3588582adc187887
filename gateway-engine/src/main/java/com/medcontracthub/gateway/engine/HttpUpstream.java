package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A reverse proxy to an {@code http(s)://} service: pooled keep-alive connections, bodies streamed both ways
 * (never held whole), the service's connect and read timeouts, Kong's {@code X-Forwarded-*} headers. A service that
 * cannot be reached is a 502 problem, one that stops answering a 504; idempotent requests are retried on connection
 * failures.
 */
final class HttpUpstream implements Upstream {

  private static final int POOL_SIZE = 256;
  private static final long RETRY_PAUSE_MS = 20;
  private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
      HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

  /** The W3C trace context headers, which a JVM that traces (OpenTelemetry in Vert.x) writes for each request. */
  private static final List<String> W3C_TRACE = List.of("traceparent", "tracestate");

  private final Vertx vertx;
  private final GatewaySpec.Service service;
  private final HttpClient client;
  private final boolean traced;
  /** Null unless the service's host names one of the file's upstreams. */
  private final TargetBalancer balancer;
  /** Null unless that upstream has health checks, active or passive. */
  private final TargetHealth health;
  /** Null unless that upstream has active health checks. */
  private final ActiveProbes probes;
  /** Whether the requests proxied are counted by passive health checks. */
  private final boolean passive;

  HttpUpstream(Vertx vertx, GatewaySpec.Service service) {
    this.vertx = vertx;
    this.service = service;
    GatewaySpec.Balancing balancing = service.upstream().balancing();
    this.balancer = balancing == null ? null : new TargetBalancer(balancing);
    this.passive = balancing != null && TargetHealth.passive(balancing);
    boolean active = balancing != null && ActiveProbes.wanted(balancing);
    this.health = passive || active ? new TargetHealth(balancing, balancer) : null;
    this.probes = active ? new ActiveProbes(vertx, balancing, balancer, health) : null;
    if (probes != null) {
      probes.start();
    }
    this.client = vertx.createHttpClient(clientOptions(service), new PoolOptions().setHttp1MaxSize(POOL_SIZE));
    this.traced = ((VertxInternal) vertx).tracer() != null;
  }

  /** Keep-alive connections; for {@code https://}, the service's certificate checks and client certificate. */
  private static HttpClientOptions clientOptions(GatewaySpec.Service service) {
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(true);
    if (!service.upstream().scheme().equals("https")) {
      return options;
    }
    GatewaySpec.UpstreamTls tls = service.tls();
    // tls_sans: the chain is still checked in the handshake, the names here (checkNames)
    // SNI always: the JDK sends it only for a name with a dot, and an upstream's name may have none
    options.setSsl(true).setForceSni(true).setVerifyHost(tls.verify() && !tls.extraNames()).setTrustAll(!tls.verify());
    if (tls.verify() && !tls.caCertificates().isEmpty()) {
      PemTrustOptions authorities = new PemTrustOptions();
      tls.caCertificates().forEach(pem -> authorities.addCertValue(Buffer.buffer(pem)));
      options.setTrustOptions(authorities);
    }
    if (tls.clientCertificate() != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(tls.clientCertificate().certificate()))
          .setKeyValue(Buffer.buffer(tls.clientCertificate().key())));
    }
    return options;
  }

  @Override
  public void close(long drainMs) {
    if (probes != null) {
      probes.stop();
    }
    client.shutdown(drainMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public Future<Void> forward(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    Buffer held = exchange.heldBody();
    if (held != null && held.length() > exchange.bodyLimit()) {
      // read whole by an earlier plugin, before a later one lowered the limit
      exchange.problem(413, "the body is larger than " + exchange.bodyLimit() + " bytes");
      return Future.succeededFuture();
    }
    ProxyRequest proxied = ProxyRequest.reverseProxy(request);
    String query = exchange.upstreamQueryString();
    proxied.setURI(exchange.upstreamPath() + (query == null ? "" : "?" + query));
    proxied.setMethod(exchange.upstreamMethod());
    ObservedBody.Observer limit = ObservedBody.limit(exchange.bodyLimit());
    ObservedBody limited = held == null && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
        && exchange.bodyLimit() < Long.MAX_VALUE ? new ObservedBody(request, limit) : null;
    if (held != null) {
      proxied.setBody(Body.body(held));
    } else if (limited != null) {
      proxied.setBody(Body.body(limited));
    }
    exchange.hiddenHeaders().forEach(proxied.headers()::remove);
    // MultiMap.setAll would first clear every header the caller sent
    exchange.upstreamHeaders().names().forEach(name -> proxied.headers().set(name, exchange.upstreamHeaders().getAll(name)));
    if (traced) {
      // the JVM's tracer writes the trace on itself, from this request's span (which continued the caller's): the
      // caller's header, or a tracing plugin's, would reach the upstream twice
      W3C_TRACE.forEach(proxied.headers()::remove);
    }
    String forwardedFor = request.getHeader("X-Forwarded-For");
    String caller = request.remoteAddress().host();
    proxied.headers().set("X-Forwarded-For", forwardedFor == null ? caller : forwardedFor + ", " + caller)
        .set("X-Real-IP", caller)
        .set("X-Forwarded-Proto", request.scheme())
        .set("X-Forwarded-Host", request.authority() == null ? "" : request.authority().host())
        .set("X-Forwarded-Path", request.path());
    RequestOptions options = new RequestOptions()
        .setConnectTimeout(service.connectTimeoutMs()).setIdleTimeout(service.readTimeoutMs());
    boolean retryable = IDEMPOTENT.contains(exchange.upstreamMethod());
    List<TargetBalancer.Pick> picks = new ArrayList<>(1);
    GatewaySpec.Balancing balancing = service.upstream().balancing();
    String hashKey = balancing != null && balancing.hashes() ? HashKey.of(exchange, balancing.hashOn()) : null;
    return connect(options, proxied, exchange.route().preserveHost(), hashKey, picks, retryable ? service.retries() : 0, 1)
        .compose(proxied::send)
        .compose(response -> {
          int status = response.getStatusCode();
          if (passive) {
            health.answered(picks.get(picks.size() - 1).target(), status, TargetHealth.Check.PASSIVE);
          }
          ResponseTap tap = exchange.responseTap();
          if (tap != null && tap.wants(status, response.headers())) {
            Body body = response.getBody();
            response.setBody(Body.body(new ObservedBody(body.stream(), tap.observer(status, response.headers())),
                body.length()));
          }
          return response.send().map(status);
        })
        .<Void>transform(sent -> {
          if (sent.succeeded()) {
            return sent.result() < 500 ? Future.succeededFuture()
                : Future.failedFuture("the upstream answered " + sent.result());
          }
          proxied.release();
          if (exchange.ctx().response().closed() || exchange.ctx().response().headWritten()) {
            // the upstream answered and the client went away while the answer streamed to it: nothing the upstream
            // did, so nothing its circuit breaker should count
            if (!exchange.ctx().response().ended()) {
              exchange.ctx().response().reset();
            }
            return Future.succeededFuture();
          }
          if (limited != null && limited.stopped()) {
            exchange.ctx().response().putHeader(HttpHeaders.CONNECTION, "close");
            exchange.problem(413, limit.stopped());
            return Future.succeededFuture();
          }
          Throwable e = sent.cause();
          if (e instanceof NoTarget) {
            // the file's doing, not the upstream's: nothing for the circuit breaker to count
            exchange.problem(503, e.getMessage());
            return Future.succeededFuture();
          }
          boolean timedOut = timedOut(e);
          if (passive && timedOut && !(e instanceof Unreachable)) {
            health.failed(picks.get(picks.size() - 1).target(), TargetHealth.Failure.TIMEOUT, TargetHealth.Check.PASSIVE);
          }
          exchange.problem(timedOut ? 504 : 502, timedOut
              ? "the upstream service did not answer in time"
              : "the upstream service cannot be reached");
          return Future.failedFuture(e);
        })
        .onComplete(done -> picks.forEach(TargetBalancer.Pick::release));
  }

  /**
   * A connection for the request, to the service's host or to the target its upstream picks; a request that has sent
   * nothing yet and may be repeated (an idempotent method) is tried again on a connection failure, up to the service's
   * {@code retries}, after a short jittered pause — on the next target, when the upstream has several.
   */
  private Future<HttpClientRequest> connect(RequestOptions options, ProxyRequest proxied, boolean preserveHost,
      String hashKey, List<TargetBalancer.Pick> picks, int retriesLeft, int attempt) {
    GatewaySpec.Upstream upstream = service.upstream();
    HostAndPort target = HostAndPort.create(upstream.host(), upstream.port());
    if (balancer != null) {
      TargetBalancer.Pick pick = balancer.pick(hashKey, picks);
      if (pick == null) {
        return Future.failedFuture(new NoTarget("no healthy target of upstream " + upstream.balancing().name()
            + " takes requests"));
      }
      picks.add(pick);
      target = pick.address();
    }
    if (balancer != null && upstream.scheme().equals("https")) {
      // the certificate is the upstream's, not a target address's: checked (and asked for by SNI) under its name
      String hostHeader = upstream.balancing().hostHeader();
      options.setServer(SocketAddress.inetSocketAddress(target.port(), target.host()))
          .setHost(hostHeader != null ? hostHeader : upstream.host()).setPort(target.port());
    } else {
      options.setHost(target.host()).setPort(target.port());
    }
    if (!preserveHost) {
      String hostHeader = upstream.balancing() == null ? null : upstream.balancing().hostHeader();
      proxied.setAuthority(hostHeader == null ? hostOf(target) : HostAndPort.create(hostHeader, -1));
    }
    return client.request(options).compose(request -> checkNames(request, options.getHost())).recover(e -> {
      picks.forEach(TargetBalancer.Pick::release);
      if (passive) {
        health.failed(picks.get(picks.size() - 1).target(), timedOut(e) ? TargetHealth.Failure.TIMEOUT
            : TargetHealth.Failure.TCP, TargetHealth.Check.PASSIVE);
      }
      if (retriesLeft == 0) {
        return Future.failedFuture(new Unreachable(e));
      }
      long pause = RETRY_PAUSE_MS * attempt + ThreadLocalRandom.current().nextLong(RETRY_PAUSE_MS);
      return vertx.timer(pause).compose(t -> connect(options, proxied, preserveHost, hashKey, picks, retriesLeft - 1,
          attempt + 1));
    });
  }

  /**
   * With {@code tls_sans}, the upstream's certificate must name the host or one of them: the handshake checked its
   * chain only. A connection whose certificate does not is closed (a reset request would hand it back to the pool), and
   * the request fails as one that could not connect.
   */
  private Future<HttpClientRequest> checkNames(HttpClientRequest request, String host) {
    GatewaySpec.UpstreamTls tls = service.tls();
    if (!service.upstream().scheme().equals("https") || !tls.verify() || !tls.extraNames()) {
      return Future.succeededFuture(request);
    }
    try {
      if (UpstreamNames.accepted((X509Certificate) request.connection().peerCertificates().get(0), host,
          tls.sanDnsNames(), tls.sanUris())) {
        return Future.succeededFuture(request);
      }
    } catch (SSLPeerUnverifiedException e) {
      // no certificate: refused below
    }
    request.connection().close();
    return Future.failedFuture(new SSLPeerUnverifiedException("the upstream's certificate names neither " + host
        + " nor a name of tls_sans"));
  }

  /** Whether a failed call ran out of time (a connect or read timeout), rather than being refused or cut off. */
  static boolean timedOut(Throwable e) {
    return e instanceof TimeoutException || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")
        || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out");
  }

  /** The Host a target is sent: an IPv6 address in brackets, as HTTP writes it ({@code [::1]:8080}). */
  private static HostAndPort hostOf(HostAndPort target) {
    // on the proxy path: a name or IPv4 target is used as it is, not copied for every request
    return target.host().indexOf(':') < 0 ? target : HostAndPort.create(inHostHeader(target.host()), target.port());
  }

  /** A host name or address as the Host header writes it: an IPv6 address in brackets. */
  static String inHostHeader(String host) {
    return host.indexOf(':') < 0 ? host : "[" + host + "]";
  }

  /** No connection could be made (what each attempt met was counted then). */
  private static final class Unreachable extends VertxException {
    Unreachable(Throwable cause) {
      super(cause.getMessage(), cause, true);
    }
  }

  /** An upstream none of whose targets takes requests: Kong answers 503. */
  private static final class NoTarget extends VertxException {
    NoTarget(String message) {
      super(message, true);
    }
  }

}
