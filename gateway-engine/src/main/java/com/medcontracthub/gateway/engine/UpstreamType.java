package com.medcontracthub.gateway.engine;

import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A kind of upstream a product adds to Kong's {@code http(s)://}: a service whose {@code url} is
 * {@code <scheme>://<address>} ({@code address} of letters, digits, {@code .}, {@code _} and {@code -}) is served by
 * the {@link Upstream} the factory makes for it, with the address in {@link GatewaySpec.Upstream#address()}.
 *
 * @param holdsWholeBody whether the upstream takes the request body whole (a message, not a stream): its requests are
 *     then bounded by the gateway's body limit, while a streamed body is bounded by plugins only
 */
public record UpstreamType(String scheme, Factory factory, boolean holdsWholeBody) {

  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
  private static final Set<String> KONG = Set.of("http", "https");

  /** Makes the upstream of one service; called when a file is put in service (again on every reload). */
  @FunctionalInterface
  public interface Factory {
    Upstream create(Vertx vertx, GatewaySpec.Service service);
  }

  public UpstreamType {
    Objects.requireNonNull(factory, "factory");
    if (scheme == null || !SCHEME.matcher(scheme).matches()) {
      throw new IllegalArgumentException("not a URL scheme: " + scheme);
    }
    if (KONG.contains(scheme)) {
      throw new IllegalArgumentException(scheme + ":// is Kong's own upstream");
    }
  }
}
