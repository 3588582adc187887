package com.medcontracthub.ocr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("OCR engines")
class OcrEnginesTest {

  private static BufferedImage line(String text) {
    BufferedImage image = new BufferedImage(1800, 200, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 1800, 200);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SERIF, Font.PLAIN, 50));
      g.drawString(text, 50, 120);
    } finally {
      g.dispose();
    }
    return image;
  }

  @Test
  @DisplayName("eight pages read at once on a pool of two engines: each thread keeps its own engine, every text is right")
  void pool(Vertx vertx, VertxTestContext test, @TempDir Path tessdata) {
    OcrEngines engines = new OcrEngines(vertx, "ocr-test", 2, Tessdata.in(tessdata), 60_000);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Set<TesseractEngine> used = ConcurrentHashMap.newKeySet();
    List<Future<String>> read = IntStream.range(0, 8).mapToObj(i -> engines.run(engine -> {
      threads.add(Thread.currentThread().getName());
      used.add(engine);
      return engine.recognize(line("Solicitation number " + (1000 + i)), 300, Duration.ofSeconds(30)).text().strip();
    })).toList();
    Future.all(read).eventually(engines::close).onComplete(test.succeeding(all -> test.verify(() -> {
      assertEquals(IntStream.range(0, 8).mapToObj(i -> "Solicitation number " + (1000 + i)).toList(), all.list());
      assertEquals(2, threads.size(), threads.toString());
      assertEquals(2, used.size(), "one engine per thread");
      assertInstanceOf(OcrEngines.Closing.class, engines.run(engine -> "").cause(),
          "a closed pool takes no more work, and says why: the work was not begun, another JVM may take it");
      test.completeNow();
    })));
  }
}
