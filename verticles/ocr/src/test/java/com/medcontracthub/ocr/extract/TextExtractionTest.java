package com.medcontracthub.ocr.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.ocr.engine.Tessdata;
import com.medcontracthub.ocr.engine.TesseractEngine;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text of documents made by the test from known text, read by the real Tesseract (the native library from the
 * build's jars) and PDFBox; accuracy is printed and held to its floor.
 */
@DisplayName("Text extraction")
class TextExtractionTest {

  static final String NOTICE = """
      The Department of Veterans Affairs intends to award a firm fixed price contract for nitrile examination gloves,
      powder free, in sizes small through extra large, packed 100 per box and 10 boxes per case. Offerors shall deliver
      to the VA Medical Center warehouse within 30 days after receipt of order. Quotes are due by 2:00 PM Eastern on
      January 15, 2027. This requirement is set aside for service-disabled veteran-owned small businesses under NAICS
      code 339113, size standard 800 employees. Questions must be sent to the contracting officer by e-mail no later
      than January 5, 2027. Include the solicitation number 36C24527Q0123 in the subject line of every message.""";
  static final String SECOND_PAGE = """
      Section B: Schedule of supplies. Line item 0001, nitrile examination gloves, small, 500 cases. Line item 0002,
      medium, 800 cases. Line item 0003, large, 800 cases. Line item 0004, extra large, 300 cases. Prices include
      delivery, FOB destination. Packaging shall protect the gloves from heat and light during shipment.""";

  private static final ExtractionLimits LIMITS = new ExtractionLimits(3, 40_000_000, Duration.ofSeconds(60),
      Duration.ofMinutes(5));
  private static TesseractEngine engine;
  private final TextExtraction extraction = new TextExtraction(LIMITS);

  @TempDir
  Path dir;

  @BeforeAll
  static void engine(@TempDir Path tessdata) {
    engine = new TesseractEngine(Tessdata.in(tessdata));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private Path image(String name, String format, BufferedImage image) throws IOException {
    Path file = dir.resolve(name);
    ImageIO.write(image, format, file.toFile());
    return file;
  }

  private ExtractedText.Page only(ExtractedText text) {
    assertEquals(1, text.pages().size());
    return text.pages().get(0);
  }

  @Test
  @DisplayName("a clean 300-dpi page is read with at least 98 % of its characters right")
  void cleanPage() throws Exception {
    ExtractedText.Page page = only(extraction.extract(image("clean.png", "png", Pages.clean(NOTICE)), "image/png", engine));
    double accuracy = Pages.characterAccuracy(NOTICE, page.text());
    System.out.printf("clean page: character accuracy %.4f, confidence %d%n", accuracy, page.confidence());
    assertTrue(accuracy >= 0.98, accuracy + ": " + page.text());
    assertEquals(ExtractedText.Method.OCR, page.method());
    // Tesseract's TSV: level page block paragraph line word left top width height confidence text; 5 is a word
    assertTrue(page.words().lines().anyMatch(line -> line.matches("5\t1(\t\\d+){8}\t[\\d.]+\tVeterans")),
        "the words come with their boxes: " + page.words());
  }

  @Test
  @DisplayName("a scanned-style page (specks, turned 0.8°), as JPEG, is read with at least 90 % of its characters right")
  void scannedPage() throws Exception {
    ExtractedText.Page page = only(extraction.extract(image("scan.jpg", "jpg", Pages.scanned(NOTICE, 0.8, 200, 7)),
        "image/jpeg", engine));
    double accuracy = Pages.characterAccuracy(NOTICE, page.text());
    System.out.printf("scanned page: character accuracy %.4f, confidence %d%n", accuracy, page.confidence());
    assertTrue(accuracy >= 0.90, accuracy + ": " + page.text());
  }

  @Test
  @DisplayName("a PDF page with a text layer is read from it, exactly and without OCR; a scanned PDF page is OCRed")
  void pdfPages() throws Exception {
    Path file = dir.resolve("mixed.pdf");
    try (PDDocument document = new PDDocument()) {
      PDPage typed = new PDPage(PDRectangle.LETTER);
      document.addPage(typed);
      try (PDPageContentStream content = new PDPageContentStream(document, typed)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
        content.setLeading(16);
        content.newLineAtOffset(72, 700);
        for (String line : SECOND_PAGE.lines().toList()) {
          content.showText(line);
          content.newLine();
        }
        content.endText();
      }
      PDPage scanned = new PDPage(PDRectangle.LETTER);
      document.addPage(scanned);
      try (PDPageContentStream content = new PDPageContentStream(document, scanned)) {
        content.drawImage(LosslessFactory.createFromImage(document, Pages.clean(NOTICE)), 0, 0, 612, 792);
      }
      document.save(file.toFile());
    }
    List<ExtractedText.Page> pages = extraction.extract(file, "application/pdf", engine).pages();
    assertEquals(List.of(ExtractedText.Method.TEXT_LAYER, ExtractedText.Method.OCR),
        pages.stream().map(ExtractedText.Page::method).toList());
    assertEquals(1.0, Pages.characterAccuracy(SECOND_PAGE, pages.get(0).text()), pages.get(0).text());
    double accuracy = Pages.characterAccuracy(NOTICE, pages.get(1).text());
    System.out.printf("scanned PDF page rendered at 300 dpi: character accuracy %.4f%n", accuracy);
    assertTrue(accuracy >= 0.98, accuracy + ": " + pages.get(1).text());
  }

  @Test
  @DisplayName("a multi-page TIFF is read page by page")
  void multiPageTiff() throws Exception {
    Path file = dir.resolve("fax.tiff");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      writer.writeToSequence(new IIOImage(Pages.clean(NOTICE), null, null), null);
      writer.writeToSequence(new IIOImage(Pages.clean(SECOND_PAGE), null, null), null);
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    List<ExtractedText.Page> pages = extraction.extract(file, "image/tiff", engine).pages();
    assertEquals(List.of(1, 2), pages.stream().map(ExtractedText.Page::number).toList());
    assertTrue(Pages.characterAccuracy(NOTICE, pages.get(0).text()) >= 0.98, pages.get(0).text());
    assertTrue(Pages.characterAccuracy(SECOND_PAGE, pages.get(1).text()) >= 0.98, pages.get(1).text());
  }

  @Test
  @DisplayName("corrupt and encrypted files fail with their reason")
  void unreadable() throws Exception {
    byte[] noise = new byte[4096];
    new Random(1).nextBytes(noise);
    Path corrupt = Files.write(dir.resolve("corrupt.bin"), noise);
    Path truncated = dir.resolve("truncated.png");
    byte[] png = Files.readAllBytes(image("whole.png", "png", Pages.clean(NOTICE)));
    Files.write(truncated, Arrays.copyOf(png, png.length / 3));
    Path encrypted = dir.resolve("encrypted.pdf");
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage());
      document.protect(new StandardProtectionPolicy("owner", "user", new AccessPermission()));
      document.save(encrypted.toFile());
    }
    assertTrue(reason(corrupt, "application/pdf").startsWith("not a readable PDF"));
    assertTrue(reason(corrupt, "image/png").startsWith("not a readable PNG image"));
    assertTrue(reason(truncated, "image/png").startsWith("not a readable PNG image"), reason(truncated, "image/png"));
    assertEquals("the PDF is encrypted with a password: upload it without one", reason(encrypted, "application/pdf"));
    assertTrue(reason(corrupt, "text/html").startsWith("a text/html file is not read; only "));
  }

  @Test
  @DisplayName("a document past the limits (too many pages, a page too large) fails before it is read")
  void limits() throws Exception {
    Path many = dir.resolve("many.pdf");
    Path huge = dir.resolve("huge.pdf");
    try (PDDocument document = new PDDocument()) {
      for (int i = 0; i < 4; i++) {
        document.addPage(new PDPage());
      }
      document.save(many.toFile());
    }
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage(new PDRectangle(14_400, 14_400)));
      document.save(huge.toFile());
    }
    assertEquals("more than 3 pages; split the document", reason(many, "application/pdf"));
    assertEquals("page 1 is 60000 × 60000 pixels; at most 40000000 are read", reason(huge, "application/pdf"));
    assertEquals("page 1 would take 200 MB decoded (64 bits a pixel); at most 160 MB are read",
        reason(deepPng(dir.resolve("deep.png"), 5000, 5000), "image/png"));
  }

  /**
   * A PNG of 16-bit RGBA samples, eight bytes a pixel, of one colour: a few kilobytes on disk, {@code width × height × 8}
   * bytes decoded.
   */
  private static Path deepPng(Path file, int width, int height) throws Exception {
    ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
        Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
    BufferedImage image = new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false, null);
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private String reason(Path file, String mediaType) {
    return assertThrows(UnreadableDocument.class, () -> extraction.extract(file, mediaType, engine)).getMessage();
  }
}
