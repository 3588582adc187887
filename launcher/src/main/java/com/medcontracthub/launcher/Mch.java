package com.medcontracthub.launcher;

import com.medcontracthub.launcher.cli.AccountCommands;
import com.medcontracthub.launcher.cli.BackfillCommand;
import com.medcontracthub.launcher.cli.CostCommand;
import com.medcontracthub.launcher.cli.FlagsCommand;
import com.medcontracthub.launcher.cli.GatewayCommand;
import com.medcontracthub.launcher.cli.ImportCommand;
import com.medcontracthub.launcher.cli.InfraCommand;
import com.medcontracthub.launcher.cli.JobsCommand;
import com.medcontracthub.launcher.cli.KeysCommand;
import com.medcontracthub.launcher.cli.MigrateCommand;
import com.medcontracthub.launcher.cli.ReconcileCommand;
import com.medcontracthub.launcher.cli.RollbackCommand;
import com.medcontracthub.launcher.cli.SeedCommand;
import com.medcontracthub.launcher.cli.UpCommand;
import com.medcontracthub.launcher.cli.VersionCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code mch} command: one runnable for every service, the embedded infrastructure and operator tasks. A command
 * that fails (bad configuration, unavailable infrastructure, bad input) exits with {@code ExitCode.SOFTWARE} (1).
 */
@Command(name = "mch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "MedContractHub: find, qualify and win US federal contracts for medical supplies.",
    subcommands = {UpCommand.class, InfraCommand.class, MigrateCommand.class, ImportCommand.class,
        SeedCommand.class, AccountCommands.TenantCommand.class, AccountCommands.UserCommand.class, GatewayCommand.class,
        KeysCommand.class,
        JobsCommand.class, FlagsCommand.class, BackfillCommand.class, ReconcileCommand.class, CostCommand.class, RollbackCommand.class,
        VersionCommand.class, CommandLine.HelpCommand.class})
public final class Mch {

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Mch());
    int status = cli.execute(args);
    // long-running commands return 0 and leave their non-daemon threads serving until SIGTERM
    if (status != 0) {
      System.exit(status);
    }
  }
}
