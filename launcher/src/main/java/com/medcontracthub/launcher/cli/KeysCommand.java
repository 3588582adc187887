package com.medcontracthub.launcher.cli;

import com.medcontracthub.platform.auth.JwtKeys;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Work with the keys tokens are signed with.",
    subcommands = KeysCommand.Rotate.class)
public final class KeysCommand {

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {"Sign tokens with a new key pair in auth.key-dir from now on (in an empty directory: the first pair).",
          "The old public key is retired and honoured until the tokens it signed expire (auth.token-ttl-seconds), "
              + "so no one is logged out; running JVMs take the new key up within auth.key-check-ms.",
          "On Kubernetes the keys are a Secret: rotate a copy of it and put it back (docs/runbooks/rotate-keys.md)."})
  static final class Rotate implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
      return options.run("embedded", config -> {
        Instant until = Instant.now().plusSeconds(config.auth().tokenTtlSeconds());
        String kid;
        try {
          kid = JwtKeys.rotate(config.auth().keyDir(), until);
        } catch (GeneralSecurityException e) {
          return ConfigOptions.failed("cannot make a key pair: " + e.getMessage());
        }
        System.out.println("signing with key " + kid + " in " + config.auth().keyDir() + "; the old key is honoured "
            + "until " + until + " (auth.token-ttl-seconds)");
        return 0;
      });
    }
  }
}
