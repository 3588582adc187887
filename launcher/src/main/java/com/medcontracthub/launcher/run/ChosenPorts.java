package com.medcontracthub.launcher.run;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.config.PortInUseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Free ports for the gateway and the TCP bridge where the configuration says 0, chosen before their servers start:
 * gateway instances share a port only when they ask for the same one, and the console names the port each listens on.
 * Another process can take a port chosen free in the seconds before the server binds it; then the start is undone and
 * made again on ports chosen anew. A port the configuration names is never changed.
 */
final class ChosenPorts {

  private static final Logger LOG = LoggerFactory.getLogger(ChosenPorts.class);
  /** How many times ports are chosen before a port taken each time ends the start. */
  static final int CHOICES = 3;

  private final ToIntFunction<String> freePort;

  /** {@code freePort}: a port free now on the given host. */
  ChosenPorts(ToIntFunction<String> freePort) {
    this.freePort = freePort;
  }

  /**
   * Runs {@code start} with the chosen ports; when it fails because one of them was taken meanwhile, runs {@code undo}
   * and starts again, at most {@link #CHOICES} times. Answers the configuration the start succeeded with.
   */
  MchConfig start(MchConfig config, Consumer<MchConfig> start, Runnable undo) {
    Set<String> keys = toChoose(config);
    for (int attempt = 1; ; attempt++) {
      MchConfig chosen = chosen(config, keys);
      try {
        start.accept(chosen);
        return chosen;
      } catch (PortInUseException e) {
        if (attempt == CHOICES || !keys.contains(e.key())) {
          throw e;
        }
        LOG.warn("{}: taken before it was bound; choosing another", e.getMessage());
        undo.run();
      }
    }
  }

  private MchConfig chosen(MchConfig config, Set<String> keys) {
    Map<String, String> ports = new HashMap<>();
    for (String key : keys) {
      ports.put(key, String.valueOf(freePort.applyAsInt(config.gateway().host())));
    }
    return ports.isEmpty() ? config : config.with(ports, "a free port");
  }

  private static Set<String> toChoose(MchConfig config) {
    Set<String> keys = new LinkedHashSet<>();
    if (config.gateway().port() == 0) {
      keys.add(ConfigKeys.GATEWAY_PORT);
    }
    if (config.realtime().tcpPort() == 0) {
      keys.add(ConfigKeys.REALTIME_TCP_PORT);
    }
    return keys;
  }
}
