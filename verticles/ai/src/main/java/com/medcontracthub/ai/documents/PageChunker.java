package com.medcontracthub.ai.documents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Cuts a document's pages into passages for the index: each about {@link #SIZE} characters (the model reads the first
 * 256 word pieces of a text, some 1,000 characters, and a shorter passage is a sharper match), overlapping its
 * neighbour by {@link #OVERLAP} so a sentence cut at one passage's end is whole in the next. Cut at spaces, never inside
 * a word, and never across pages: each passage points back to its page.
 */
public final class PageChunker {

  static final int SIZE = 700;
  static final int OVERLAP = 150;
  /** A document's passages kept, the first: some 500 pages of dense text. */
  public static final int MAX_PASSAGES = 2_000;

  /** {@code pages} as the OCR service stored them ({@code [{page, text}]}). */
  public List<DocumentPassage> passages(UUID documentId, UUID tenant, String noticeId, String fileName,
      JsonArray pages) {
    List<DocumentPassage> passages = new ArrayList<>();
    for (Object stored : pages) {
      JsonObject page = (JsonObject) stored;
      String text = page.getString("text", "").replaceAll("\\s+", " ").strip();
      int start = 0;
      while (start < text.length() && passages.size() < MAX_PASSAGES) {
        int end = cutAt(text, Math.min(text.length(), start + SIZE));
        passages.add(new DocumentPassage(documentId, tenant, noticeId, fileName, page.getInteger("page"),
            passages.size(), text.substring(start, end).strip()));
        if (end >= text.length()) {
          break;
        }
        start = Math.max(start + 1, startAt(text, end - OVERLAP, end));
      }
    }
    return passages;
  }

  /** The last space at or before {@code at} past the passage's first half, or {@code at} (the text's end, a long word). */
  private static int cutAt(String text, int at) {
    if (at >= text.length()) {
      return text.length();
    }
    int space = text.lastIndexOf(' ', at);
    return space > at - SIZE / 2 ? space : at;
  }

  /**
   * The first word starting at or after {@code at}, before the passage's {@code end}; with none (a word longer than
   * the overlap, cut), {@code at} itself: a word cut rather than text left out.
   */
  private static int startAt(String text, int at, int end) {
    int space = text.indexOf(' ', at);
    return space < 0 || space + 1 >= end ? at : space + 1;
  }
}
