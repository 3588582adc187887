package com.medcontracthub.opportunities.search;

import com.medcontracthub.platform.bus.BadQueryException;
import com.medcontracthub.platform.bus.QueryParams;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The filters of {@code GET /api/v1/opportunities}, validated. Every parameter arrives as a list of strings (query
 * strings repeat keys); only {@code naics} may repeat.
 *
 * @param sort   {@code posted} (newest first, the default) or {@code due} (soonest deadline first, none last)
 * @param cursor where the previous page ended, or null for the first page
 */
public record SearchQuery(String text, List<String> naics, String psc, String setAside, String agency, String state,
    LocalDate postedFrom, LocalDate postedTo, LocalDate dueFrom, LocalDate dueTo, Boolean active, String sort, int limit,
    Cursor cursor) {

  public static final int DEFAULT_LIMIT = 25;
  public static final int MAX_LIMIT = 100;
  private static final Set<String> KNOWN = Set.of("q", "naics", "psc", "setAside", "agency", "state", "postedFrom",
      "postedTo", "dueFrom", "dueTo", "active", "sort", "limit", "cursor");

  /** The last row of a page: its sort key and notice id. Opaque to clients. */
  public record Cursor(String sortKey, String noticeId) {

    public String encode() {
      String json = new JsonObject().put("k", sortKey).put("id", noticeId).encode();
      return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
      try {
        JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
        String id = json.getString("id");
        if (id == null) {
          throw new IllegalArgumentException();
        }
        return new Cursor(json.getString("k"), id);
      } catch (RuntimeException e) {
        throw new BadQueryException("cursor: not a cursor this API gave out");
      }
    }
  }

  public static SearchQuery from(JsonObject query) {
    QueryParams p = new QueryParams(query, KNOWN);
    String sort = p.single("sort");
    if (sort != null && !sort.equals("posted") && !sort.equals("due")) {
      throw new BadQueryException("sort: expected posted or due, got '" + sort + "'");
    }
    String cursor = p.single("cursor");
    return new SearchQuery(p.single("q"), p.all("naics"), p.single("psc"), p.single("setAside"), p.single("agency"),
        p.single("state"), p.date("postedFrom"), p.date("postedTo"), p.date("dueFrom"), p.date("dueTo"),
        p.bool("active"), sort == null ? "posted" : sort, p.limit(DEFAULT_LIMIT, MAX_LIMIT), cursor == null ? null : Cursor.decode(cursor));
  }
}
