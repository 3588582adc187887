package com.medcontracthub.launcher;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A relying party nobody here wrote ({@code web/e2e/verify-token.mjs}: panva's jose, run by Node): it verifies a
 * gateway's token through the gateway's discovery document and JWK Set, as another service trusting its logins
 * would, so that a misreading shared by the product's issuer and its own verifier cannot pass unseen.
 */
final class RelyingParty {

  private static final Path SCRIPT = Path.of("../web/e2e/verify-token.mjs");

  /** jose's answer: the verified header and claims, or its error code and message. */
  record Verdict(boolean verified, String output) {

    JsonObject header() {
      return new JsonObject(output).getJsonObject("header");
    }

    JsonObject claims() {
      return new JsonObject(output).getJsonObject("claims");
    }
  }

  private RelyingParty() {
  }

  /** Blocks until Node has answered (at most 30 s). */
  static Verdict verify(int gatewayPort, String token, String audience) throws IOException, InterruptedException {
    Process node = new ProcessBuilder("node", SCRIPT.toString(), "http://127.0.0.1:" + gatewayPort, token, audience)
        .redirectErrorStream(true).start();
    if (!node.waitFor(30, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      throw new IllegalStateException("the relying party did not answer within 30 s");
    }
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (node.exitValue() > 1) {
      throw new IllegalStateException("the relying party could not run: " + output);
    }
    return new Verdict(node.exitValue() == 0, output);
  }
}
