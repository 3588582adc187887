package com.medcontracthub.gateway.auth;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.LoginFields;
import com.medcontracthub.platform.http.Replies;
import com.medcontracthub.platform.auth.Tokens;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code POST /api/v1/auth/login} with {@code {"email", "password"}}: the identity service checks the password
 * (and throttles repeated failures); the gateway signs the token.
 */
public final class LoginRoute implements Handler<RoutingContext> {

  private static final int MAX_EMAIL = 254;
  private static final int MAX_PASSWORD = 256;
  private static final Set<String> FIELDS = Set.of(LoginFields.EMAIL, LoginFields.PASSWORD);

  private final Tokens tokens;
  private final long timeoutMs;

  public LoginRoute(Tokens tokens, long timeoutMs) {
    this.tokens = tokens;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      Replies.problem(ctx, 400, "the body must be a JSON object with email and password");
      return;
    }
    if (body != null && !FIELDS.containsAll(body.fieldNames())) {
      Replies.problem(ctx, 400, "the body takes only email and password");
      return;
    }
    Object email = body == null ? null : body.getValue(LoginFields.EMAIL);
    Object password = body == null ? null : body.getValue(LoginFields.PASSWORD);
    if (!(email instanceof String e) || e.isBlank() || e.length() > MAX_EMAIL) {
      Replies.problem(ctx, 400, "email: expected an address of at most " + MAX_EMAIL + " characters");
      return;
    }
    if (!(password instanceof String p) || p.isEmpty() || p.length() > MAX_PASSWORD) {
      Replies.problem(ctx, 400, "password: expected a string of 1 to " + MAX_PASSWORD + " characters");
      return;
    }
    JsonObject request = new JsonObject().put(LoginFields.EMAIL, email).put(LoginFields.PASSWORD, password)
        .put(LoginFields.IP, ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress());
    ctx.vertx().eventBus().<JsonObject>request(Addresses.IDENTITY_LOGIN, request, Replies.options(ctx, timeoutMs))
        .onSuccess(reply -> ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("access_token", tokens.issue(reply.body()))
            .put("token_type", "Bearer")
            .put("expires_in", tokens.ttlSeconds()).encode()))
        .onFailure(failure -> Replies.failure(ctx, failure));
  }
}
