package com.medcontracthub.ai.search;

import com.medcontracthub.ai.index.NoticeFilters;
import com.medcontracthub.platform.bus.BadQueryException;
import com.medcontracthub.platform.bus.QueryParams;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/** {@code GET /api/v1/ai/search}'s parameters, validated: the text, how to match it, the opportunity filters. */
public record AiSearchQuery(String text, Mode mode, NoticeFilters filters, int limit) {

  /** How a search matches: by meaning (vectors), by words (BM25), or both ranked together. */
  public enum Mode {
    SEMANTIC, KEYWORD, HYBRID;

    public String apiName() {
      return name().toLowerCase();
    }

    /** The query's {@code mode}, hybrid when not given. */
    static Mode from(QueryParams p) {
      List<String> modes = List.of(values()).stream().map(Mode::apiName).toList();
      return valueOf(p.choice("mode", modes, HYBRID.apiName()).toUpperCase());
    }
  }

  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 50;
  private static final Set<String> KNOWN = Set.of("q", "mode", "naics", "setAside", "agency", "dueFrom", "dueTo",
      "limit");

  public static AiSearchQuery from(JsonObject query) {
    QueryParams p = new QueryParams(query, KNOWN);
    return new AiSearchQuery(text(p), Mode.from(p), filters(p), p.limit(DEFAULT_LIMIT, MAX_LIMIT));
  }

  /** The query's {@code q}, required. */
  static String text(QueryParams p) {
    String text = p.single("q");
    if (text == null || text.isBlank()) {
      throw new BadQueryException("q: what to search for is required");
    }
    return text.strip();
  }

  /** {@code GET /api/v1/ai/opportunities/{id}/similar}'s one parameter, {@code limit}. */
  public static int similarLimit(JsonObject query) {
    return new QueryParams(query, Set.of("limit")).limit(DEFAULT_LIMIT, MAX_LIMIT);
  }

  private static NoticeFilters filters(QueryParams p) {
    return new NoticeFilters(p.all("naics"), p.single("setAside"), p.single("agency"), p.date("dueFrom"),
        p.date("dueTo"));
  }
}
