package com.medcontracthub.opportunities.store;

import com.medcontracthub.opportunities.search.BadQueryException;
import com.medcontracthub.opportunities.search.SearchQuery;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The search statement for one {@link SearchQuery}: filters as bound parameters (never spliced text), current
 * notices only (an amendment replaces what it amends), keyset pagination on the sort key and notice id, and one row
 * more than the page so the caller knows whether another page follows.
 */
final class SearchSql {

  /** The sort key the cursor carries, as SQL. */
  static final String POSTED_KEY = "posted_date";
  static final String DUE_KEY = "coalesce(response_deadline, 'infinity'::timestamptz)";

  /** How PostgreSQL prints each sort key as text, which is what a cursor carries back. */
  private static final Pattern POSTED_KEY_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DUE_KEY_TEXT =
      Pattern.compile("infinity|\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?[+-]\\d{2}(:\\d{2})?");

  final String sql;
  final Tuple params;

  private final List<String> where = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  SearchSql(SearchQuery q) {
    where.add("superseded_by IS NULL");
    if (q.text() != null) {
      where.add("search @@ websearch_to_tsquery('english', " + bind(q.text()) + ")");
    }
    if (!q.naics().isEmpty()) {
      where.add("naics_codes && " + bind(q.naics().toArray(String[]::new)) + "::text[]");
    }
    if (q.psc() != null) {
      where.add("classification_code LIKE " + bind(likeEscaped(q.psc()) + "%"));
    }
    if (q.setAside() != null) {
      where.add("type_of_set_aside = " + bind(q.setAside()));
    }
    if (q.agency() != null) {
      where.add("full_parent_path_name ILIKE " + bind("%" + likeEscaped(q.agency()) + "%"));
    }
    if (q.state() != null) {
      where.add("upper(place_of_performance -> 'state' ->> 'code') = upper(" + bind(q.state()) + ")");
    }
    if (q.postedFrom() != null) {
      where.add("posted_date >= " + bind(q.postedFrom()));
    }
    if (q.postedTo() != null) {
      where.add("posted_date <= " + bind(q.postedTo()));
    }
    if (q.dueFrom() != null) {
      where.add("response_deadline >= " + bind(q.dueFrom()) + "::date");
    }
    if (q.dueTo() != null) {
      where.add("response_deadline < " + bind(q.dueTo()) + "::date + 1");
    }
    if (q.active() != null) {
      where.add("active = " + bind(q.active()));
    }
    boolean due = q.sort().equals("due");
    String key = due ? DUE_KEY : POSTED_KEY;
    if (q.cursor() != null) {
      String sortKey = q.cursor().sortKey();
      if (sortKey == null || !(due ? DUE_KEY_TEXT : POSTED_KEY_TEXT).matcher(sortKey).matches()) {
        throw new BadQueryException("cursor: not a cursor of sort=" + q.sort());
      }
      String keyParam = bind(sortKey) + (due ? "::text::timestamptz" : "::text::date");
      where.add("(" + key + ", notice_id) " + (due ? ">" : "<") + " (" + keyParam + ", " + bind(q.cursor().noticeId()) + ")");
    }
    String order = due ? key + " ASC, notice_id ASC" : key + " DESC, notice_id DESC";
    this.sql = "SELECT " + OpportunitySql.COLUMNS + ", " + key + "::text AS sort_key FROM opportunities"
        + " WHERE " + String.join(" AND ", where) + " ORDER BY " + order + " LIMIT " + bind(q.limit() + 1);
    this.params = Tuple.wrap(values);
  }

  private String bind(Object value) {
    values.add(value);
    return "$" + values.size();
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
