package com.medcontracthub.ocr.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Tesseract's trained data, which it reads from a directory: the English model that comes in the build (on the
 * classpath, {@code tessdata/eng.traineddata}) copied once into {@code dir}. Blocks.
 */
public final class Tessdata {

  public static final String LANGUAGE = "eng";
  private static final String RESOURCE = "tessdata/" + LANGUAGE + ".traineddata";

  private Tessdata() {
  }

  /** The directory holding the model, written there unless a copy of the same size is there already. */
  public static Path in(Path dir) {
    try (InputStream model = Tessdata.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (model == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath (it comes with tess4j's jar)");
      }
      Files.createDirectories(dir);
      Path target = dir.resolve(LANGUAGE + ".traineddata");
      Path partial = Files.createTempFile(dir, LANGUAGE, ".part");
      try {
        long bytes = Files.copy(model, partial, StandardCopyOption.REPLACE_EXISTING);
        if (!Files.exists(target) || Files.size(target) != bytes) {
          Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
      } finally {
        Files.deleteIfExists(partial);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Tesseract's trained data to " + dir, e);
    }
  }
}
