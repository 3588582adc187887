package com.medcontracthub.identity.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** bcrypt password hashes (cost 10), and generated one-time passwords. Blocking: run off the event loop. */
public final class Passwords {

  private static final int COST = 10;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Checked when no account matches, so a wrong address takes as long as a wrong password. */
  private static final String NO_ACCOUNT = hash("no account has this password");

  private Passwords() {
  }

  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  /** @param hash null when there is no account: the comparison is still made, and fails */
  public static boolean matches(String password, String hash) {
    boolean verified = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
        (hash == null ? NO_ACCOUNT : hash).getBytes(StandardCharsets.UTF_8)).verified;
    return verified && hash != null;
  }

  /** 96 random bits, URL-safe: for invitations and new tenants' first admins. */
  public static String generate() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
