package com.medcontracthub.gateway.auth;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.gateway.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * After the token's signature and dates: is its user still there with the same token version? A removed user's
 * tokens, or tokens issued before a revocation, stop working on the next request.
 *
 * <p>Answers are kept for {@link #TTL_NANOS} so a busy user costs one check per half minute, not one per request;
 * revocations are published on {@link Addresses#IDENTITY_REVOKED} and drop the user's entries at once in every
 * gateway, so the cache only delays a revocation whose publication was lost. One instance per gateway verticle: it
 * is used on that verticle's event loop only.
 */
public final class ActiveUserCheck implements Handler<RoutingContext> {

  static final long TTL_NANOS = 30_000_000_000L;
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(JsonObject principal, long expiresAt) {
  }

  private final long timeoutMs;
  private final Map<String, Entry> cache = new HashMap<>();

  public ActiveUserCheck(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /** Listens for revocations; the returned future completes once the listener is registered cluster-wide. */
  public Future<Void> listen(Vertx vertx) {
    return vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_REVOKED, message -> {
      String userId = message.body().getString("userId");
      cache.keySet().removeIf(key -> key.startsWith(userId + ":"));
    }).completion();
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject claims = ctx.get(BearerTokens.CLAIMS);
    String key = claims.getString("sub") + ":" + claims.getValue("ver");
    Entry cached = cache.get(key);
    if (cached != null && cached.expiresAt() - System.nanoTime() > 0) {
      proceed(ctx, cached.principal());
      return;
    }
    JsonObject request = new JsonObject().put("userId", claims.getString("sub")).put("tokenVersion", claims.getValue("ver"));
    ctx.vertx().eventBus().<JsonObject>request(Addresses.IDENTITY_CHECK, request, Replies.options(ctx, timeoutMs))
        .onSuccess(reply -> {
          if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
          }
          cache.put(key, new Entry(reply.body(), System.nanoTime() + TTL_NANOS));
          proceed(ctx, reply.body());
        })
        .onFailure(failure -> Replies.failure(ctx, failure));
  }

  private static void proceed(RoutingContext ctx, JsonObject principal) {
    ctx.put(Replies.PRINCIPAL, principal);
    ctx.next();
  }
}
