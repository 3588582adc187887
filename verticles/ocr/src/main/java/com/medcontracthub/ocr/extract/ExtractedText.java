package com.medcontracthub.ocr.extract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A document's text, page by page. */
public record ExtractedText(List<Page> pages) {

  /** How a page's text was had. */
  public enum Method {
    /** the PDF's own text, exact */
    TEXT_LAYER,
    /** Tesseract on the page's image */
    OCR;

    public String wireName() {
      return name().toLowerCase().replace('_', '-');
    }
  }

  /**
   * One page (numbered from 1): its text, the mean confidence of its words (0-100; 100 for a text layer), and its words
   * with their boxes as Tesseract's TSV (none for a text layer).
   */
  public record Page(int number, Method method, String text, int confidence, String words) {
  }

  /** The mean confidence of the pages. */
  public double meanConfidence() {
    return pages.stream().mapToInt(Page::confidence).average().orElse(0);
  }

  public JsonObject toJson() {
    JsonArray all = new JsonArray();
    pages.forEach(page -> all.add(new JsonObject().put("page", page.number()).put("method", page.method().wireName())
        .put("text", page.text()).put("confidence", page.confidence()).put("words", page.words())));
    return new JsonObject().put("pages", all).put("meanConfidence", meanConfidence());
  }
}
