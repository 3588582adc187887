package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.gateway.engine.plugins.KongPlugins;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The declarative gateway file (Kong decK format)")
class GatewayFileTest {

  private static final GatewayExtensions KONG = KongPlugins.only();

  /** An upstream scheme registered as a product registers its own ({@code eventbus://} services). */
  private static final GatewayExtensions WITH_EVENT_BUS = KongPlugins.builder()
      .upstream(new UpstreamType("eventbus", (vertx, service) -> {
        throw new UnsupportedOperationException("only read here");
      }, true))
      .build();

  @Test
  @DisplayName("accepts a decK file written from Kong's documentation as is, with Kong's defaults filled in")
  void kongFile() {
    GatewaySpec spec = GatewayFile.read(Path.of("src/test/resources/declarative/kong-docs.yaml"), WITH_EVENT_BUS);
    assertEquals(List.of("example-service", "search"), spec.services().stream().map(GatewaySpec.Service::name).toList());
    GatewaySpec.Service example = spec.services().get(0);
    assertEquals(List.of("example-route", "headers-route", "maintenance"),
        example.routes().stream().map(GatewaySpec.Route::name).toList());
    assertEquals(80, example.upstream().port());
    assertEquals("opportunities.search", spec.services().get(1).upstream().address());
    GatewaySpec.Plugin limit = example.routes().get(0).plugins().get(0);
    assertEquals("rate-limiting", limit.name());
    assertEquals("fixed", limit.config().getString("window_type"));
    assertEquals("local", limit.config().getString("policy"));
    assertEquals(List.of("correlation-id", "request-size-limiting"),
        spec.globalPlugins().stream().map(GatewaySpec.Plugin::name).toList());
    assertEquals("request-termination", example.routes().get(2).plugins().get(0).name());
    GatewaySpec.Plugin tracing = example.plugins().get(1);
    assertEquals("opentelemetry", tracing.name());
    assertEquals("kong-dev", tracing.config().getJsonObject("resource_attributes").getString("service.name"));
    assertEquals(200, tracing.config().getJsonObject("queue").getInteger("max_batch_size"));
    assertEquals("preserve", tracing.config().getString("header_type"));
    assertEquals("ot", tracing.config().getJsonObject("propagation").getString("default_format"));
    assertEquals(List.of("rate-limiting"), spec.consumers().get(0).plugins().stream().map(GatewaySpec.Plugin::name).toList());
    JsonObject flatRedis = spec.consumers().get(1).plugins().get(0).config().getJsonObject("redis");
    assertEquals("redis-legacy.internal", flatRedis.getString("host"));
    assertEquals(List.of("gold-tier"), spec.consumers().get(0).groups());
    assertEquals("acl", example.routes().get(0).plugins().get(2).name());
    assertEquals(6380, flatRedis.getInteger("port"));
    assertEquals(1500, flatRedis.getInteger("timeout"));
    assertEquals(0, flatRedis.getInteger("database"), "Kong's default");
    assertEquals(List.of("ip-restriction"), spec.services().get(1).plugins().stream().map(GatewaySpec.Plugin::name).toList());
  }

  @Test
  @DisplayName("checks basic-auth passwords written plain, or hashed by Kong with the consumer's id (_transform: false)")
  void basicAuthPasswords() {
    String file = """
        _format_version: "3.0"
        _transform: %s
        consumers:
          - username: dana
            id: 5f0a8d2c-consumer
            basicauth_credentials: [{username: dana, password: "%s"}]
        """;
    GatewaySpec.BasicCredential plain = GatewayFile.parse(file.formatted("true", "pa55"), KONG)
        .consumers().get(0).basicCredentials().get(0);
    // Kong's kong/plugins/basic-auth/crypto.lua: hex SHA-1 of the password followed by the consumer's id, here made
    // apart from this code (printf 'pa555f0a8d2c-consumer' | sha1sum)
    GatewaySpec.BasicCredential hashed = GatewayFile.parse(file.formatted("false",
        "f65ce70af731e8a2df956fb9f4c8c7699773b8f4"), KONG).consumers().get(0).basicCredentials().get(0);
    assertTrue(BasicPasswords.matches(plain, "pa55"));
    assertTrue(BasicPasswords.matches(hashed, "pa55"));
    assertFalse(BasicPasswords.matches(hashed, "pa56"));
    assertEquals("consumers[0].basicauth_credentials[0].password: expected Kong's SHA-1 hash (_transform: false)",
        problem(file.formatted("false", "pa55")));
  }

  @Test
  @DisplayName("renders decK's ${{ env \"DECK_…\" }} templates (toInt, toBool, toFloat, indent) before reading the "
      + "file, leaves comments alone, and refuses what decK refuses, naming the line")
  void deckTemplates() {
    String file = """
        _format_version: "3.0"
        # ${{ env "HOME" }} in a comment is not rendered
        services:
          - name: echo
            url: ${{ env "DECK_UPSTREAM_URL" }}
            retries: ${{ env "DECK_RETRIES" | toInt }}
            routes:
              - name: echo
                paths: [/echo]
                strip_path: ${{ env "DECK_STRIP_PATH" | toBool }}
        consumers:
          - username: partner
            keyauth_credentials: [{key: "${{ env "DECK_PARTNER_KEY" }}"}]
        """;
    Map<String, String> env = Map.of("DECK_UPSTREAM_URL", "http://10.0.0.7:8080/base", "DECK_RETRIES", "2",
        "DECK_STRIP_PATH", "F", "DECK_PARTNER_KEY", "k-789");
    GatewaySpec spec = GatewayFile.parse(file, env, KONG);
    GatewaySpec.Service service = spec.services().get(0);
    assertEquals(List.of("10.0.0.7", "8080", "/base", "2", "false", "[k-789]"), List.of(service.upstream().host(),
        String.valueOf(service.upstream().port()), service.upstream().path(), String.valueOf(service.retries()),
        String.valueOf(service.routes().get(0).stripPath()), String.valueOf(spec.consumers().get(0).keys())));
    assertEquals("cert: |\n  -----BEGIN-----\n  AAAA\n  -----END-----\nratio: 0.5\n",
        DeckTemplates.render("cert: |\n  ${{ env \"DECK_CERT\" | indent 2 }}\nratio: ${{ env \"DECK_RATIO\" | toFloat }}\n",
            Map.of("DECK_CERT", "-----BEGIN-----\nAAAA\n-----END-----", "DECK_RATIO", "0.5")));

    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("${{ env \"DECK_GONE\" }}", "line 1: ${{ env \"DECK_GONE\" }}: DECK_GONE is not set");
    refusals.put("${{ env \"HOME\" }}",
        "line 1: ${{ env \"HOME\" }}: environment variables in the file must be prefixed with DECK_");
    refusals.put("${{ env \"DECK_RETRIES\" | toInt }}x${{ env \"DECK_STRIP_PATH\" | toInt }}",
        "line 1: ${{ env \"DECK_STRIP_PATH\" | toInt }}: DECK_STRIP_PATH is \"F\", not an integer");
    refusals.put("${{ env \"DECK_RETRIES\" | upper }}",
        "line 1: ${{ env \"DECK_RETRIES\" | upper }}: unknown function upper (decK's are toInt, toBool, toFloat and indent)");
    refusals.put("${{ .Values.port }}", "line 1: ${{ .Values.port }}: expected env \"DECK_NAME\", optionally | toInt, "
        + "| toBool, | toFloat or | indent N");
    Map<String, String> seen = new LinkedHashMap<>();
    refusals.keySet().forEach(text -> seen.put(text, assertThrows(DeclarativeException.class,
        () -> DeckTemplates.render(text, env)).getMessage()));
    assertEquals(refusals, seen);
  }

  @Test
  @DisplayName("resolves Kong's env vault references, and names the path of one it cannot")
  void vaultReferences() {
    String file = """
        _format_version: "3.0"
        consumers:
          - username: partner
            keyauth_credentials: [{key: "%s"}]
        """;
    Map<String, String> env = Map.of("PARTNER_KEY", "k-123", "SECRETS", "{\"partner\": \"k-456\"}");
    assertEquals(List.of("k-123"),
        GatewayFile.parse(file.formatted("{vault://env/partner-key}"), env, KONG).consumers().get(0).keys());
    assertEquals(List.of("k-456"),
        GatewayFile.parse(file.formatted("{vault://env/secrets/partner}"), env, KONG).consumers().get(0).keys());
    assertEquals("consumers[0].keyauth_credentials[0].key: {vault://env/gone}: the environment has no GONE",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(file.formatted("{vault://env/gone}"), env, KONG))
            .getMessage());
    assertEquals("consumers[0].keyauth_credentials[0].key: only env vaults are available here ({vault://env/NAME}, "
            + "{vault://env/NAME/key}, or the prefix of one of the file's vaults), not {vault://aws/partner}",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(file.formatted("{vault://aws/partner}"), env, KONG))
            .getMessage());
  }

  @Test
  @DisplayName("reads references to the file's own env vaults, under their prefix and with their variable prefix; "
      + "refuses a vault of another kind")
  void vaultEntities() {
    String file = """
        _format_version: "3.0"
        vaults:
          - name: env
            prefix: partner-secrets
            description: the partner feed's keys, set by the deployment
            config: {prefix: PARTNER_}
          - name: %s
            prefix: cloud
        consumers:
          - username: partner
            keyauth_credentials: [{key: "{vault://partner-secrets/feed-key}"}]
        """;
    Map<String, String> env = Map.of("PARTNER_FEED_KEY", "k-789");
    assertEquals(List.of("k-789"), GatewayFile.parse(file.formatted("env"), env, KONG).consumers().get(0).keys());
    assertEquals("vaults[1].name: a hcv vault cannot be read from here; only env vaults (environment variables) can",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(file.formatted("hcv"), env, KONG))
            .getMessage());
    assertEquals("vaults[1].prefix: a second vault with prefix \"partner-secrets\"", assertThrows(
        DeclarativeException.class, () -> GatewayFile.parse(file.formatted("env").replace("prefix: cloud",
            "prefix: partner-secrets"), env, KONG)).getMessage());
    assertEquals("vaults[0].config.base64_decode: not supported: give the value as it is", assertThrows(
        DeclarativeException.class, () -> GatewayFile.parse(file.formatted("env").replace("config: {prefix: PARTNER_}",
            "config: {prefix: PARTNER_, base64_decode: true}"), env, KONG)).getMessage());
  }

  @Test
  @DisplayName("checks key sets and keys (JWK or PEM), and refuses Lua plugins and WASM filter chains saying why")
  void keysAndWhatTheJvmCannotRun() throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String publicPem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder()
        .encodeToString(rsa.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
    String keys = """
        _format_version: "3.0"
        key_sets: [{name: signing}]
        keys:
          - name: current
            kid: "2026-12"
            set: {name: signing}
            jwk: '{"kty":"EC","kid":"2026-12","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}'
          - name: previous
            kid: "2026-06"
            set: signing
            pem:
              public_key: |
        %s
        """.formatted(publicPem.indent(8));
    GatewayFile.parse(keys, KONG);
    assertEquals("keys[0].jwk: its kid must be the key's, \"2026-12\"", problem(keys.replace("\"kid\":\"2026-12\"",
        "\"kid\":\"other\"")));
    assertEquals("keys[1].set: no key set named \"signing\" or with that id", problem(keys.replace("[{name: signing}]",
        "[{name: other}]").replace("set: {name: signing}", "set: {name: other}")));
    assertEquals("keys[1].pem.public_key: not an RSA, EC or EdDSA key", problem(keys.replace("MII", "MIJ")));
    assertEquals("keys[0].jwk: kty must be RSA, EC, OKP or oct", problem(keys.replace("\"kty\":\"EC\"",
        "\"kty\":\"DSA\"")));
    assertEquals("keys[0].jwk: a EC key needs y", problem(keys.replace(",\"y\":", ",\"why\":")));
    assertEquals("keys[0]: a key needs exactly one of jwk and pem", problem(keys.replace("jwk: '", "pem: {public_key: x}\n    jwk: '")));
    assertEquals("keys[0].pem: give public_key, private_key or both", problem("""
        _format_version: "3.0"
        keys: [{kid: a, pem: {}}]
        """));
    assertEquals("keys[1].pem.public_key: expected a PEM PUBLIC KEY block (PKCS #8 or X.509; convert an RSA or EC one "
        + "with openssl pkey)", problem(keys.replace("BEGIN PUBLIC KEY", "BEGIN RSA PUBLIC KEY")));
    assertEquals("plugins[0].name: pre-function runs the Lua code written in the file inside Kong's nginx; this gateway "
        + "runs on the JVM and cannot run it (a product plugin, PluginType, does such work here)", problem("""
        _format_version: "3.0"
        plugins: [{name: pre-function, config: {access: ["kong.log.err('hi')"]}}]
        """));
    assertEquals("services[0].filter_chains: WASM filter chains run inside Kong's nginx (proxy-wasm); this gateway "
        + "runs on the JVM and cannot load them", problem("""
        _format_version: "3.0"
        services: [{name: a, url: "http://x", filter_chains: [{filters: [{name: response_transformer}]}]}]
        """));
  }

  private static String problem(String yaml) {
    return assertThrows(DeclarativeException.class, () -> GatewayFile.parse(yaml, KONG)).getMessage();
  }

  @Test
  @DisplayName("names the path in the file of an unknown plugin, an unknown field and a wrong type")
  void pathsOfProblems() {
    for (KongFiles.Problem bad : KongFiles.PLUGIN_CONFIG_PROBLEMS) {
      assertEquals(bad.named(), problem(bad.file()));
    }
    assertEquals("services[2].plugins[0].name: unknown plugin \"rate-limit\"; known: acl, basic-auth, correlation-id, cors, "
        + "hmac-auth, ip-restriction, jwt, key-auth, openid-connect, opentelemetry, prometheus, proxy-cache, "
        + "rate-limiting, request-size-limiting, request-termination, request-transformer, response-transformer, zipkin",
        problem(KongFiles.thirdServicePlugin("rate-limit", "")));
  }

  @Test
  @DisplayName("refuses other format versions, unknown route fields, bad upstreams and dangling references")
  void otherProblems() {
    for (KongFiles.Problem bad : KongFiles.FILE_PROBLEMS) {
      assertEquals(bad.named(), problem(bad.file()));
    }
    assertEquals("services[0].url: expected an http:// or https:// upstream but got ftp", problem(KongFiles.FTP_SERVICE));
    assertEquals("services[0].url: expected an http:// or https:// upstream but got eventbus", problem("""
        _format_version: "3.0"
        services: [{name: a, url: "eventbus://things"}]
        """), "a scheme no product registered");
    assertEquals("services[0].url: expected an http://, https:// or eventbus:// upstream but got ftp",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse(KongFiles.FTP_SERVICE, WITH_EVENT_BUS))
            .getMessage());
    assertEquals("services[0].url: expected eventbus://<address> but got \"eventbus://a/b\"",
        assertThrows(DeclarativeException.class, () -> GatewayFile.parse("""
            _format_version: "3.0"
            services: [{name: a, url: "eventbus://a/b"}]
            """, WITH_EVENT_BUS)).getMessage());
  }
}
