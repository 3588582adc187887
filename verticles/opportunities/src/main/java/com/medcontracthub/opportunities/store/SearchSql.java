package com.medcontracthub.opportunities.store;

import com.medcontracthub.opportunities.search.SearchQuery;
import com.medcontracthub.platform.bus.BadQueryException;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The search statement for one {@link SearchQuery}: its {@link FilterConditions}, keyset pagination on the sort key
 * and notice id, and one row more than the page so the caller knows whether another page follows.
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

  SearchSql(SearchQuery q) {
    SqlParameters p = new SqlParameters();
    List<String> where = FilterConditions.of(q, p);
    boolean due = q.sort().equals("due");
    String key = due ? DUE_KEY : POSTED_KEY;
    if (q.cursor() != null) {
      String sortKey = q.cursor().sortKey();
      if (sortKey == null || !(due ? DUE_KEY_TEXT : POSTED_KEY_TEXT).matcher(sortKey).matches()) {
        throw new BadQueryException("cursor: not a cursor of sort=" + q.sort());
      }
      String keyParam = p.bind(sortKey) + (due ? "::text::timestamptz" : "::text::date");
      where.add("(" + key + ", notice_id) " + (due ? ">" : "<") + " (" + keyParam + ", " + p.bind(q.cursor().noticeId()) + ")");
    }
    String order = due ? key + " ASC, notice_id ASC" : key + " DESC, notice_id DESC";
    this.sql = "SELECT " + OpportunitySql.COLUMNS + ", " + key + "::text AS sort_key FROM opportunities.opportunities"
        + " WHERE " + String.join(" AND ", where) + " ORDER BY " + order + " LIMIT " + p.bind(q.limit() + 1);
    this.params = p.tuple();
  }
}
