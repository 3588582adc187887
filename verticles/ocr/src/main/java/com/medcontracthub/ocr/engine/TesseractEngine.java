package com.medcontracthub.ocr.engine;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ETEXT_DESC;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * One Tesseract engine (bytedeco's preset of the C++ API): not thread-safe, so each is used by one thread only
 * ({@link OcrEngines}). Reads an image's text, its mean confidence and its words with their boxes (Tesseract's TSV),
 * within a deadline.
 */
public final class TesseractEngine implements AutoCloseable {

  /** What a page holds: its text, the mean confidence of its words (0-100), and the words with their boxes. */
  public record Recognized(String text, int confidence, String words) {
  }

  /** Tesseract ran out of its time for a page. */
  public static final class TooSlow extends RuntimeException {
    public TooSlow(Duration limit) {
      super("took longer than " + limit.toMillis() + " ms", null, false, false);
    }
  }

  private final TessBaseAPI api = new TessBaseAPI();

  /** Loads the model from {@code tessdata} (see {@link Tessdata}); blocks for a few hundred milliseconds. */
  public TesseractEngine(Path tessdata) {
    if (api.Init(tessdata.toString(), Tessdata.LANGUAGE) != 0) {
      api.close();
      throw new IllegalStateException("Tesseract could not load its '" + Tessdata.LANGUAGE + "' model from " + tessdata);
    }
  }

  /** The text of an image scanned at {@code dpi}, read in at most {@code deadline}. */
  public Recognized recognize(BufferedImage image, int dpi, Duration deadline) {
    BufferedImage gray = gray(image);
    byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
    try (ETEXT_DESC monitor = new ETEXT_DESC()) {
      api.SetImage(pixels, gray.getWidth(), gray.getHeight(), 1, gray.getWidth());
      api.SetSourceResolution(dpi);
      monitor.set_deadline_msecs((int) Math.min(Integer.MAX_VALUE, deadline.toMillis()));
      if (api.Recognize(monitor) != 0 || monitor.deadline_exceeded()) {
        throw new TooSlow(deadline);
      }
      return new Recognized(text(api.GetUTF8Text()), Math.max(0, api.MeanTextConf()), text(api.GetTSVText(0)));
    } finally {
      api.Clear();
    }
  }

  @Override
  public void close() {
    api.End();
    api.close();
  }

  private static String text(BytePointer pointer) {
    if (pointer == null || pointer.isNull()) {
      return "";
    }
    try {
      return pointer.getString(java.nio.charset.StandardCharsets.UTF_8);
    } finally {
      pointer.deallocate();
    }
  }

  /** The image as 8-bit gray, which Tesseract reads from its bytes as they are. */
  private static BufferedImage gray(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      return image;
    }
    BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    var g = gray.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return gray;
  }
}
