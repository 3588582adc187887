package com.medcontracthub.gateway.engine;

import com.medcontracthub.testkit.ServerProcess;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak, an identity provider nobody here wrote: the distribution from Maven Central (unpacked by the build, its
 * home in the system property {@code keycloak.home}) run in development mode on loopback with an in-memory database,
 * and the calls of its admin REST API the tests make: realms created, tokens asked for, signing keys rotated and
 * withdrawn, and its own count of how often its JWK Set was read.
 */
final class Keycloak {

  private static final String HOST = "127.0.0.1";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "admin-password";
  private static final long TIMEOUT_MS = 30_000;
  private static final Pattern JWKS_READS = Pattern.compile(
      "http_server_requests_seconds_count\\{[^}]*uri=\"/realms/\\{realm}/protocol/\\{protocol}/certs\"[^}]*} ([0-9.E]+)");

  private final ServerProcess process;
  private final WebClient web;
  private final int port;
  private final int managementPort;

  private Keycloak(ServerProcess process, WebClient web, int port, int managementPort) {
    this.process = process;
    this.web = web;
    this.port = port;
    this.managementPort = managementPort;
  }

  /** Starts Keycloak and waits until it listens (about 20 s on two cores). */
  static Keycloak start(Vertx vertx) throws IOException {
    Path home = Path.of(System.getProperty("keycloak.home"));
    int port = Ports.free(HOST);
    int managementPort = Ports.free(HOST);
    ServerProcess process = ServerProcess.start("keycloak", "Listening on:", List.of(
            home.resolve("bin/kc.sh").toString(), "start-dev", "--http-host=" + HOST, "--http-port=" + port,
            "--http-management-port=" + managementPort, "--db=dev-mem", "--cache=local", "--metrics-enabled=true"),
        home, Map.of("JAVA_HOME", System.getProperty("java.home"),
            "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN, "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
    return new Keycloak(process, WebClient.create(vertx), port, managementPort);
  }

  void stop() {
    web.close();
    process.stop();
  }

  /** The realm's issuer identifier, as Keycloak writes it into the tokens it issues when asked at {@code host}. */
  String issuer(String host, String realm) {
    return "http://" + host + ":" + port + "/realms/" + realm;
  }

  String issuer(String realm) {
    return issuer(HOST, realm);
  }

  /** Creates a realm from its representation (clients, users, client scopes). */
  Future<Void> createRealm(JsonObject realm) {
    return admin("POST", "/admin/realms", realm).mapEmpty();
  }

  /** An access token from the realm's token endpoint, asked for at {@code host}, with the grant's form fields. */
  Future<String> token(String host, String realm, Map<String, String> grant) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().addAll(grant);
    return web.postAbs(issuer(host, realm) + "/protocol/openid-connect/token").timeout(TIMEOUT_MS).sendForm(form)
        .compose(response -> ok(response, "token")).map(response -> response.bodyAsJsonObject().getString("access_token"));
  }

  Future<String> token(String realm, Map<String, String> grant) {
    return token(HOST, realm, grant);
  }

  /** The realm's published JWK Set, as anyone reads it. */
  Future<JsonObject> jwks(String realm) {
    return web.getAbs(issuer(realm) + "/protocol/openid-connect/certs").timeout(TIMEOUT_MS).send()
        .compose(response -> ok(response, "certs")).map(HttpResponse::bodyAsJsonObject);
  }

  /**
   * Adds a generated RS256 key above the realm's others, as an operator rotates keys: new tokens are signed with it,
   * the old key stays published for the tokens it signed. Answers the new key's id.
   */
  Future<String> rotate(String realm) {
    return admin("GET", "/admin/realms/" + realm, null)
        .compose(representation -> admin("POST", "/admin/realms/" + realm + "/components", new JsonObject()
            .put("name", "rotated").put("providerId", "rsa-generated").put("providerType", "org.keycloak.keys.KeyProvider")
            .put("parentId", representation.getString("id"))
            .put("config", new JsonObject().put("priority", new JsonArray().add("200")))))
        .compose(created -> keys(realm))
        .map(keys -> keys.stream().map(JsonObject.class::cast)
            .filter(key -> "RS256".equals(key.getString("algorithm")) && key.getLong("providerPriority") == 200)
            .findFirst().orElseThrow().getString("kid"));
  }

  /** Disables the key provider of {@code kid}: the key is no longer published, as after a compromise. */
  Future<Void> withdraw(String realm, String kid) {
    return keys(realm)
        .map(keys -> keys.stream().map(JsonObject.class::cast).filter(key -> kid.equals(key.getString("kid")))
            .findFirst().orElseThrow().getString("providerId"))
        .compose(provider -> admin("GET", "/admin/realms/" + realm + "/components/" + provider, null)
            .compose(component -> {
              component.getJsonObject("config").put("enabled", new JsonArray().add("false"));
              return admin("PUT", "/admin/realms/" + realm + "/components/" + provider, component);
            }))
        .mapEmpty();
  }

  /** How many times any realm's JWK Set was read, by Keycloak's own metrics. */
  Future<Long> jwksReads() {
    return web.get(managementPort, HOST, "/metrics").timeout(TIMEOUT_MS).send()
        .compose(response -> ok(response, "metrics")).map(response -> {
          long reads = 0;
          Matcher matcher = JWKS_READS.matcher(response.bodyAsString());
          while (matcher.find()) {
            reads += (long) Double.parseDouble(matcher.group(1));
          }
          return reads;
        });
  }

  private Future<JsonArray> keys(String realm) {
    return admin("GET", "/admin/realms/" + realm + "/keys", null).map(keys -> keys.getJsonArray("keys"));
  }

  /** One admin REST call with a fresh token of the master realm's admin; answers the JSON body, or {} for none. */
  private Future<JsonObject> admin(String method, String path, JsonObject body) {
    return token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN,
            "password", ADMIN_PASSWORD))
        .compose(adminToken -> {
          HttpRequest<Buffer> request = web.requestAbs(HttpMethod.valueOf(method), "http://" + HOST + ":" + port + path)
              .bearerTokenAuthentication(adminToken).timeout(TIMEOUT_MS);
          return body == null ? request.send() : request.sendJsonObject(body);
        })
        .compose(response -> ok(response, method + " " + path))
        .map(response -> response.body() == null || response.body().length() == 0 ? new JsonObject()
            : response.bodyAsJsonObject());
  }

  private static Future<HttpResponse<Buffer>> ok(HttpResponse<Buffer> response, String what) {
    return response.statusCode() / 100 == 2 ? Future.succeededFuture(response)
        : Future.failedFuture("Keycloak's " + what + " answered " + response.statusCode() + ": " + response.bodyAsString());
  }
}
