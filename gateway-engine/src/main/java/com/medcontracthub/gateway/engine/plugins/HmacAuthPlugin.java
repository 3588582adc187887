package com.medcontracthub.gateway.engine.plugins;

import com.medcontracthub.gateway.engine.ConfigSchema;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.Exchange;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.Plugin;
import com.medcontracthub.gateway.engine.PluginContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kong's {@code hmac-auth}: the request carries {@code Authorization} (or {@code Proxy-Authorization})
 * {@code hmac username="…", algorithm="hmac-sha256", headers="date request-line", signature="…"}, the base64 HMAC,
 * with the secret of the consumer's {@code hmacauth_credentials} of that username, of the listed headers as
 * {@code name: value} lines ({@code request-line} is {@code GET /path?query HTTP/1.1}). A signed {@code X-Date} or
 * {@code Date} within {@code clock_skew} seconds is required, so a captured request cannot be replayed later;
 * {@code enforce_headers} must all be signed; with {@code validate_request_body} the body must match the signed
 * {@code Digest: SHA-256=…} header. Refusals are Kong's 401s, unless an {@code anonymous} consumer stands in.
 */
final class HmacAuthPlugin implements Plugin {

  private static final List<String> ALGORITHMS = List.of("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

  static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .bool("hide_credentials", false)
      .number("clock_skew", 300.0, 0)
      .string("anonymous", null)
      .bool("validate_request_body", false)
      .strings("enforce_headers", List.of())
      .strings("algorithms", ALGORITHMS)
      .string("realm", null)
      .build();

  /** The largest body whose digest is checked; Kong keeps bodies in memory for this up to its buffer size too. */
  static final long MAX_DIGESTED_BODY = 1024 * 1024;

  private static final Pattern PARAMETERS = Pattern.compile(
      "\\s*[Hh]mac\\s*username=\"([^\"]+)\",\\s*algorithm=\"([^\"]+)\",\\s*headers=\"([^\"]+)\",\\s*signature=\"([^\"]+)\"");
  private static final String NOT_VERIFIED = "HMAC signature cannot be verified";
  private static final String NO_MATCH = "HMAC signature does not match";

  private record Holder(GatewaySpec.Consumer consumer, GatewaySpec.HmacCredential credential) {
  }

  private final boolean hide;
  private final double clockSkew;
  private final GatewaySpec.Consumer anonymous;
  private final boolean validateBody;
  private final List<String> enforced;
  private final Set<String> algorithms;
  private final String realm;
  private final Map<String, Holder> byUsername = new HashMap<>();

  HmacAuthPlugin(JsonObject config, PluginContext context) {
    this.hide = config.getBoolean("hide_credentials");
    this.clockSkew = config.getDouble("clock_skew");
    this.anonymous = ConsumerAdmission.named(context, config.getString("anonymous"));
    this.validateBody = config.getBoolean("validate_request_body");
    this.enforced = config.getJsonArray("enforce_headers").stream().map(String.class::cast).toList();
    this.algorithms = Set.copyOf(config.getJsonArray("algorithms").stream().map(String.class::cast).toList());
    this.realm = config.getString("realm");
    context.consumers().forEach(consumer -> consumer.hmacCredentials()
        .forEach(credential -> byUsername.put(credential.username(), new Holder(consumer, credential))));
  }

  static void check(GatewaySpec.Plugin declared) {
    List<Object> listed = declared.config().getJsonArray("algorithms").getList();
    for (int i = 0; i < listed.size(); i++) {
      if (!ALGORITHMS.contains(listed.get(i))) {
        throw new DeclarativeException(declared.path() + ".config.algorithms[" + i + "]", "expected one of "
            + String.join(", ", ALGORITHMS) + " but got \"" + listed.get(i) + "\"");
      }
    }
    if (declared.config().getDouble("clock_skew") <= 0) {
      throw new DeclarativeException(declared.path() + ".config.clock_skew", "must be above 0");
    }
  }

  @Override
  public Future<Boolean> access(Exchange exchange) {
    HttpServerRequest request = exchange.ctx().request();
    String proxyAuthorization = request.getHeader("Proxy-Authorization");
    String authorization = request.getHeader("Authorization");
    if (proxyAuthorization == null && authorization == null) {
      return refuse(exchange, "Unauthorized");
    }
    String header = "Proxy-Authorization";
    Matcher parameters = proxyAuthorization == null ? null : PARAMETERS.matcher(proxyAuthorization);
    if (parameters == null || !parameters.lookingAt()) {
      header = "Authorization";
      parameters = authorization == null ? null : PARAMETERS.matcher(authorization);
    }
    if (parameters == null || !parameters.lookingAt()) {
      return refuse(exchange, NOT_VERIFIED);
    }
    if (hide) {
      exchange.hiddenHeaders().add(header);
    }
    String algorithm = parameters.group(2);
    List<String> signed = List.of(parameters.group(3).split(" "));
    // the date that proves the request fresh must be one the signature covers: Kong takes either header, signed or
    // not, which lets a captured request be replayed later with a new unsigned one
    String date = signed.contains("x-date") ? request.getHeader("X-Date")
        : signed.contains("date") ? request.getHeader("Date") : null;
    if (!fresh(date)) {
      return refuse(exchange, NOT_VERIFIED + ", a valid date or x-date header is required for HMAC Authentication");
    }
    Holder holder = byUsername.get(parameters.group(1));
    if (!algorithms.contains(algorithm) || !signed.containsAll(enforced) || holder == null) {
      return refuse(exchange, NOT_VERIFIED);
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(parameters.group(4));
    } catch (IllegalArgumentException notBase64) {
      return refuse(exchange, NO_MATCH);
    }
    String secret = holder.credential().secret();
    String query = request.query();
    // Kong also takes signatures of the request line without its query, as it made them before 0.13
    if (!MessageDigest.isEqual(signature, hmac(algorithm, secret, signingString(request, signed, query)))
        && (query == null || !MessageDigest.isEqual(signature, hmac(algorithm, secret,
            signingString(request, signed, null))))) {
      return refuse(exchange, NO_MATCH);
    }
    if (validateBody && !signed.contains("digest")) {
      return refuse(exchange, NO_MATCH);
    }
    if (!validateBody) {
      return ConsumerAdmission.admit(exchange, holder.consumer(), anonymous, holder.credential().username());
    }
    return exchange.body(MAX_DIGESTED_BODY).transform(read -> {
      if (read.failed()) {
        exchange.ctx().response().putHeader("Connection", "close");
        return Answers.refuse(exchange, 413, "a body whose digest is checked may be at most " + MAX_DIGESTED_BODY
            + " bytes");
      }
      return digestMatches(request.getHeader("Digest"), read.result())
          ? ConsumerAdmission.admit(exchange, holder.consumer(), anonymous, holder.credential().username())
          : refuse(exchange, NO_MATCH);
    });
  }

  /** Whether an HTTP date is within {@code clock_skew} of now. */
  private boolean fresh(String date) {
    if (date == null) {
      return false;
    }
    try {
      Instant sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.abs(Instant.now().toEpochMilli() - sent.toEpochMilli()) <= clockSkew * 1000;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The signed headers' lines: {@code name: value}, the request line, or {@code name:} for a header not sent. */
  private static String signingString(HttpServerRequest request, List<String> headers, String query) {
    StringBuilder signing = new StringBuilder();
    for (String name : headers) {
      if (signing.length() > 0) {
        signing.append('\n');
      }
      String value = request.getHeader(name);
      if (value != null) {
        signing.append(name).append(": ").append(value);
      } else if (name.equals("request-line")) {
        signing.append(request.method().name()).append(' ').append(request.path())
            .append(query == null ? "" : "?" + query).append(' ').append(httpVersion(request));
      } else {
        signing.append(name).append(':');
      }
    }
    return signing.toString();
  }

  private static String httpVersion(HttpServerRequest request) {
    return switch (request.version()) {
      case HTTP_1_0 -> "HTTP/1.0";
      case HTTP_2 -> "HTTP/2.0";
      default -> "HTTP/1.1";
    };
  }

  private static byte[] hmac(String algorithm, String secret, String data) {
    String java = "Hmac" + algorithm.substring("hmac-".length()).toUpperCase(Locale.ROOT);
    try {
      Mac mac = Mac.getInstance(java);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), java));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(java + " is part of every JDK", e);
    }
  }

  /** Kong's check: no Digest header passes for an empty body only; otherwise {@code SHA-256=<base64>} of the body. */
  private static boolean digestMatches(String digest, Buffer body) {
    if (digest == null) {
      return body.length() == 0;
    }
    try {
      byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(body.getBytes());
      return MessageDigest.isEqual(digest.getBytes(StandardCharsets.UTF_8),
          ("SHA-256=" + Base64.getEncoder().encodeToString(sha256)).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private Future<Boolean> refuse(Exchange exchange, String message) {
    if (anonymous != null) {
      return ConsumerAdmission.admit(exchange, anonymous, anonymous, null);
    }
    if (realm != null) {
      exchange.ctx().response().putHeader("WWW-Authenticate", "hmac realm=\"" + realm + "\"");
    }
    return Answers.refuse(exchange, 401, message);
  }
}
