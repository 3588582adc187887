package com.medcontracthub.opportunities.reports;

import com.medcontracthub.opportunities.pipeline.PipelineStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A pipeline report as a PDF (Apache PDFBox), US Letter: the count at each stage, what is due in the next two weeks,
 * what moved in the last week, and every opportunity by deadline. Times are UTC: one report serves a whole tenant.
 * Rendering blocks (CPU and memory only): call it off the event loop.
 */
final class ReportPdf {

  static final Duration DUE_SOON = Duration.ofDays(14);
  static final Duration MOVED_RECENTLY = Duration.ofDays(7);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu", Locale.US);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, uuuu HH:mm 'UTC'", Locale.US)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.US)
      .withZone(ZoneOffset.UTC);

  private ReportPdf() {
  }

  static byte[] render(PipelineSnapshot report) {
    try (PDDocument document = new PDDocument()) {
      PdfPages pages = new PdfPages(document);
      pages.title("Pipeline report");
      pages.line((report.week() == null ? "Made on request" : "Week of " + DAY.format(report.week()))
          + " · made " + TIME.format(report.madeAt()) + " · times in UTC");
      pages.heading("By stage");
      pages.table(new float[] {120, 80}, List.of("Stage", "Opportunities"), report.stageCounts().entrySet().stream()
          .map(stage -> List.of(stage.getKey(), String.valueOf(stage.getValue()))).toList());
      pages.heading("Due in the next " + DUE_SOON.toDays() + " days");
      pages.table(new float[] {62, 56, 292, 102}, List.of("Deadline", "Stage", "Title", "Notice"), report.entries().stream()
          .filter(entry -> PipelineStore.OPEN_STAGES.contains(entry.stage()) && entry.deadline() != null
              && entry.deadline().isAfter(report.madeAt())
              && entry.deadline().isBefore(report.madeAt().plus(DUE_SOON)))
          .map(entry -> List.of(SHORT.format(entry.deadline()), entry.stage(), entry.title(), entry.noticeId())).toList());
      pages.heading("Moved in the last " + MOVED_RECENTLY.toDays() + " days");
      pages.table(new float[] {62, 56, 394}, List.of("Moved", "To", "Title"), report.entries().stream()
          .filter(entry -> entry.movedAt().isAfter(report.madeAt().minus(MOVED_RECENTLY)))
          .sorted((a, b) -> b.movedAt().compareTo(a.movedAt()))
          .map(entry -> List.of(SHORT.format(entry.movedAt()), entry.stage(), entry.title())).toList());
      pages.heading("Every opportunity in the pipeline (" + report.total() + ")");
      pages.table(new float[] {62, 56, 180, 214}, List.of("Deadline", "Stage", "Title", "Agency · set-aside"),
          report.entries().stream().map(entry -> List.of(entry.deadline() == null ? "none" : SHORT.format(entry.deadline()),
              entry.stage(), entry.title(), agency(entry))).toList());
      if (report.total() > report.entries().size()) {
        pages.line("…and " + (report.total() - report.entries().size()) + " more, not shown here.");
      }
      pages.finish();
      document.getDocumentInformation().setTitle("Pipeline report");
      document.getDocumentInformation().setCreator("MedContractHub");
      Calendar made = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.US);
      made.setTimeInMillis(report.madeAt().toEpochMilli());
      document.getDocumentInformation().setCreationDate(made);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String agency(PipelineSnapshot.Entry entry) {
    List<String> parts = new ArrayList<>();
    if (entry.agency() != null) {
      // "DEPT OF VETERANS AFFAIRS.VETERANS AFFAIRS, DEPARTMENT OF.NAC": the department is enough here
      parts.add(entry.agency().split("\\.")[0]);
    }
    if (entry.setAside() != null) {
      parts.add(entry.setAside());
    }
    return String.join(" · ", parts);
  }

  /** Text laid out down US Letter pages, a new page when one is full, each numbered when done. */
  private static final class PdfPages {

    private static final float MARGIN = 50;
    private static final float ROW = 13;
    // a font object belongs to one document: not shared between reports made at the same time
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private final PDDocument document;
    private PDPageContentStream page;
    private float y;

    PdfPages(PDDocument document) throws IOException {
      this.document = document;
      newPage();
    }

    void title(String text) throws IOException {
      room(30);
      text(bold, 20, MARGIN, y - 20, text, Float.MAX_VALUE);
      y -= 30;
    }

    void heading(String text) throws IOException {
      room(24 + ROW * 2);
      y -= 10;
      text(bold, 12, MARGIN, y - 12, text, Float.MAX_VALUE);
      y -= 18;
    }

    void line(String text) throws IOException {
      room(ROW);
      text(regular, 9, MARGIN, y - 9, text, PDRectangle.LETTER.getWidth() - 2 * MARGIN);
      y -= ROW;
    }

    /** A header row and rows of cells in columns of the given widths; a cell too long is cut with an ellipsis. */
    void table(float[] widths, List<String> header, List<List<String>> rows) throws IOException {
      if (rows.isEmpty()) {
        line("None.");
        return;
      }
      row(bold, widths, header);
      for (List<String> cells : rows) {
        if (room(ROW)) {
          row(bold, widths, header);
        }
        row(regular, widths, cells);
      }
    }

    private void row(PDType1Font font, float[] widths, List<String> cells) throws IOException {
      float x = MARGIN;
      for (int i = 0; i < widths.length; i++) {
        text(font, 9, x, y - 9, cells.get(i) == null ? "" : cells.get(i), widths[i] - 6);
        x += widths[i];
      }
      y -= ROW;
    }

    /** Starts a new page when fewer than {@code height} points are left: whether it did. */
    private boolean room(float height) throws IOException {
      if (y - height >= MARGIN + ROW) {
        return false;
      }
      newPage();
      return true;
    }

    private void newPage() throws IOException {
      if (page != null) {
        page.close();
      }
      PDPage next = new PDPage(PDRectangle.LETTER);
      document.addPage(next);
      page = new PDPageContentStream(document, next);
      y = PDRectangle.LETTER.getHeight() - MARGIN;
    }

    private void text(PDType1Font font, float size, float x, float baseline, String text, float maxWidth)
        throws IOException {
      String shown = fit(font, size, printable(text), maxWidth);
      page.beginText();
      page.setFont(font, size);
      page.newLineAtOffset(x, baseline);
      page.showText(shown);
      page.endText();
    }

    /** Closes the last page and numbers them all. */
    void finish() throws IOException {
      page.close();
      int count = document.getNumberOfPages();
      for (int i = 0; i < count; i++) {
        try (PDPageContentStream footer = new PDPageContentStream(document, document.getPage(i),
            PDPageContentStream.AppendMode.APPEND, true)) {
          page = footer;
          text(regular, 8, MARGIN, MARGIN - 20, "MedContractHub · pipeline report · page " + (i + 1) + " of " + count,
              Float.MAX_VALUE);
        }
      }
    }

    /** The text, or its longest start that fits with an ellipsis after it. */
    private static String fit(PDType1Font font, float size, String text, float maxWidth) throws IOException {
      if (width(font, size, text) <= maxWidth) {
        return text;
      }
      int fits = 0;
      int tooLong = text.length();
      while (tooLong - fits > 1) {
        int middle = (fits + tooLong) >>> 1;
        if (width(font, size, text.substring(0, middle) + "…") <= maxWidth) {
          fits = middle;
        } else {
          tooLong = middle;
        }
      }
      return text.substring(0, fits) + "…";
    }

    private static float width(PDType1Font font, float size, String text) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }

    /** The text in what the standard fonts can show (Windows-1252): line breaks as spaces, anything else as '?'. */
    private String printable(String text) {
      StringBuilder out = new StringBuilder(text.length());
      text.codePoints().forEach(c -> {
        String character = Character.isWhitespace(c) ? " " : new String(Character.toChars(c));
        try {
          regular.encode(character);
          out.append(character);
        } catch (IOException | IllegalArgumentException e) {
          out.append('?');
        }
      });
      return out.toString();
    }
  }
}
