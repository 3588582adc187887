package com.medcontracthub.realtime.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.realtime.RealtimeFixture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The standard-library Python client that docs/clients shows, run as a program joins through the TCP bridge. */
@ExtendWith(VertxExtension.class)
@DisplayName("TCP bridge with the documented Python client")
class PythonClientTest {

  private static final Path CLIENT = Path.of("../../docs/clients/mch_bridge.py");

  @Test
  @DisplayName("the Python program posts a comment, gets its ack, and a browser of the same tenant sees it live")
  void pythonComment(Vertx vertx, VertxTestContext ctx) throws Exception {
    assertTrue(Files.isRegularFile(CLIENT), CLIENT.toAbsolutePath().toString());
    RealtimeFixture f = RealtimeFixture.start(vertx, Map.of());
    f.ws(vertx).compose(browser -> {
      browser.register(f.comments(), f.a1().token());
      return browser.next(browser.request(f.notes(), f.a1().token(), new JsonObject().put("action", "load")))
          .compose(settled -> vertx.executeBlocking(() -> {
            Process python = new ProcessBuilder(List.of("python3", CLIENT.toString(), "127.0.0.1",
                String.valueOf(f.tcpPort()), f.a2().token(), f.comments(), "from python")).start();
            assertTrue(python.waitFor(30, TimeUnit.SECONDS), "the client finishes");
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, python.exitValue(), out + err);
            return out;
          }))
          .compose(out -> browser.next(frame -> f.comments().equals(frame.getString("address"))).map(live -> {
            ctx.verify(() -> {
              String[] lines = out.strip().split("\n");
              JsonObject ack = new JsonObject(lines[0].substring("ack ".length()));
              JsonObject seen = new JsonObject(lines[1].substring("message ".length()));
              assertEquals("from python", ack.getString("text"));
              assertEquals(ack.getLong("id"), seen.getLong("id"));
              assertEquals(ack.getLong("id"), live.getJsonObject("body").getLong("id"));
              assertEquals(f.a2().id(), live.getJsonObject("body").getString("userId"));
            });
            return null;
          }));
    }).onComplete(ctx.succeedingThenComplete());
  }
}
