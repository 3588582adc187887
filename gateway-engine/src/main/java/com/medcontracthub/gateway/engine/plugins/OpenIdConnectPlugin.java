package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's {@code openid-connect} (its paid edition's), for bearer tokens: the issuer is discovered, its JWK Set
 * fetched and kept ({@link IssuerKeys}: read again in the background after {@code cache_ttl}, sooner for an unknown
 * key id); a token must be signed by one of those keys with an asymmetric algorithm, come from the issuer (or
 * {@code issuers_allowed}), be current ({@code exp} required, {@code nbf}, with {@code leeway}), name a required
 * audience and hold a required scope set. {@code consumer_claim} maps it to a consumer; the verified claims are the
 * exchange's {@link com.medcontracthub.gateway.engine.Exchange#claims()}.
 */
final class OpenIdConnectPlugin implements Plugin {

  private static final Logger LOG = LoggerFactory.getLogger(OpenIdConnectPlugin.class);

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .string("issuer", null)
      .strings("auth_methods", List.of("bearer"))
      .strings("issuers_allowed", List.of())
      .strings("audience_required", List.of())
      .strings("audience_claim", List.of("aud"))
      .strings("scopes_required", List.of())
      .strings("scopes_claim", List.of("scope"))
      .strings("consumer_claim", List.of())
      .strings("consumer_by", List.of("username", "custom_id"))
      .bool("consumer_optional", false)
      .integer("leeway", 0L, 0, 86_400)
      .integer("rediscovery_lifetime", 30L, 0, 86_400)
      .integer("cache_ttl", 3600L, 1, 86_400)
      .integer("timeout", 10_000L, 1, 600_000)
      .bool("ssl_verify", true)
      .build();

  private final Warnings warnings = new Warnings(LOG);
  private final IssuerKeys keys;
  private final Set<String> issuersAllowed;
  private final List<String> audiences;
  private final String audienceClaim;
  private final List<Set<String>> scopeSets;
  private final String scopesClaim;
  private final String consumerClaim;
  private final List<String> consumerBy;
  private final boolean consumerOptional;
  private final long leeway;
  private final List<GatewaySpec.Consumer> consumers;

  OpenIdConnectPlugin(JsonObject config, PluginContext context) {
    this.keys = new IssuerKeys(context.vertx(), config.getString("issuer"), config.getLong("timeout"),
        config.getLong("rediscovery_lifetime"), config.getLong("cache_ttl"), config.getBoolean("ssl_verify"));
    this.issuersAllowed = new HashSet<>(strings(config, "issuers_allowed"));
    this.audiences = strings(config, "audience_required");
    this.audienceClaim = strings(config, "audience_claim").get(0);
    this.scopeSets = strings(config, "scopes_required").stream()
        .map(entry -> Set.copyOf(Arrays.asList(entry.trim().split("\\s+")))).toList();
    this.scopesClaim = strings(config, "scopes_claim").get(0);
    List<String> claim = strings(config, "consumer_claim");
    this.consumerClaim = claim.isEmpty() ? null : claim.get(0);
    this.consumerBy = strings(config, "consumer_by");
    this.consumerOptional = config.getBoolean("consumer_optional");
    this.leeway = config.getLong("leeway");
    this.consumers = context.consumers();
  }

  @Override
  public void close() {
    keys.close();
  }

  static void check(GatewaySpec.Plugin declared) {
    JsonObject config = declared.config();
    String issuer = config.getString("issuer");
    if (issuer == null || !issuer.matches("https?://.+")) {
      throw new DeclarativeException(declared.path() + ".config.issuer", "required: the issuer's http(s) URL");
    }
    List<String> methods = strings(config, "auth_methods");
    for (int i = 0; i < methods.size(); i++) {
      if (!methods.get(i).equals("bearer")) {
        throw new DeclarativeException(declared.path() + ".config.auth_methods[" + i + "]",
            "only bearer is supported here, not \"" + methods.get(i) + "\"");
      }
    }
    for (String list : List.of("audience_claim", "scopes_claim")) {
      if (strings(config, list).size() != 1) {
        throw new DeclarativeException(declared.path() + ".config." + list, "expected one claim name");
      }
    }
  }

  private static List<String> strings(JsonObject config, String field) {
    return config.getJsonArray(field).stream().map(String::valueOf).toList();
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    String authorization = exchange.ctx().request().getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return unauthorized(exchange, "a bearer token is required");
    }
    String token = authorization.substring(7).trim();
    JsonObject header;
    JsonObject claims;
    try {
      String[] parts = token.split("\\.", -1);
      if (parts.length != 3) {
        return unauthorized(exchange, "not a signed JWT");
      }
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return unauthorized(exchange, "not a signed JWT");
    }
    String alg = header.getString("alg", "none");
    if (!alg.matches("(RS|PS|ES)(256|384|512)")) {
      return unauthorized(exchange, "the token's algorithm " + alg + " is not accepted");
    }
    String kid = header.getString("kid");
    return keys.keysFor(kid).transform(published -> {
      if (published.failed()) {
        warnings.warn("openid-connect: the issuer cannot be read: {}", published.cause().toString());
        return Answers.refuse(exchange, 503, "the identity provider cannot be reached");
      }
      IssuerKeys.Published issuer = published.result();
      if (kid == null || !issuer.keyIds().contains(kid)) {
        return unauthorized(exchange, "the token was signed with a key the issuer does not publish");
      }
      return issuer.verifier().authenticate(new TokenCredentials(token)).transform(verified -> verified.failed()
          ? unauthorized(exchange, "invalid signature")
          : checkClaims(exchange, issuer, claims));
    });
  }

  private Future<Boolean> checkClaims(Exchange exchange, IssuerKeys.Published issuer, JsonObject claims) {
    String iss = claims.getString("iss");
    if (iss == null || !(iss.equals(issuer.issuer()) || issuersAllowed.contains(iss))) {
      return unauthorized(exchange, "the token comes from another issuer");
    }
    long now = System.currentTimeMillis() / 1000;
    if (!(claims.getValue("exp") instanceof Number exp) || exp.longValue() + leeway <= now) {
      return unauthorized(exchange, "the token has expired");
    }
    if (claims.getValue("nbf") instanceof Number nbf && nbf.longValue() - leeway > now) {
      return unauthorized(exchange, "the token is not valid yet");
    }
    if (!audiences.isEmpty() && values(claims.getValue(audienceClaim)).stream().noneMatch(audiences::contains)) {
      return Answers.refuse(exchange, 403, "the token is not meant for this audience");
    }
    if (!scopeSets.isEmpty()) {
      Set<String> granted = new HashSet<>(values(claims.getValue(scopesClaim)));
      if (scopeSets.stream().noneMatch(granted::containsAll)) {
        return Answers.refuse(exchange, 403, "the token lacks the required scopes");
      }
    }
    if (consumerClaim != null) {
      String value = claims.getValue(consumerClaim) == null ? null : String.valueOf(claims.getValue(consumerClaim));
      GatewaySpec.Consumer consumer = consumers.stream()
          .filter(c -> (consumerBy.contains("username") && c.username().equals(value))
              || (consumerBy.contains("custom_id") && value != null && value.equals(c.customId())))
          .findFirst().orElse(null);
      if (consumer == null && !consumerOptional) {
        return Answers.refuse(exchange, 403, "no consumer for the token's " + consumerClaim);
      }
      if (consumer != null) {
        ConsumerAdmission.admit(exchange, consumer, null, null);
      }
    }
    exchange.claims(claims);
    return Answers.GO_ON;
  }

  /** A claim that may be one string, a space-separated string (scope) or a list. */
  private static List<String> values(Object claim) {
    if (claim instanceof JsonArray array) {
      return array.stream().map(String::valueOf).toList();
    }
    return claim == null ? List.of() : Arrays.asList(String.valueOf(claim).trim().split("\\s+"));
  }

  private static Future<Boolean> unauthorized(Exchange exchange, String message) {
    exchange.ctx().response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return Answers.refuse(exchange, 401, message);
  }
}
