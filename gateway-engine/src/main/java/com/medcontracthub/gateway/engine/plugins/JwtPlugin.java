package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kong's {@code jwt}: the token (from {@code header_names}, {@code uri_param_names} or {@code cookie_names}) names
 * its consumer's credential in {@code key_claim_name}; it must be signed with that credential's key and algorithm
 * exactly — the algorithm comes from the credential, never from the token, so {@code alg: none} and an RS256 key
 * reused as an HS256 secret are refused — and carry valid {@code exp}/{@code nbf} when {@code claims_to_verify}
 * says so, with {@code exp} no further than {@code maximum_expiration} seconds ahead.
 */
final class JwtPlugin implements Plugin {

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .strings("uri_param_names", List.of("jwt"))
      .strings("cookie_names", List.of())
      .strings("header_names", List.of("authorization"))
      .strings("claims_to_verify", List.of())
      .string("key_claim_name", "iss")
      .bool("secret_is_base64", false)
      .string("anonymous", null)
      .bool("run_on_preflight", true)
      .number("maximum_expiration", 0.0, 0)
      .string("realm", null)
      .build();

  private record Credential(GatewaySpec.Consumer consumer, String algorithm, JWTAuth verifier) {
  }

  /** A token whose signature was checked: only its time claims need checking again. */
  private record Verified(GatewaySpec.Consumer consumer, JsonObject claims) {
  }

  /** Signatures already checked, the most recently used kept; a new file (new keys) starts a new instance. */
  private static final int VERIFIED_KEPT = 10_000;
  private final Map<String, Verified> verified = Collections.synchronizedMap(
      new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
          return size() > VERIFIED_KEPT;
        }
      });

  private final List<String> params;
  private final List<String> cookies;
  private final List<String> headers;
  private final boolean verifyExp;
  private final boolean verifyNbf;
  private final String keyClaim;
  private final long maximumExpiration;
  private final boolean onPreflight;
  private final GatewaySpec.Consumer anonymous;
  private final Map<String, Credential> byKey = new HashMap<>();

  JwtPlugin(JsonObject config, PluginContext context) {
    this.params = strings(config, "uri_param_names");
    this.cookies = strings(config, "cookie_names");
    this.headers = strings(config, "header_names");
    List<String> claims = strings(config, "claims_to_verify");
    this.verifyExp = claims.contains("exp");
    this.verifyNbf = claims.contains("nbf");
    this.keyClaim = config.getString("key_claim_name");
    this.maximumExpiration = config.getDouble("maximum_expiration").longValue();
    this.onPreflight = config.getBoolean("run_on_preflight");
    this.anonymous = ConsumerAdmission.named(context, config.getString("anonymous"));
    boolean base64 = config.getBoolean("secret_is_base64");
    for (GatewaySpec.Consumer consumer : context.consumers()) {
      for (GatewaySpec.JwtSecret secret : consumer.jwtSecrets()) {
        byKey.put(secret.key(), new Credential(consumer, secret.algorithm(), verifier(context, secret, base64)));
      }
    }
  }

  static void check(GatewaySpec.Plugin declared) {
    List<String> claims = strings(declared.config(), "claims_to_verify");
    for (int i = 0; i < claims.size(); i++) {
      if (!claims.get(i).equals("exp") && !claims.get(i).equals("nbf")) {
        throw new DeclarativeException(declared.path() + ".config.claims_to_verify["
            + i + "]", "expected exp or nbf but got \"" + claims.get(i) + "\"");
      }
    }
    if (declared.config().getDouble("maximum_expiration") > 0 && !claims.contains("exp")) {
      throw new DeclarativeException(declared.path() + ".config.maximum_expiration",
          "needs exp in claims_to_verify");
    }
  }

  private static JWTAuth verifier(PluginContext context, GatewaySpec.JwtSecret secret, boolean base64) {
    Buffer key = secret.algorithm().startsWith("HS")
        ? Buffer.buffer(base64 ? Base64.getDecoder().decode(secret.secret()) : secret.secret().getBytes(StandardCharsets.UTF_8))
        : Buffer.buffer(secret.publicKey());
    return JWTAuth.create(context.vertx(), new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(secret.algorithm()).setBuffer(key))
        .setJWTOptions(new JWTOptions().setIgnoreExpiration(true)));
  }

  private static List<String> strings(JsonObject config, String field) {
    return config.getJsonArray(field).stream().map(String::valueOf).toList();
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    if (!onPreflight && request.method().name().equals("OPTIONS")) {
      return Answers.GO_ON;
    }
    String token = token(request);
    if (token == null) {
      return anonymous != null ? ConsumerAdmission.admit(exchange, anonymous, anonymous, null)
          : unauthorized(exchange, "Unauthorized");
    }
    Verified known = verified.get(token);
    if (known != null) {
      String problem = claimProblem(known.claims(), System.currentTimeMillis() / 1000);
      return problem == null ? ConsumerAdmission.admit(exchange, known.consumer(), anonymous, null)
          : unauthorized(exchange, problem);
    }
    String[] parts = token.split("\\.", -1);
    JsonObject header;
    JsonObject claims;
    try {
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return unauthorized(exchange, "Bad token; invalid JSON");
    }
    if (parts.length != 3) {
      return unauthorized(exchange, "Bad token; invalid serialization");
    }
    Object key = claims.getValue(keyClaim);
    if (!(key instanceof String keyValue)) {
      return unauthorized(exchange, "No mandatory '" + keyClaim + "' in claims");
    }
    Credential credential = byKey.get(keyValue);
    if (credential == null) {
      return unauthorized(exchange, "No credentials found for given '" + keyClaim + "'");
    }
    if (!credential.algorithm().equals(header.getString("alg"))) {
      return unauthorized(exchange, "Invalid algorithm");
    }
    long now = System.currentTimeMillis() / 1000;
    String claimProblem = claimProblem(claims, now);
    if (claimProblem != null) {
      return unauthorized(exchange, claimProblem);
    }
    return credential.verifier().authenticate(new TokenCredentials(token)).transform(ar -> {
      if (ar.failed()) {
        return unauthorized(exchange, "Invalid signature");
      }
      verified.put(token, new Verified(credential.consumer(), claims));
      return ConsumerAdmission.admit(exchange, credential.consumer(), anonymous, null);
    });
  }

  private String claimProblem(JsonObject claims, long now) {
    if (verifyExp) {
      if (!(claims.getValue("exp") instanceof Number exp)) {
        return "token has no exp claim";
      }
      if (exp.longValue() <= now) {
        return "token expired";
      }
      if (maximumExpiration > 0 && exp.longValue() - now > maximumExpiration) {
        return "The exp claim is too far in the future";
      }
    }
    if (verifyNbf) {
      if (!(claims.getValue("nbf") instanceof Number nbf)) {
        return "token has no nbf claim";
      }
      if (nbf.longValue() > now) {
        return "token not valid yet";
      }
    }
    return null;
  }

  private String token(HttpServerRequest request) {
    for (String param : params) {
      if (request.getParam(param) != null) {
        return request.getParam(param);
      }
    }
    for (String name : cookies) {
      Cookie cookie = request.getCookie(name);
      if (cookie != null) {
        return cookie.getValue();
      }
    }
    for (String name : headers) {
      String value = request.getHeader(name);
      if (value != null) {
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value.trim();
      }
    }
    return null;
  }

  private static Future<Boolean> unauthorized(Exchange exchange, String message) {
    exchange.ctx().response().putHeader("WWW-Authenticate", "Bearer");
    return Answers.refuse(exchange, 401, message);
  }
}
