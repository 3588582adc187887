package com.medcontracthub.platform.auth;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.LoginFields;
import com.medcontracthub.codecs.request.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * After a token's signature and dates: is its user still there with the same token version? The identity service's
 * answers are kept for {@link #TTL_NANOS}, so a busy user costs one check per half minute; revocations are published
 * on {@link Addresses#IDENTITY_REVOKED} and drop the user's entries at once, so the memory only delays a revocation
 * whose publication was lost. One instance per event loop; bounded.
 */
public final class ActiveUsers {

  static final long TTL_NANOS = 30_000_000_000L;
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(JsonObject principal, long expiresAt) {
  }

  private final Vertx vertx;
  private final Map<String, Entry> cache = new HashMap<>();

  public ActiveUsers(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Listens for revocations; the returned future completes once the listener is registered cluster-wide. */
  public Future<Void> listen() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_REVOKED, message -> {
      String userId = message.body().getString(Principal.USER_ID);
      cache.keySet().removeIf(key -> key.startsWith(userId + ":"));
    }).completion();
  }

  /** The principal of verified token claims, or the identity service's refusal (401 when the user is gone). */
  public Future<JsonObject> principal(JsonObject claims, DeliveryOptions options) {
    String key = claims.getString("sub") + ":" + claims.getValue("ver");
    Entry cached = cache.get(key);
    if (cached != null && cached.expiresAt() - System.nanoTime() > 0) {
      return Future.succeededFuture(cached.principal());
    }
    JsonObject request = new JsonObject().put(Principal.USER_ID, claims.getString("sub"))
        .put(LoginFields.TOKEN_VERSION, claims.getValue("ver"));
    return vertx.eventBus().<JsonObject>request(Addresses.IDENTITY_CHECK, request, options).map(reply -> {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(key, new Entry(reply.body(), System.nanoTime() + TTL_NANOS));
      return reply.body();
    });
  }
}
