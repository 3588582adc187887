package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kong's trace propagation for its tracing plugins: the formats a caller's trace is read from, first found wins
 * ({@code propagation.extract}); the request headers the upstream must not see ({@code clear}); the formats this
 * gateway's span is written in for the upstream ({@code inject}, where {@code preserve} is the format read, or
 * {@code default_format} for a trace started here). A plugin that sets neither {@code extract} nor {@code inject}
 * keeps Kong's older {@code header_type}: every format read; the span written in the format read (or the default)
 * and in the one {@code header_type} names; {@code ignore} reads none.
 */
final class TracePropagation {

  private static final String PRESERVE = "preserve";
  private static final List<String> EXTRACTABLE = TraceFormat.names().stream()
      .filter(name -> !name.equals(TraceFormat.B3_SINGLE.kongName())).toList();

  private final List<TraceFormat> extract;
  private final List<String> clear;
  /** Formats to write in; null stands for {@code preserve}. */
  private final List<TraceFormat> inject;
  private final TraceFormat defaultFormat;

  private TracePropagation(List<TraceFormat> extract, List<String> clear, List<TraceFormat> inject,
      TraceFormat defaultFormat) {
    this.extract = extract;
    this.clear = clear;
    this.inject = inject;
    this.defaultFormat = defaultFormat;
  }

  /** The {@code propagation} record, with the plugin's {@code default_format}. */
  static ConfigSchema schema(String defaultFormat) {
    return ConfigSchema.builder()
        .strings("extract", null)
        .strings("inject", null)
        .strings("clear", List.of())
        .oneOf("default_format", defaultFormat, TraceFormat.names().toArray(String[]::new))
        .build();
  }

  /** The values {@code header_type} may take. */
  static String[] headerTypes() {
    List<String> types = new ArrayList<>(List.of(PRESERVE, "ignore"));
    types.addAll(TraceFormat.names());
    return types.toArray(String[]::new);
  }

  /** Refuses formats this gateway does not read or write, naming the path. */
  static void check(GatewaySpec.Plugin declared) {
    JsonObject propagation = declared.config().getJsonObject("propagation");
    checkNames(declared.path() + ".config.propagation.extract", propagation.getJsonArray("extract"), EXTRACTABLE);
    List<String> injectable = new ArrayList<>(List.of(PRESERVE));
    injectable.addAll(TraceFormat.names());
    checkNames(declared.path() + ".config.propagation.inject", propagation.getJsonArray("inject"), injectable);
  }

  private static void checkNames(String path, JsonArray names, List<String> known) {
    for (int i = 0; names != null && i < names.size(); i++) {
      if (!known.contains(names.getString(i))) {
        throw new DeclarativeException(path + "[" + i + "]", "expected one of " + String.join(", ", known)
            + " but got \"" + names.getString(i) + "\"");
      }
    }
  }

  /**
   * The plugin's propagation: its {@code propagation} record when that sets {@code extract} or {@code inject}, else
   * {@code header_type} with {@code legacyDefault} for traces started here.
   */
  static TracePropagation of(JsonObject config, String legacyDefault) {
    JsonObject propagation = config.getJsonObject("propagation");
    JsonArray extract = propagation.getJsonArray("extract");
    JsonArray inject = propagation.getJsonArray("inject");
    List<String> clear = propagation.getJsonArray("clear").stream().map(String::valueOf).toList();
    if (extract != null || inject != null) {
      return new TracePropagation(formats(extract), clear, formats(inject),
          TraceFormat.named(propagation.getString("default_format")).orElseThrow());
    }
    String headerType = config.getString("header_type");
    List<TraceFormat> legacyInject = new ArrayList<>();
    legacyInject.add(null);
    TraceFormat.named(headerType).ifPresent(legacyInject::add);
    return new TracePropagation(headerType.equals("ignore") ? List.of() : formats(new JsonArray(EXTRACTABLE)), clear,
        legacyInject, TraceFormat.named(legacyDefault).orElseThrow());
  }

  /**
   * Continues the request's trace (or starts one) with a span of this gateway, hands it to the upstream, and keeps it
   * on the exchange under {@code key} for the log phase.
   */
  TraceContext begin(Exchange exchange, String key, double sampleRatio, int traceIdBytes) {
    MultiMap incoming = exchange.ctx().request().headers();
    TraceContext trace = null;
    for (TraceFormat format : extract) {
      Optional<TraceFormat.Incoming> caller = format.read(incoming);
      if (caller.isPresent()) {
        trace = TraceContext.continued(caller.get(), sampleRatio);
        break;
      }
    }
    if (trace == null) {
      trace = TraceContext.started(traceIdBytes, sampleRatio);
    }
    exchange.hiddenHeaders().addAll(clear);
    Set<TraceFormat> written = new LinkedHashSet<>();
    for (TraceFormat format : inject) {
      written.add(format != null ? format : trace.format() != null ? trace.format() : defaultFormat);
    }
    for (TraceFormat format : written) {
      format.write(trace, exchange.upstreamHeaders());
    }
    exchange.ctx().put(key, trace);
    return trace;
  }

  private static List<TraceFormat> formats(JsonArray names) {
    List<TraceFormat> formats = new ArrayList<>();
    if (names != null) {
      names.forEach(name -> formats.add(TraceFormat.named(String.valueOf(name)).orElse(null)));
    }
    return formats;
  }
}
