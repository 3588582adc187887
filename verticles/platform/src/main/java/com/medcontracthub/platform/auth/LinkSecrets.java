package com.medcontracthub.platform.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of links that act without a login (an e-mail's unsubscribe link, a report's download link): 24 random
 * bytes, base64url, stored with what the link acts on and known only to whoever received the link.
 */
public final class LinkSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private LinkSecrets() {
  }

  public static String next() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
