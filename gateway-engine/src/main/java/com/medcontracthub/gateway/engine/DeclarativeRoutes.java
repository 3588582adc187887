package com.medcontracthub.gateway.engine;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of a declarative file, as one handler: it finds the route a request matches (Kong's order: routes
 * matching on more of hosts, headers and methods first, then regular-expression paths by {@code regex_priority},
 * then the longest prefix), runs the route's plugins in priority order (a route's own plugin over its service's over
 * a global one; a consumer's over all of them once an authentication plugin named the consumer) and hands the
 * request to the service through its circuit breaker: after 5 failures in a row the service gets no requests for
 * 10 s, which are answered 503 at once. A request no route matches goes on to the gateway's other routes.
 */
public final class DeclarativeRoutes implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(DeclarativeRoutes.class);
  /** Consecutive failures (unreachable, no answer in time, 5xx) that open a service's circuit. */
  private static final int BREAKER_FAILURES = 5;
  /** How long an open circuit answers 503 at once before one request may try the service again. */
  private static final long BREAKER_RESET_MS = 10_000;
  /** A route without a service, once its plugins let the request through: Kong's answer. */
  private static final Upstream NO_UPSTREAM = exchange -> {
    exchange.problem(503, "no Service found with those values");
    return Future.succeededFuture();
  };

  private final List<Candidate> candidates;
  private final Map<String, Map<String, Plugin>> consumerPlugins;
  private final long maxBodyBytes;
  private final PluginCatalog catalog;
  private final ProblemResponder problems;

  private record Named(String name, Plugin plugin) {
  }

  /**
   * One path (or none) of one route, with what the route runs; {@code regexStart}: what a path must start with for
   * {@code regex} to match it (others pass it by without running it); {@code wholeBody}: the upstream takes the body
   * whole.
   */
  private record Candidate(GatewaySpec.Service service, GatewaySpec.Route route, String prefix, Pattern regex,
      String regexStart, List<String> groups, List<Named> chain, Upstream upstream, boolean wholeBody,
      CircuitBreaker breaker) {

    int attributes() {
      return (route.hosts().isEmpty() ? 0 : 4) + (route.headers().isEmpty() ? 0 : 2) + (route.methods().isEmpty() ? 0 : 1);
    }
  }

  private DeclarativeRoutes(List<Candidate> candidates, Map<String, Map<String, Plugin>> consumerPlugins,
      long maxBodyBytes, GatewayExtensions extensions) {
    this.candidates = candidates;
    this.consumerPlugins = consumerPlugins;
    this.maxBodyBytes = maxBodyBytes;
    this.catalog = extensions.plugins();
    this.problems = extensions.problems();
  }

  /**
   * The routes of {@code spec} (read with the same {@code extensions}).
   *
   * @param maxBodyBytes the largest body an upstream that takes bodies whole ({@link UpstreamType#holdsWholeBody()})
   *     is sent
   */
  public static DeclarativeRoutes build(Vertx vertx, GatewaySpec spec, PluginContext context, long maxBodyBytes,
      GatewayExtensions extensions) {
    PluginCatalog catalog = extensions.plugins();
    Map<String, Plugin> global = instances(spec.globalPlugins(), context, catalog);
    Map<String, Map<String, Plugin>> consumers = new HashMap<>();
    spec.consumers().forEach(c -> consumers.put(c.username(), instances(c.plugins(), context, catalog)));
    List<Candidate> candidates = new ArrayList<>();
    for (GatewaySpec.Service service : spec.services()) {
      String scheme = service.upstream().scheme();
      UpstreamType registered = scheme.equals("http") || scheme.equals("https") ? null
          : extensions.upstream(scheme).orElseThrow(() -> new IllegalArgumentException("service " + service.name()
              + ": no upstream type for " + scheme + "://"));
      Upstream upstream = registered == null ? new HttpUpstream(vertx, service)
          : registered.factory().create(vertx, service);
      Destination target = new Destination(service, upstream, registered != null && registered.holdsWholeBody(),
          breaker(vertx, service.name()), instances(service.plugins(), context, catalog));
      service.routes().forEach(route -> candidates.addAll(target.candidates(route, global, context, catalog)));
    }
    if (!spec.servicelessRoutes().isEmpty()) {
      Destination none = new Destination(GatewaySpec.NO_SERVICE, NO_UPSTREAM, false, breaker(vertx, ""), Map.of());
      spec.servicelessRoutes().forEach(route -> candidates.addAll(none.candidates(route, global, context, catalog)));
    }
    // expression routes first, by their priority, as Kong's expressions router tries them
    candidates.sort(Comparator.comparing((Candidate c) -> c.route().expression() == null)
        .thenComparing(Comparator.comparingLong((Candidate c) -> c.route().priority()).reversed())
        .thenComparing(Comparator.comparingInt(Candidate::attributes).reversed())
        .thenComparing(c -> c.regex() == null)
        .thenComparing(Comparator.comparingInt((Candidate c) -> c.route().regexPriority()).reversed())
        .thenComparing(Comparator.comparingInt((Candidate c) -> c.prefix() == null ? 0 : c.prefix().length()).reversed()));
    return new DeclarativeRoutes(List.copyOf(candidates), consumers, maxBodyBytes, extensions);
  }

  /** Lets requests under way finish (up to {@code drainMs}), then releases the upstream connections. */
  void close(long drainMs) {
    candidates.stream().map(Candidate::upstream).distinct().forEach(upstream -> upstream.close(drainMs));
    candidates.stream().map(Candidate::breaker).distinct().forEach(CircuitBreaker::close);
    Stream.concat(candidates.stream().flatMap(c -> c.chain().stream().map(Named::plugin)),
            consumerPlugins.values().stream().flatMap(plugins -> plugins.values().stream()))
        .distinct().forEach(Plugin::close);
  }

  private static CircuitBreaker breaker(Vertx vertx, String service) {
    return CircuitBreaker.create("mch-gateway-" + service, vertx, new CircuitBreakerOptions()
        .setMaxFailures(BREAKER_FAILURES).setResetTimeout(BREAKER_RESET_MS).setTimeout(-1).setNotificationAddress(null));
  }

  /** Where a service's routes send their requests, with what every one of them runs. */
  private record Destination(GatewaySpec.Service service, Upstream upstream, boolean wholeBody, CircuitBreaker breaker,
      Map<String, Plugin> plugins) {

    /** The candidates of one route: one per path, each running the global, service and route plugins by priority. */
    List<Candidate> candidates(GatewaySpec.Route route, Map<String, Plugin> global, PluginContext context,
        PluginCatalog catalog) {
      Map<String, Plugin> effective = new HashMap<>(global);
      effective.putAll(plugins);
      effective.putAll(instances(route.plugins(), context, catalog));
      List<Named> chain = effective.entrySet().stream()
          .sorted(Comparator.comparingInt((Map.Entry<String, Plugin> e) -> catalog.priority(e.getKey())).reversed())
          .map(e -> new Named(e.getKey(), e.getValue())).toList();
      List<Candidate> candidates = new ArrayList<>();
      if (route.expression() != null) {
        return List.of(new Candidate(service, route, null, null, null, List.of(), chain, upstream, wholeBody, breaker));
      }
      route.paths().forEach(p -> candidates.add(
          new Candidate(service, route, p, null, null, List.of(), chain, upstream, wholeBody, breaker)));
      route.regexPaths().forEach(p -> candidates.add(
          new Candidate(service, route, null, p, RoutePatterns.literalPrefix(p), RoutePatterns.names(p), chain,
              upstream, wholeBody, breaker)));
      if (route.paths().isEmpty() && route.regexPaths().isEmpty()) {
        candidates.add(new Candidate(service, route, "/", null, null, List.of(), chain, upstream, wholeBody, breaker));
      }
      return candidates;
    }
  }

  private static Map<String, Plugin> instances(List<GatewaySpec.Plugin> declared, PluginContext context,
      PluginCatalog catalog) {
    Map<String, Plugin> plugins = new LinkedHashMap<>();
    declared.forEach(p -> plugins.put(p.name(), catalog.create(p, context)));
    return plugins;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    for (Candidate candidate : candidates) {
      Exchange exchange = match(candidate, ctx, request);
      if (exchange != null) {
        request.pause();
        if (!candidate.chain().isEmpty()) {
          long started = System.nanoTime();
          ctx.addBodyEndHandler(v -> candidate.chain()
              .forEach(step -> plugin(step, exchange).log(exchange, System.nanoTime() - started)));
        }
        run(candidate.chain(), 0, exchange)
            .onSuccess(go -> {
              if (go) {
                candidate.breaker().execute(() -> candidate.upstream().forward(exchange))
                    .onFailure(e -> {
                      if (!ctx.response().headWritten()) {
                        problems.send(ctx, 503, "the upstream service is failing; try again in a few seconds");
                      } else {
                        LOG.debug("service {}: {}", candidate.service().name(), e.toString());
                      }
                    });
              }
            })
            .onFailure(e -> {
              LOG.warn("{} {}: {}", request.method(), request.path(), e.toString());
              if (!ctx.response().headWritten()) {
                problems.send(ctx, 500, "the request could not be handled");
              }
            });
        return;
      }
    }
    ctx.next();
  }

  private Future<Boolean> run(List<Named> chain, int index, Exchange exchange) {
    if (index == chain.size()) {
      return Future.succeededFuture(true);
    }
    boolean anonymous = exchange.consumer() == null;
    return plugin(chain.get(index), exchange).access(exchange).compose(go -> {
      if (!go) {
        return Future.succeededFuture(false);
      }
      List<Named> rest = anonymous && exchange.consumer() != null ? withConsumerPlugins(chain, index, exchange) : chain;
      return run(rest, index + 1, exchange);
    });
  }

  /**
   * Once a plugin named the consumer, the consumer's own plugins that the route does not have join the steps still
   * to run, in priority order (as in Kong, where consumer plugins apply on every route).
   */
  private List<Named> withConsumerPlugins(List<Named> chain, int done, Exchange exchange) {
    Map<String, Plugin> own = consumerPlugins.getOrDefault(exchange.consumer().username(), Map.of());
    List<Named> rest = new ArrayList<>(chain.subList(done + 1, chain.size()));
    own.forEach((name, plugin) -> {
      if (chain.stream().noneMatch(step -> step.name().equals(name))) {
        rest.add(new Named(name, plugin));
      }
    });
    rest.sort(Comparator.comparingInt((Named step) -> catalog.priority(step.name())).reversed());
    List<Named> merged = new ArrayList<>(chain.subList(0, done + 1));
    merged.addAll(rest);
    return merged;
  }

  /** The step's plugin, or the consumer's own instance of it once a consumer is known. */
  private Plugin plugin(Named step, Exchange exchange) {
    if (exchange.consumer() == null) {
      return step.plugin();
    }
    return consumerPlugins.getOrDefault(exchange.consumer().username(), Map.of()).getOrDefault(step.name(), step.plugin());
  }

  /** The exchange when the request matches this candidate, else null. */
  private Exchange match(Candidate candidate, RoutingContext ctx, HttpServerRequest request) {
    GatewaySpec.Route route = candidate.route();
    if (!route.methods().isEmpty() && !route.methods().contains(request.method().name())) {
      return null;
    }
    if (!route.hosts().isEmpty() && !hostMatches(route.hosts(), request)) {
      return null;
    }
    for (Map.Entry<String, List<String>> header : route.headers().entrySet()) {
      String value = request.getHeader(header.getKey());
      if (value == null || header.getValue().stream().noneMatch(v -> v.equalsIgnoreCase(value))) {
        return null;
      }
    }
    String path = request.path();
    String matched;
    Map<String, String> params;
    if (route.expression() != null) {
      RouteExpression.Found found = route.expression().match(request);
      if (found == null) {
        return null;
      }
      params = found.groups;
      matched = found.matchedPath == null ? "" : found.matchedPath;
    } else if (candidate.regex() != null) {
      if (!path.startsWith(candidate.regexStart())) {
        return null;
      }
      Matcher m = candidate.regex().matcher(path);
      if (!m.lookingAt()) {
        return null;
      }
      matched = m.group();
      Map<String, String> groups = new HashMap<>();
      candidate.groups().forEach(name -> groups.put(name, m.group(name)));
      params = groups;
    } else if (path.startsWith(candidate.prefix())) {
      matched = candidate.prefix();
      params = new HashMap<>();
    } else {
      return null;
    }
    String rest = route.stripPath() ? path.substring(matched.length()) : path;
    // an upstream that takes the body whole (a message) is sent a bounded one; a proxied body streams and is bounded
    // by plugins
    long bodyLimit = candidate.wholeBody() ? maxBodyBytes : Long.MAX_VALUE;
    GatewaySpec.Upstream upstream = candidate.service().upstream();
    return new Exchange(ctx, candidate.service(), route, join(upstream == null ? null : upstream.path(), rest), params,
        bodyLimit, problems);
  }

  /** Kong's {@code path_handling: v0}: the service path and the rest of the request path, one slash between. */
  private static String join(String servicePath, String rest) {
    String base = servicePath == null ? "/" : servicePath;
    if (rest.isEmpty()) {
      return base;
    }
    if (base.endsWith("/") && rest.startsWith("/")) {
      return base + rest.substring(1);
    }
    return base.endsWith("/") || rest.startsWith("/") ? base + rest : base + "/" + rest;
  }

  private static boolean hostMatches(List<String> hosts, HttpServerRequest request) {
    String host = request.authority() == null ? "" : request.authority().host().toLowerCase(Locale.ROOT);
    for (String pattern : hosts) {
      String p = pattern.toLowerCase(Locale.ROOT);
      if (p.equals(host) || (p.startsWith("*.") && host.endsWith(p.substring(1)))
          || (p.endsWith(".*") && host.startsWith(p.substring(0, p.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
