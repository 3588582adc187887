package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser client end to end in headless Chromium (Debian's, which .ci/run installs), driven by Playwright
 * ({@code web/e2e/two-users.mjs}): two users in two browser contexts see each other's presence, comment and note
 * edits, documents, pipeline moves on the page and the board, the dashboard, the AI search and an analysis; axe-core
 * checks each view for WCAG 2.1 AA. On failure the pages' screenshots are in {@code target/e2e}.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Browser client")
class BrowserIT {

  private static final Path SCRIPT = Path.of("../web/e2e/two-users.mjs");
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @TempDir
  Path dataDir;

  /** A one-page PDF with a text layer, as a user would upload it. */
  private static Path award(Path file) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
        content.newLineAtOffset(72, 700);
        content.showText("Nitrile examination gloves, powder free, 100 per box, delivered within 30 days.");
        content.endText();
      }
      document.save(file.toFile());
    }
    return file;
  }

  @Test
  // a fresh mch up, then the browser run of up to 2 minutes: the extension's default of 30 s is too short on a busy CI
  @Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
  @DisplayName("two users on one opportunity see each other's presence, comments, note edits and pipeline moves live, a "
      + "document one uploads is read and searchable for both, and every view passes an accessibility check")
  void twoUsers(Vertx vertx, VertxTestContext ctx) throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install Debian's chromium (.ci/run does)");
    List<String> args = new ArrayList<>(List.of("up", "--data-dir", dataDir.toString(), "--fresh"));
    args.addAll(List.of(EmbeddedSystemIT.FREE_PORTS));
    MchProcess mch = MchProcess.start(Map.of(), args.toArray(String[]::new));
    Path shots = Files.createDirectories(Path.of("target/e2e"));
    // not in the data directory, which mch up --fresh empties
    Path document = award(Files.createDirectories(Path.of("target/e2e/upload")).resolve("award.pdf"));
    Future.fromCompletionStage(mch.ready())
        .compose(port -> vertx.executeBlocking(() -> {
          Process node = new ProcessBuilder("node", SCRIPT.toString(), "http://127.0.0.1:" + port, shots.toString(),
              document.toString())
              .redirectErrorStream(true).start();
          boolean finished = node.waitFor(120, TimeUnit.SECONDS);
          String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          if (!finished) {
            node.destroyForcibly();
          }
          assertTrue(finished, "the browser test finished within 2 minutes: " + output);
          assertEquals(0, node.exitValue(), output);
          assertTrue(output.contains("e2e ok"), output);
          System.out.println(output);
          return output;
        }))
        // stopped before the data directory is deleted: mch stops its PostgreSQL and Redis as it exits
        .eventually(() -> vertx.executeBlocking(() -> {
          mch.terminate();
          return mch.awaitExit(30);
        }))
        .onComplete(ar -> {
          if (mch.isAlive()) {
            mch.kill();
          }
          ctx.verify(() -> assertTrue(ar.succeeded(), () -> String.valueOf(ar.cause()) + "\nmch stderr: " + mch.stderr()));
          ctx.completeNow();
        });
  }
}
