package com.medcontracthub.gateway.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gateway is made of: its plugin types (Kong's, from {@code plugins.KongPlugins}, and a product's own),
 * upstream kinds by URL scheme (next to {@code http(s)://}), and how refusals are answered (by default a plain RFC 9457
 * problem). A declarative file is read and served with one of these.
 */
public final class GatewayExtensions {

  private final PluginCatalog plugins;
  private final Map<String, UpstreamType> upstreams;
  private final ProblemResponder problems;

  private GatewayExtensions(PluginCatalog plugins, Map<String, UpstreamType> upstreams, ProblemResponder problems) {
    this.plugins = plugins;
    this.upstreams = upstreams;
    this.problems = problems;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The registered plugin types. */
  public PluginCatalog plugins() {
    return plugins;
  }

  /** The registered upstream kind of {@code scheme}, if any ({@code http} and {@code https} are the engine's). */
  public Optional<UpstreamType> upstream(String scheme) {
    return Optional.ofNullable(upstreams.get(scheme));
  }

  /** The registered upstream schemes, in the order they were registered. */
  public List<String> schemes() {
    return List.copyOf(upstreams.keySet());
  }

  public ProblemResponder problems() {
    return problems;
  }

  public static final class Builder {

    private final List<PluginType> plugins = new ArrayList<>();
    private final Map<String, UpstreamType> upstreams = new LinkedHashMap<>();
    private ProblemResponder problems = ProblemResponder.RFC_9457;

    private Builder() {
    }

    /** A plugin type files may name; its name must not be another registered one's. */
    public Builder plugin(PluginType type) {
      plugins.add(Objects.requireNonNull(type, "type"));
      return this;
    }

    /** An upstream kind for services whose {@code url} starts with its {@code scheme://}. */
    public Builder upstream(UpstreamType type) {
      if (upstreams.putIfAbsent(type.scheme(), type) != null) {
        throw new IllegalArgumentException("a second upstream type for " + type.scheme() + "://");
      }
      return this;
    }

    /** Replaces the plain RFC 9457 answers of refused and failed requests. */
    public Builder problems(ProblemResponder responder) {
      problems = Objects.requireNonNull(responder, "responder");
      return this;
    }

    public GatewayExtensions build() {
      return new GatewayExtensions(PluginCatalog.of(plugins), Collections.unmodifiableMap(new LinkedHashMap<>(upstreams)),
          problems);
    }
  }
}
