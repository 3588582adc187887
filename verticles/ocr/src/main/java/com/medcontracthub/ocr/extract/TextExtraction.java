package com.medcontracthub.ocr.extract;

import com.medcontracthub.ocr.engine.TesseractEngine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A document's text, page by page: a PDF page's own text when it has a usable one (no OCR), its image rendered at
 * {@value #DPI} dpi and read by Tesseract otherwise; PNG and JPEG images read as one page, TIFF page by page. Within
 * {@link ExtractionLimits}; a file that cannot be read fails with {@link UnreadableDocument} and why. Blocks: runs on an
 * engine's thread.
 */
public final class TextExtraction {

  public static final int DPI = 300;
  /** Fewer letters and digits than this on a PDF page and its text layer is taken for none (a scan's stray marks). */
  static final int MIN_TEXT_LAYER_CHARS = 16;
  static final int MAX_PAGE_CHARS = 200_000;
  /** The bits of a pixel {@code ocr.max-pixels} is counted in: 8-bit RGBA. */
  private static final int RGBA_BITS = 32;
  static final Map<String, String> READABLE = Map.of("application/pdf", "PDF", "image/png", "PNG image",
      "image/jpeg", "JPEG image", "image/tiff", "TIFF image");

  private final ExtractionLimits limits;

  public TextExtraction(ExtractionLimits limits) {
    this.limits = limits;
  }

  /**
   * The document's text; {@link UnreadableDocument} when the document is at fault (whatever the parsers throw on it),
   * an {@link UncheckedIOException} when the file cannot be had (a store not mounted: worth trying again).
   */
  public ExtractedText extract(Path file, String mediaType, TesseractEngine engine) {
    if (!READABLE.containsKey(mediaType)) {
      throw new UnreadableDocument("a " + mediaType + " file is not read; only " + String.join(", ", READABLE.values()));
    }
    if (!Files.isReadable(file)) {
      throw new UncheckedIOException(new IOException("the stored file cannot be read"));
    }
    long deadline = System.nanoTime() + limits.documentTimeout().toNanos();
    try {
      return mediaType.equals("application/pdf") ? pdf(file, engine, deadline) : images(file, mediaType, engine, deadline);
    } catch (UnreadableDocument e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new UnreadableDocument("not a readable " + READABLE.get(mediaType) + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private ExtractedText pdf(Path file, TesseractEngine engine, long deadline) throws IOException {
    // parsed objects go to a temporary file, not the heap: a document with huge streams cannot exhaust memory
    try (PDDocument document = Loader.loadPDF(file.toFile(), "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
      int count = document.getNumberOfPages();
      pageCount(count);
      PDFRenderer renderer = new PDFRenderer(document);
      // an embedded image larger than the page needs is decoded at the page's resolution, not its own
      renderer.setSubsamplingAllowed(true);
      PDFTextStripper stripper = new PDFTextStripper();
      List<ExtractedText.Page> pages = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        stripper.setStartPage(i + 1);
        stripper.setEndPage(i + 1);
        inTime(deadline);
        String layer = text(i + 1, stripper.getText(document).strip());
        if (layer.codePoints().filter(Character::isLetterOrDigit).count() >= MIN_TEXT_LAYER_CHARS) {
          pages.add(new ExtractedText.Page(i + 1, ExtractedText.Method.TEXT_LAYER, layer, 100, null));
        } else {
          PDPage page = document.getPage(i);
          PDRectangle box = page.getCropBox();
          pixels(i + 1, (long) Math.ceil(box.getWidth() / 72 * DPI), (long) Math.ceil(box.getHeight() / 72 * DPI));
          BufferedImage image = renderer.renderImageWithDPI(i, DPI, ImageType.GRAY);
          pages.add(recognized(i + 1, image, engine));
        }
      }
      return new ExtractedText(pages);
    } catch (InvalidPasswordException e) {
      throw new UnreadableDocument("the PDF is encrypted with a password: upload it without one");
    }
  }

  private ExtractedText images(Path file, String mediaType, TesseractEngine engine, long deadline) throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
      if (readers == null || !readers.hasNext()) {
        throw new UnreadableDocument("not a readable " + READABLE.get(mediaType));
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, false, true);
        List<ExtractedText.Page> pages = new ArrayList<>();
        for (int i = 0; i < limits.maxPages() + 1; i++) {
          if (!hasImage(reader, i)) {
            break;
          }
          pageCount(i + 1);
          inTime(deadline);
          // the sizes and sample depths come from the header: checked before a pixel is decoded
          pixels(i + 1, reader.getWidth(i), reader.getHeight(i));
          decodedSize(i + 1, reader.getWidth(i), reader.getHeight(i), reader.getRawImageType(i));
          pages.add(recognized(i + 1, reader.read(i), engine));
        }
        if (pages.isEmpty()) {
          throw new UnreadableDocument("the " + READABLE.get(mediaType) + " holds no image");
        }
        return new ExtractedText(pages);
      } finally {
        reader.dispose();
      }
    }
  }

  /** Whether the file has an image at {@code index}: read one by one, so a file that claims a million is not walked. */
  private static boolean hasImage(ImageReader reader, int index) throws IOException {
    try {
      reader.getWidth(index);
      return true;
    } catch (IndexOutOfBoundsException e) {
      return false;
    }
  }

  private ExtractedText.Page recognized(int number, BufferedImage image, TesseractEngine engine) {
    try {
      TesseractEngine.Recognized read = engine.recognize(image, DPI, limits.pageTimeout());
      return new ExtractedText.Page(number, ExtractedText.Method.OCR, text(number, read.text().strip()), read.confidence(),
          read.words());
    } catch (TesseractEngine.TooSlow e) {
      throw new UnreadableDocument("page " + number + " " + e.getMessage() + " to read");
    }
  }

  /** A page's text, refused past {@value #MAX_PAGE_CHARS} characters (a page of a document, not a text dump). */
  private static String text(int page, String text) {
    if (text.length() > MAX_PAGE_CHARS) {
      throw new UnreadableDocument("page " + page + " holds more than " + MAX_PAGE_CHARS + " characters of text");
    }
    return text;
  }

  private void inTime(long deadline) {
    if (System.nanoTime() > deadline) {
      throw new UnreadableDocument("took longer than " + limits.documentTimeout().toMinutes()
          + " minutes to read; split the document");
    }
  }

  private void pageCount(int pages) {
    if (pages > limits.maxPages()) {
      throw new UnreadableDocument("more than " + limits.maxPages() + " pages; split the document");
    }
  }

  /**
   * An image's pixels may be wider than a PDF page's as rendered (16 bits a sample, many samples): decoded, a page may
   * take at most what {@code maxPixels} 8-bit RGBA pixels would. An image type the header does not tell counts as such.
   */
  private void decodedSize(int page, long width, long height, ImageTypeSpecifier type) {
    int bits = 0;
    for (int band = 0; type != null && band < type.getNumBands(); band++) {
      bits += type.getBitsPerBand(band);
    }
    long bytes = width * height * Math.max(bits, RGBA_BITS) / 8;
    if (bytes > limits.maxPixels() * (RGBA_BITS / 8)) {
      throw new UnreadableDocument("page " + page + " would take " + bytes / 1_000_000 + " MB decoded (" + bits
          + " bits a pixel); at most " + limits.maxPixels() * (RGBA_BITS / 8) / 1_000_000 + " MB are read");
    }
  }

  private void pixels(int page, long width, long height) {
    if (width < 1 || height < 1 || width * height > limits.maxPixels()) {
      throw new UnreadableDocument("page " + page + " is " + width + " × " + height + " pixels; at most "
          + limits.maxPixels() + " are read");
    }
  }
}
