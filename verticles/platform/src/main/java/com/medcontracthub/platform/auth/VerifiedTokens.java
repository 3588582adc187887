package com.medcontracthub.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link Tokens#verify} with a memory: ES256 verification costs about a millisecond of CPU, so a verified token's
 * claims are kept until it expires and the same bytes are not verified twice (a reconnect storm of one user's tabs,
 * or every request of an API client). One instance per event loop; bounded.
 */
public final class VerifiedTokens {

  private static final int MAX_ENTRIES = 10_000;

  private final Tokens tokens;
  private final Map<String, JsonObject> verified = new HashMap<>();

  public VerifiedTokens(Tokens tokens) {
    this.tokens = tokens;
  }

  /** The token's claims ({@code exp} included), or a failed future when it is not well signed, current and ours. */
  public Future<JsonObject> claims(String token) {
    JsonObject claims = verified.get(token);
    if (claims != null && claims.getLong("exp", 0L) > System.currentTimeMillis() / 1000) {
      return Future.succeededFuture(claims);
    }
    verified.remove(token);
    return tokens.verify(token).onSuccess(checked -> {
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
      verified.put(token, checked);
    });
  }
}
