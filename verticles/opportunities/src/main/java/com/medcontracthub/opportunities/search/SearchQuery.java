package com.medcontracthub.opportunities.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
  private static final int MAX_VALUE_LENGTH = 200;

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
    for (String name : query.fieldNames()) {
      if (!KNOWN.contains(name)) {
        throw new BadQueryException(name + ": unknown parameter; known: " + String.join(", ", KNOWN.stream().sorted().toList()));
      }
    }
    Params p = new Params(query);
    String sort = p.single("sort");
    if (sort != null && !sort.equals("posted") && !sort.equals("due")) {
      throw new BadQueryException("sort: expected posted or due, got '" + sort + "'");
    }
    String cursor = p.single("cursor");
    return new SearchQuery(p.single("q"), p.all("naics"), p.single("psc"), p.single("setAside"), p.single("agency"),
        p.single("state"), p.date("postedFrom"), p.date("postedTo"), p.date("dueFrom"), p.date("dueTo"),
        p.bool("active"), sort == null ? "posted" : sort, p.limit(), cursor == null ? null : Cursor.decode(cursor));
  }

  /** Typed reads of the query's lists of strings. */
  private record Params(JsonObject query) {

    List<String> all(String name) {
      JsonArray values = query.getJsonArray(name, new JsonArray());
      List<String> list = values.stream().map(String::valueOf).map(String::trim).filter(v -> !v.isEmpty()).toList();
      list.forEach(v -> checkLength(name, v));
      return list;
    }

    String single(String name) {
      List<String> values = all(name);
      if (values.size() > 1) {
        throw new BadQueryException(name + ": give it once");
      }
      return values.isEmpty() ? null : values.get(0);
    }

    private static void checkLength(String name, String value) {
      if (value.length() > MAX_VALUE_LENGTH) {
        throw new BadQueryException(name + ": longer than " + MAX_VALUE_LENGTH + " characters");
      }
    }

    LocalDate date(String name) {
      String value = single(name);
      try {
        return value == null ? null : LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new BadQueryException(name + ": expected a date like 2024-03-01, got '" + value + "'");
      }
    }

    Boolean bool(String name) {
      String value = single(name);
      if (value == null) {
        return null;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new BadQueryException(name + ": expected true or false, got '" + value + "'");
      };
    }

    int limit() {
      String value = single("limit");
      if (value == null) {
        return DEFAULT_LIMIT;
      }
      try {
        int limit = Integer.parseInt(value);
        if (limit >= 1 && limit <= MAX_LIMIT) {
          return limit;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new BadQueryException("limit: expected a number from 1 to " + MAX_LIMIT + ", got '" + value + "'");
    }
  }
}
