package com.medcontracthub.opportunities.reports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pipeline report PDF")
class ReportPdfTest {

  private static final Instant MADE = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  @DisplayName("a long pipeline runs over pages, each numbered and its table's header repeated; text the PDF fonts "
      + "cannot show becomes '?', and a title too long for its column ends with an ellipsis")
  void longPipeline() throws Exception {
    List<PipelineSnapshot.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      entries.add(new PipelineSnapshot.Entry("N-" + i, "Gloves lot " + i, "VETERANS AFFAIRS, DEPARTMENT OF.NAC", null,
          MADE.plus(i, ChronoUnit.HOURS), "bidding", MADE.minus(30, ChronoUnit.DAYS)));
    }
    entries.add(new PipelineSnapshot.Entry("N-x", "Перчатки — nitrile gloves " + "very long title ".repeat(20),
        null, "Total Small Business Set-Aside", null, "identified", MADE.minus(1, ChronoUnit.DAYS)));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("identified", 1L);
    counts.put("bidding", 150L);
    byte[] pdf = ReportPdf.render(new PipelineSnapshot(LocalDate.of(2026, 11, 30), MADE, counts, entries, 200));
    try (var document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      int pages = document.getNumberOfPages();
      assertTrue(pages >= 4, pages + " pages");
      assertTrue(text.contains("page " + pages + " of " + pages), text);
      assertTrue(text.contains("Gloves lot 149"), text);
      assertTrue(text.contains("???????? — nitrile gloves very long title"), text);
      assertTrue(text.contains("…"), text);
      assertTrue(text.contains("…and 49 more, not shown here."), text);
      PDFTextStripper page = new PDFTextStripper();
      int heading = 0;
      for (int i = 1; i <= pages; i++) {
        page.setStartPage(i);
        page.setEndPage(i);
        String onPage = page.getText(document);
        if (heading > 0) {
          assertTrue(onPage.startsWith("Deadline Stage Title Agency · set-aside\n"), "page " + i + ": " + onPage);
        } else if (onPage.contains("Every opportunity in the pipeline (200)")) {
          heading = i;
        }
      }
      assertTrue(heading > 0 && heading < pages, "the table of every opportunity runs from page " + heading);
    }
  }
}
