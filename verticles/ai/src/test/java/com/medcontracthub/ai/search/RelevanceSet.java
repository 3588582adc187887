package com.medcontracthub.ai.search;

import com.medcontracthub.ai.index.IndexedNotice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relevance set written for this project (src/test/resources/relevance): 40 medical-supply notices, and queries a
 * capture team would type, each with the notices that should rank on top. Some share the notices' words, some only
 * their meaning, some are a standard's number or an abbreviation.
 */
final class RelevanceSet {

  record Query(String text, Set<String> relevant) {
  }

  private RelevanceSet() {
  }

  static List<IndexedNotice> notices() {
    return read("notices.json").stream().map(JsonObject.class::cast).map(n -> new IndexedNotice(n.getString("noticeId"),
        n.getString("title"), n.getString("description"), n.getString("agency"), n.getString("setAside"),
        n.getJsonArray("naics").stream().map(String::valueOf).toList(), Instant.parse(n.getString("due")))).toList();
  }

  static List<Query> queries() {
    return read("queries.json").stream().map(JsonObject.class::cast).map(q -> new Query(q.getString("q"),
        q.getJsonArray("relevant").stream().map(String::valueOf).collect(Collectors.toSet()))).toList();
  }

  /** nDCG@k of a ranking with binary relevance: 1 when every relevant notice leads it, 0 when none is in its top k. */
  static double ndcg(List<String> ranking, Set<String> relevant, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (relevant.contains(ranking.get(i))) {
        dcg += 1 / log2(i + 2);
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevant.size()); i++) {
      ideal += 1 / log2(i + 2);
    }
    return dcg / ideal;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static JsonArray read(String name) {
    try (InputStream in = RelevanceSet.class.getResourceAsStream("/relevance/" + name)) {
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
