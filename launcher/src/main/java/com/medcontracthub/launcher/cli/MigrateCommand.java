package com.medcontracthub.launcher.cli;

import com.medcontracthub.platform.config.ConfigException;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {"Apply pending database migrations to postgres.uri (mch up also applies them).",
        "A migration changed after it was applied is refused."})
public final class MigrateCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() {
    try {
      MchConfig config = options.load(options.profileOr("embedded"));
      Migrations.Outcome outcome = Migrations.apply(config.postgres().uri());
      System.out.println("migrations: " + outcome.applied() + " applied, schema version " + outcome.schemaVersion());
      return 0;
    } catch (ConfigException e) {
      System.err.println("mch: " + e.getMessage());
      return ExitCode.SOFTWARE;
    }
  }
}
