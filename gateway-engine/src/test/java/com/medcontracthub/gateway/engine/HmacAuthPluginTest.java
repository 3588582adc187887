package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.medcontracthub.gateway.engine.plugins.KongPlugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's hmac-auth, with requests signed by a client written apart from the gateway: Node's crypto, from Kong's
 * documentation ({@code src/test/resources/hmac/sign.mjs}).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The hmac-auth plugin")
class HmacAuthPluginTest {

  private static final String SECRET = "partner-shared-secret";
  private static final String TARGET = "/signed/orders?since=2026-12-01";

  @TempDir
  Path dir;
  private GatewayFixture fixture;

  @BeforeEach
  void fixture(Vertx vertx) {
    fixture = new GatewayFixture(vertx, dir);
  }

  private static String file(String config) {
    return KongFiles.servicePlugin("signed", "/signed", "hmac-auth", config) + """
        consumers:
          - username: partner
            custom_id: tenant-7
            hmacauth_credentials:
              - username: partner-hmac
                secret: "%s"
        """.formatted(SECRET);
  }

  private static String httpDate(ZonedDateTime time) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(time.withZoneSameInstant(ZoneOffset.UTC));
  }

  /** What the client sends: Authorization and, with a body, Digest. */
  private static JsonObject signed(String secret, String algorithm, String method, String date, List<String> sign,
      String body) throws IOException, InterruptedException {
    JsonObject request = new JsonObject().put("username", "partner-hmac").put("secret", secret)
        .put("algorithm", algorithm).put("method", method).put("target", TARGET)
        .put("headers", new JsonObject().put("date", date)).put("sign", new JsonArray(sign));
    if (body != null) {
      request.put("body", body);
    }
    Process node = new ProcessBuilder("node", "src/test/resources/hmac/sign.mjs", request.encode())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
      throw new IllegalStateException("the signing client failed: " + out);
    }
    return new JsonObject(out);
  }

  private static JsonObject signed(String date, List<String> sign) throws IOException, InterruptedException {
    return signed(SECRET, "hmac-sha256", "GET", date, sign, null);
  }

  @Test
  @DisplayName("lets in a request signed over its date and request line, naming the consumer and hiding the signature; "
      + "refuses a missing, stale, wrongly keyed or unsigned one with Kong's messages")
  void signatures(Vertx vertx, VertxTestContext ctx) throws Exception {
    ZonedDateTime now = ZonedDateTime.now();
    String date = httpDate(now);
    String good = signed(date, List.of("date", "request-line")).getString("authorization");
    String stale = httpDate(now.minusMinutes(10));
    String staleSigned = signed(stale, List.of("date", "request-line")).getString("authorization");
    String wrongKey = signed("another-secret", "hmac-sha256", "GET", date, List.of("date", "request-line"), null)
        .getString("authorization");
    String dateOnly = signed(date, List.of("date")).getString("authorization");
    String sha1 = signed(SECRET, "hmac-sha1", "GET", date, List.of("date", "request-line"), null)
        .getString("authorization");
    List<Function<GatewayClient, Future<HttpResponse<Buffer>>>> requests = List.of(
        g -> g.get(TARGET).putHeader("Date", date).putHeader("Authorization", good).send(),
        g -> g.get(TARGET).putHeader("Date", date).send(),
        g -> g.get(TARGET).putHeader("Date", stale).putHeader("Authorization", staleSigned).send(),
        g -> g.get(TARGET).putHeader("Date", date).putHeader("Authorization", wrongKey).send(),
        g -> g.get(TARGET).putHeader("Date", date).putHeader("Authorization", dateOnly).send(),
        g -> g.get(TARGET).putHeader("Date", date).putHeader("Authorization", sha1).send(),
        g -> g.get(TARGET.replace("2026", "2025")).putHeader("Date", date).putHeader("Authorization", good).send(),
        g -> g.get(TARGET).putHeader("Date", date).putHeader("Proxy-Authorization", good).send(),
        g -> g.get(TARGET).putHeader("Date", stale).putHeader("X-Date", date).putHeader("Authorization", staleSigned)
            .send());
    fixture.gateway(file("{hide_credentials: true, enforce_headers: [date, request-line], "
            + "algorithms: [hmac-sha256, hmac-sha512], realm: partners}"))
        .compose(gateway -> gateway.inTurn(requests))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          JsonObject seen = answers.get(0).bodyAsJsonObject();
          assertEquals(200, answers.get(0).statusCode(), answers.get(0).bodyAsString());
          assertEquals("partner", seen.getJsonObject("headers").getString("x-consumer-username"));
          assertEquals("tenant-7", seen.getJsonObject("headers").getString("x-consumer-custom-id"));
          assertEquals("partner-hmac", seen.getJsonObject("headers").getString("x-credential-identifier"));
          assertNull(seen.getJsonObject("headers").getString("authorization"), "hide_credentials");
          assertRefused(answers.get(1), "Unauthorized");
          assertEquals("hmac realm=\"partners\"", answers.get(1).getHeader("WWW-Authenticate"));
          assertRefused(answers.get(2), "HMAC signature cannot be verified, a valid date or x-date header is required "
              + "for HMAC Authentication");
          assertRefused(answers.get(3), "HMAC signature does not match");
          assertRefused(answers.get(4), "HMAC signature cannot be verified");
          assertRefused(answers.get(5), "HMAC signature cannot be verified");
          assertRefused(answers.get(6), "HMAC signature does not match");
          assertEquals(200, answers.get(7).statusCode(), "Proxy-Authorization: " + answers.get(7).bodyAsString());
          assertRefused(answers.get(8), "HMAC signature cannot be verified, a valid date or x-date header is required "
              + "for HMAC Authentication");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("with validate_request_body, passes a body that matches its signed digest on to the upstream, and "
      + "refuses one that was changed")
  void bodyDigest(Vertx vertx, VertxTestContext ctx) throws Exception {
    String date = httpDate(ZonedDateTime.now());
    String body = "{\"order\":\"gloves\",\"qty\":1200}";
    JsonObject post = signed(SECRET, "hmac-sha512", "POST", date, List.of("date", "request-line", "digest"), body);
    Function<GatewayClient, HttpRequest<Buffer>> signedPost = g -> g.request(HttpMethod.POST, TARGET)
        .putHeader("Date", date).putHeader("Authorization", post.getString("authorization"))
        .putHeader("Digest", post.getString("digest"));
    JsonObject unsignedDigest = signed(SECRET, "hmac-sha512", "POST", date, List.of("date", "request-line"), body);
    String big = "{\"lines\":\"" + "x".repeat(4096) + "\"}";
    JsonObject bigPost = signed(SECRET, "hmac-sha512", "POST", date, List.of("date", "request-line", "digest"), big);
    List<Function<GatewayClient, Future<HttpResponse<Buffer>>>> requests = List.of(
        g -> signedPost.apply(g).sendBuffer(Buffer.buffer(body)),
        g -> signedPost.apply(g).sendBuffer(Buffer.buffer(body.replace("1200", "9999"))),
        g -> g.request(HttpMethod.POST, TARGET).putHeader("Date", date)
            .putHeader("Authorization", unsignedDigest.getString("authorization"))
            .putHeader("Digest", unsignedDigest.getString("digest")).sendBuffer(Buffer.buffer(body)),
        // streamed without a length, so request-size-limiting can only lower the limit of a body already read
        g -> vertx.fileSystem().writeFile(dir.resolve("big.json").toString(), Buffer.buffer(big))
            .compose(v -> vertx.fileSystem().open(dir.resolve("big.json").toString(), new OpenOptions()))
            .compose(file -> g.request(HttpMethod.POST, TARGET).putHeader("Date", date)
                .putHeader("Authorization", bigPost.getString("authorization"))
                .putHeader("Digest", bigPost.getString("digest")).sendStream(file)));
    fixture.gateway(file("{validate_request_body: true}") + """
        plugins:
          - name: request-size-limiting
            config: {allowed_payload_size: 1, size_unit: kilobytes}
        """)
        .compose(gateway -> gateway.inTurn(requests))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertEquals(200, answers.get(0).statusCode(), answers.get(0).bodyAsString());
          assertEquals(body.length(), answers.get(0).bodyAsJsonObject().getInteger("bodyBytes"));
          assertRefused(answers.get(1), "HMAC signature does not match");
          assertRefused(answers.get(2), "HMAC signature does not match");
          assertEquals(413, answers.get(3).statusCode(), "read whole for its digest, then over the size limit: "
              + answers.get(3).bodyAsString());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses an algorithm Kong does not know, and a second credential with one username")
  void validation() {
    assertEquals("services[0].plugins[0].config.algorithms[0]: expected one of hmac-sha1, hmac-sha256, hmac-sha384, "
        + "hmac-sha512 but got \"hmac-md5\"", assertThrowsDeclarative(file("{algorithms: [hmac-md5]}")));
    assertEquals("consumers: the hmac-auth username \"partner-hmac\" of consumer \"other\" is also another credential's",
        assertThrowsDeclarative(file("{}") + """
              - username: other
                hmacauth_credentials: [{username: partner-hmac, secret: x}]
            """));
  }

  private static String assertThrowsDeclarative(String file) {
    return assertThrows(DeclarativeException.class,
        () -> GatewayFile.parse(file.replace("UPSTREAM", "http://127.0.0.1:1"), KongPlugins.only())).getMessage();
  }

  private static void assertRefused(HttpResponse<Buffer> answer, String detail) {
    assertEquals(401, answer.statusCode(), answer.bodyAsString());
    assertEquals(detail, answer.bodyAsJsonObject().getString("detail"));
  }
}
