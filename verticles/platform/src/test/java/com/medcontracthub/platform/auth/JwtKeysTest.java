package com.medcontracthub.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Signing keys")
class JwtKeysTest {

  @TempDir
  Path dir;

  private MchConfig config(Vertx vertx) {
    return ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(), Map.of()).await()
        .with(Map.of(ConfigKeys.AUTH_KEY_DIR, dir.toString()), "test");
  }

  private static final JsonObject ALICE = new JsonObject().put("userId", "u-1").put("tenantId", "t-1")
      .put("role", "member").put("tokenVersion", 0);

  @Test
  @DisplayName("after a rotation new tokens carry the new key, tokens signed before it stay valid, and both keys are "
      + "published while the old one is honoured")
  void rotation(Vertx vertx, VertxTestContext ctx) throws Exception {
    MchConfig config = config(vertx);
    JwtKeys.Keys first = JwtKeys.load(config);
    String before = new Tokens(vertx, first.options(), 600).issue(ALICE);
    String newKid = JwtKeys.rotate(dir, Instant.now().plusSeconds(600));
    JwtKeys.Keys overlap = JwtKeys.load(config);
    Tokens rotated = new Tokens(vertx, overlap.options(), 600);
    String after = rotated.issue(ALICE);
    Future.all(rotated.verify(before), rotated.verify(after)).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      String oldKid = first.inEffect().get(0);
      assertNotEquals(oldKid, newKid);
      assertEquals(List.of(oldKid, newKid), List.of(kid(before), kid(after)));
      assertEquals(List.of(newKid, oldKid), overlap.inEffect(), "signing with the new, honouring the old");
      assertEquals(2, overlap.jwks().getJsonArray("keys").size());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a retired key whose time has ended is no longer honoured nor published, and the next rotation removes it")
  void retiredKeyEnds(Vertx vertx, VertxTestContext ctx) throws Exception {
    MchConfig config = config(vertx);
    String before = new Tokens(vertx, JwtKeys.load(config).options(), 600).issue(ALICE);
    String newKid = JwtKeys.rotate(dir, Instant.now().plusSeconds(1));
    Path retired = dir.resolve(JwtKeys.RETIRED);
    Eventually.until(vertx, () -> JwtKeys.load(config).inEffect().size() == 1, 5_000, "the old key's second over")
        .compose(v -> {
          JwtKeys.Keys after = JwtKeys.load(config);
          return new Tokens(vertx, after.options(), 600).verify(before)
              .transform(refused -> Future.succeededFuture(List.of(refused.failed(), after)));
        })
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          JwtKeys.Keys after = (JwtKeys.Keys) outcome.get(1);
          assertEquals(true, outcome.get(0), "a token of the ended key is refused");
          assertEquals(List.of(newKid), after.inEffect());
          assertEquals(1, after.jwks().getJsonArray("keys").size());
          JwtKeys.rotate(dir, Instant.now().plusSeconds(600));
          try (Stream<Path> files = Files.list(retired)) {
            List<String> kept = files.map(file -> file.getFileName().toString()).toList();
            assertEquals(1, kept.size(), "the ended key removed, the one just retired kept: " + kept);
            assertTrue(kept.get(0).startsWith(newKid + ".until-"), kept::toString);
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("rotating an empty directory makes the first pair, which then signs and verifies")
  void firstPair(Vertx vertx, VertxTestContext ctx, @TempDir Path empty) throws Exception {
    String kid = JwtKeys.rotate(empty, Instant.now().plusSeconds(600));
    JwtKeys.Keys keys = JwtKeys.load(config(vertx).with(Map.of(ConfigKeys.AUTH_KEY_DIR, empty.toString(),
        ConfigKeys.AUTH_GENERATE_KEYS, "false"), "test"));
    Tokens tokens = new Tokens(vertx, keys.options(), 600);
    String token = tokens.issue(ALICE);
    tokens.verify(token).onComplete(ctx.succeeding(claims -> ctx.verify(() -> {
      assertEquals(List.of(kid), keys.inEffect());
      assertEquals(kid, kid(token));
      assertTrue(Files.notExists(empty.resolve(JwtKeys.RETIRED)), "nothing retired");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a rotated directory copied flat, as into a Kubernetes Secret, still honours the retired key")
  void flatDirectory(Vertx vertx, VertxTestContext ctx, @TempDir Path secret) throws Exception {
    MchConfig config = config(vertx);
    String before = new Tokens(vertx, JwtKeys.load(config).options(), 600).issue(ALICE);
    String newKid = JwtKeys.rotate(dir, Instant.now().plusSeconds(600));
    // what kubectl create secret generic --from-file=DIR --from-file=DIR/retired holds: every file, side by side
    try (Stream<Path> top = Files.list(dir); Stream<Path> retired = Files.list(dir.resolve(JwtKeys.RETIRED))) {
      for (Path file : Stream.concat(top, retired).filter(Files::isRegularFile).toList()) {
        Files.copy(file, secret.resolve(file.getFileName().toString()));
      }
    }
    JwtKeys.Keys mounted = JwtKeys.load(config.with(Map.of(ConfigKeys.AUTH_KEY_DIR, secret.toString()), "test"));
    new Tokens(vertx, mounted.options(), 600).verify(before).onComplete(ctx.succeeding(claims -> ctx.verify(() -> {
      assertEquals(newKid, mounted.inEffect().get(0), "signing with the new key");
      assertEquals(2, mounted.inEffect().size(), "and honouring the retired one: " + mounted.inEffect());
      ctx.completeNow();
    })));
  }

  private static String kid(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
        .getString("kid");
  }
}
