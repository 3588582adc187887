package com.medcontracthub.ai.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cutting a document's pages into passages")
class PageChunkerTest {

  private final PageChunker chunker = new PageChunker();
  private final UUID id = UUID.randomUUID();

  private List<DocumentPassage> cut(String... texts) {
    JsonArray pages = new JsonArray();
    for (int i = 0; i < texts.length; i++) {
      pages.add(new JsonObject().put("page", i + 1).put("text", texts[i]));
    }
    return chunker.passages(id, UUID.randomUUID(), "notice", "rfq.pdf", pages);
  }

  @Test
  @DisplayName("keeps a short page whole, its spaces evened, and an empty page makes none")
  void shortPage() {
    List<DocumentPassage> passages = cut("Quotes are due\n\n  by  January 15.", "   ");
    assertEquals(1, passages.size());
    assertEquals("Quotes are due by January 15.", passages.get(0).text());
    assertEquals(1, passages.get(0).page());
  }

  @Test
  @DisplayName("cuts a long page at spaces into passages of at most the size, each overlapping the one before, and "
      + "never across pages; numbered through the document")
  void longPages() {
    String words = String.join(" ", IntStream.range(0, 400).mapToObj(i -> "word" + i).toList());
    List<DocumentPassage> passages = cut(words, "last page");
    DocumentPassage last = passages.get(passages.size() - 1);
    assertEquals("last page", last.text());
    assertEquals(2, last.page());
    List<DocumentPassage> first = passages.subList(0, passages.size() - 1);
    assertTrue(first.size() >= 4, "some 3,500 characters: " + first.size());
    for (int i = 0; i < first.size(); i++) {
      DocumentPassage passage = first.get(i);
      assertEquals(i, passage.number());
      assertEquals(1, passage.page());
      assertTrue(passage.text().length() <= PageChunker.SIZE, passage.text());
      assertTrue(passage.text().matches("word\\d+( word\\d+)*"), "whole words only: " + passage.text());
      if (i > 0) {
        String before = first.get(i - 1).text();
        String opening = passage.text().substring(0, passage.text().indexOf(' '));
        assertTrue(before.contains(" " + opening + " "), "overlaps the one before: " + opening);
      }
    }
    assertTrue(first.get(first.size() - 1).text().endsWith("word399"), "the page's end is in a passage");
    assertEquals(passages.size() - 1, last.number());
  }

  @Test
  @DisplayName("cuts a word longer than half a passage where it must, leaving no text out")
  void longWord() {
    String word = "x".repeat(1000);
    List<DocumentPassage> passages = cut(word + " end");
    assertEquals(word.substring(0, PageChunker.SIZE), passages.get(0).text());
    String joined = passages.get(0).text() + passages.get(1).text().substring(PageChunker.OVERLAP);
    assertTrue(joined.startsWith(word.substring(0, 1000 - 1)), "no characters left out: " + passages);
    assertTrue(passages.get(passages.size() - 1).text().endsWith("end"));
  }

  @Test
  @DisplayName("keeps a document's first passages up to the limit")
  void limit() {
    String page = "gauze ".repeat(300);
    String[] pages = new String[PageChunker.MAX_PASSAGES];
    Arrays.fill(pages, page);
    assertEquals(PageChunker.MAX_PASSAGES, cut(pages).size());
  }
}
