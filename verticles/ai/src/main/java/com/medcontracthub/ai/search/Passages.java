package com.medcontracthub.ai.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The passage a hit shows: the sentence of its text sharing the most words with the query (stemmed, stop words
 * aside), or its first sentence when none does (a hit by meaning alone). Cut to {@link #MAX_CHARS}.
 */
public final class Passages {

  static final int MAX_CHARS = 300;

  private final Analyzer analyzer = new EnglishAnalyzer();

  /** The passage of {@code text} that best shows why it matched {@code query}. */
  public String of(String text, String query) {
    Set<String> wanted = terms(query);
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.US);
    sentences.setText(text);
    String best = null;
    int bestShared = 0;
    for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
        start = end, end = sentences.next()) {
      String sentence = text.substring(start, end).strip();
      if (sentence.isEmpty()) {
        continue;
      }
      if (best == null) {
        best = sentence;
      }
      Set<String> shared = terms(sentence);
      shared.retainAll(wanted);
      if (shared.size() > bestShared) {
        best = sentence;
        bestShared = shared.size();
      }
    }
    return best == null ? "" : cut(best);
  }

  private Set<String> terms(String text) {
    Set<String> terms = new HashSet<>();
    try (TokenStream tokens = analyzer.tokenStream("", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        terms.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException("a string cannot fail to be read", e);
    }
    return terms;
  }

  private static String cut(String sentence) {
    return sentence.length() <= MAX_CHARS ? sentence : sentence.substring(0, MAX_CHARS - 1).strip() + "…";
  }
}
