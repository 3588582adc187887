package com.medcontracthub.ai.search;

import com.medcontracthub.ai.search.AiSearchQuery.Mode;
import com.medcontracthub.platform.bus.QueryParams;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** {@code GET /api/v1/ai/documents/search}'s parameters, validated: the text, how to match it, one notice's only. */
public record PassageQuery(String text, Mode mode, String noticeId, int limit) {

  private static final Set<String> KNOWN = Set.of("q", "mode", "noticeId", "limit");

  public static PassageQuery from(JsonObject query) {
    QueryParams p = new QueryParams(query, KNOWN);
    return new PassageQuery(AiSearchQuery.text(p), Mode.from(p), p.single("noticeId"),
        p.limit(AiSearchQuery.DEFAULT_LIMIT, AiSearchQuery.MAX_LIMIT));
  }
}
