package com.medcontracthub.launcher.cli;

import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.accounts.Passwords;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.launcher.run.Database;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mch tenant create} and {@code mch user add}: operators' account management. */
public final class AccountCommands {

  private AccountCommands() {
  }

  /** Runs one account operation against the configured database and says what became of it. */
  static int run(ConfigOptions options, Function<Accounts, Future<String>> operation) {
    return options.run("embedded", config -> {
      try (Database db = Database.open(config)) {
        Accounts accounts = new Accounts(db.vertx(), new IdentityStore(db.pool()));
        System.out.println(operation.apply(accounts).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        return 0;
      }
    });
  }

  static String passwordNote(String given, String used) {
    return given == null ? "; its password is " + used + " (shown once)" : "";
  }

  @Command(name = "tenant", mixinStandardHelpOptions = true, description = "Manage tenants.",
      subcommands = TenantCommand.Create.class)
  public static final class TenantCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tenant and its first admin.")
    static final class Create implements Callable<Integer> {
      @Mixin
      ConfigOptions options;

      @Parameters(paramLabel = "NAME", description = "The tenant's name (unique).")
      String name;

      @Option(names = "--admin", required = true, paramLabel = "EMAIL", description = "The first admin's address.")
      String admin;

      @Option(names = "--password", description = "The admin's password (default: a generated one, printed once).")
      String password;

      @Override
      public Integer call() {
        String used = password == null ? Passwords.generate() : password;
        return run(options, accounts -> accounts.createTenant(name, admin, used, UUID.randomUUID().toString())
            .map(id -> "tenant " + name + " created (" + id + ") with admin " + admin + passwordNote(password, used)));
      }
    }
  }

  @Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users.",
      subcommands = UserCommand.Add.class)
  public static final class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user to a tenant.")
    static final class Add implements Callable<Integer> {
      @Mixin
      ConfigOptions options;

      @Parameters(paramLabel = "EMAIL", description = "The user's address.")
      String email;

      @Option(names = "--tenant", required = true, paramLabel = "NAME", description = "The tenant's name.")
      String tenant;

      @Option(names = "--role", defaultValue = "member", description = "admin or member (default: ${DEFAULT-VALUE}).")
      String role;

      @Option(names = "--password", description = "The password (default: a generated one, printed once).")
      String password;

      @Override
      public Integer call() {
        String used = password == null ? Passwords.generate() : password;
        return run(options, accounts -> accounts.tenantId(tenant)
            .compose(id -> accounts.addUser(id, email, role, used, UUID.randomUUID().toString()))
            .map(id -> "user " + email + " (" + role + ") added to " + tenant + passwordNote(password, used)));
      }
    }
  }
}
