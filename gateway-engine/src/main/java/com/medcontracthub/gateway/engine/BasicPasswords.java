package com.medcontracthub.gateway.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Basic-auth passwords as Kong stores them: SHA-1 in hex of the password followed by a salt (the consumer's id). Kept
 * for compatibility with Kong's files, not chosen: a credential checked here is compared in constant time.
 */
public final class BasicPasswords {

  private BasicPasswords() {
  }

  public static String sha1(String password, String salt) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest((password + salt).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-1", e);
    }
  }

  public static boolean matches(GatewaySpec.BasicCredential credential, String password) {
    return MessageDigest.isEqual(sha1(password, credential.salt()).getBytes(StandardCharsets.US_ASCII),
        credential.passwordSha1().getBytes(StandardCharsets.US_ASCII));
  }
}
