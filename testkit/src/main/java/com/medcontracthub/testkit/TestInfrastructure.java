package com.medcontracthub.testkit;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.embedded.EmbeddedInfrastructure;
import com.medcontracthub.embedded.EmbeddedOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded Kafka, PostgreSQL and Redis, started once per test JVM on free ports and stopped when it exits, so
 * test classes share one start-up cost. Its data directory starts empty in every JVM.
 */
public final class TestInfrastructure {

  private static EmbeddedInfrastructure infra;
  private static Path dir;

  private TestInfrastructure() {
  }

  public static synchronized EmbeddedInfrastructure get() {
    if (infra == null) {
      dir = Path.of(System.getProperty("java.io.tmpdir"), "mch-test-infra");
      infra = EmbeddedInfrastructure.start(new EmbeddedOptions(dir, true, "127.0.0.1", 0, 0, 0, 0, false),
          (component, address, took) -> System.out.printf("test infrastructure: %s at %s in %d ms%n",
              component, address, took.toMillis()));
      Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "mch-test-infra-stop"));
    }
    return infra;
  }

  /**
   * The {@code MCH_*} environment a service JVM needs to run against this infrastructure, with the gateway and the TCP
   * bridge on free ports and its data (signing keys among it) in the test infrastructure's directory, never the user's: pass it to
   * the configuration loader as the environment, or to a child process.
   */
  public static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    get().settings().forEach((key, value) -> env.put(ConfigKeys.envName(key), value));
    env.put(ConfigKeys.envName(ConfigKeys.GATEWAY_PORT), "0");
    env.put(ConfigKeys.envName(ConfigKeys.REALTIME_TCP_PORT), "0");
    env.put(ConfigKeys.envName(ConfigKeys.DATA_DIR), dir.toString());
    return env;
  }
}
