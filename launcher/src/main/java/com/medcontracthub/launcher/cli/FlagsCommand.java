package com.medcontracthub.launcher.cli;

import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.flags.Flag;
import com.medcontracthub.platform.flags.FlagSetting;
import com.medcontracthub.platform.flags.FlagStore;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code mch flags}: the switches of a running system (in Redis, read by every JVM within {@code flags.refresh-ms}):
 * lists them, sets one, or puts one back to its configured setting.
 */
@Command(name = "flags", mixinStandardHelpOptions = true,
    description = {"List the feature flags of the running system and set them: every JVM follows within "
        + "flags.refresh-ms (2 s by default). Without a subcommand: the list, for the embedded profile."},
    subcommands = {FlagsCommand.ListFlags.class, FlagsCommand.Set.class, FlagsCommand.Reset.class})
public final class FlagsCommand implements Callable<Integer> {

  private static final long COMMAND_TIMEOUT_S = 30;

  @Override
  public Integer call() {
    return new ListFlags().call();
  }

  private static int run(ConfigOptions options, BiFunction<FlagStore, MchConfig, Future<String>> operation) {
    return RedisCommands.run(options, COMMAND_TIMEOUT_S, "is Redis (redis.uri) answering?",
        (vertx, redis, config) -> operation.apply(new FlagStore(redis), config));
  }

  private static String table(Map<Flag, FlagSetting> set, MchConfig config) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s %-8s %-10s %s%n",
        "FLAG", "SETTING", "SET BY", "WHAT IT SWITCHES"));
    for (Flag flag : Flag.values()) {
      boolean byOperator = set.containsKey(flag);
      out.append(String.format(Locale.ROOT, "%-16s %-8s %-10s %s%n", flag.key(),
          byOperator ? set.get(flag) : config.flags().settings().get(flag),
          byOperator ? "mch flags" : "config", flag.description()));
    }
    return out.toString().stripTrailing();
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"Every flag: its setting, who set it (config: the configuration this command reads, as the "
          + "JVMs started with the same one read it; mch flags: an operator) and what it switches."})
  static final class ListFlags implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() {
      return run(options, (store, config) -> store.read().map(set -> table(set, config)));
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = {"Set a flag for the whole system: on, off, or (for a flag set by tenant) a share of the tenants, "
          + "such as 25%, always the same ones."})
  static final class Set implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "FLAG", description = "The flag, as `mch flags` lists it.")
    String name;

    @Parameters(index = "1", paramLabel = "SETTING", description = "on, off or a share of tenants (25%).")
    String setting;

    @Override
    public Integer call() {
      return run(options, (store, config) -> Future.succeededFuture(name).map(Flag::parse).compose(flag -> {
        FlagSetting parsed = FlagSetting.parse(flag, setting);
        return store.set(flag, parsed).map(v -> flag.key() + ": " + parsed + ", in every JVM within "
            + config.flags().refreshMs() + " ms");
      }));
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true,
      description = "Put a flag back to its configured setting (flags.<name>).")
  static final class Reset implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "FLAG", description = "The flag, as `mch flags` lists it.")
    String name;

    @Override
    public Integer call() {
      return run(options, (store, config) -> Future.succeededFuture(name).map(Flag::parse).compose(flag ->
          store.reset(flag).map(v -> flag.key() + ": " + config.flags().settings().get(flag)
              + " as configured, in every JVM within " + config.flags().refreshMs() + " ms")));
    }
  }
}
