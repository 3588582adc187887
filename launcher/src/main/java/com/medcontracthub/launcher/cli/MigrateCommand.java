package com.medcontracthub.launcher.cli;

import com.medcontracthub.platform.db.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {"Apply pending database migrations to postgres.uri (mch up also applies them).",
        "A migration changed after it was applied is refused."})
public final class MigrateCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() {
    return options.run("embedded", config -> {
      Migrations.Outcome outcome = Migrations.apply(config.postgres().uri());
      System.out.println("migrations: " + outcome.applied() + " applied, schema version " + outcome.schemaVersion());
      return 0;
    });
  }
}
