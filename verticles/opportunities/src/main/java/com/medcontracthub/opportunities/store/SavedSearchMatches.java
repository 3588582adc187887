package com.medcontracthub.opportunities.store;

import com.medcontracthub.opportunities.search.SearchQuery;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which saved searches list a notice: each search's {@link FilterConditions} on that one row, so a match is exactly
 * what running the search would show. One statement per {@value #PER_STATEMENT} searches (a branch each), because
 * PostgreSQL binds at most 65,535 parameters and a search binds at most 12.
 */
public final class SavedSearchMatches {

  static final int PER_STATEMENT = 1_000;

  private SavedSearchMatches() {
  }

  /** A saved search to test: its id and its filters. */
  public record Candidate(UUID id, SearchQuery query) {
  }

  public static Future<Set<UUID>> of(SqlConnection conn, String noticeId, List<Candidate> candidates) {
    Future<Set<UUID>> matched = Future.succeededFuture(new HashSet<>());
    for (int from = 0; from < candidates.size(); from += PER_STATEMENT) {
      List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + PER_STATEMENT));
      matched = matched.compose(found -> matchingIn(conn, noticeId, chunk).map(more -> {
        found.addAll(more);
        return found;
      }));
    }
    return matched;
  }

  private static Future<List<UUID>> matchingIn(SqlConnection conn, String noticeId, List<Candidate> candidates) {
    SqlParameters p = new SqlParameters();
    String notice = p.bind(noticeId);
    List<String> branches = new ArrayList<>();
    for (Candidate candidate : candidates) {
      branches.add("SELECT " + p.bind(candidate.id()) + "::uuid AS id FROM opportunities.opportunities WHERE notice_id = " + notice
          + " AND " + String.join(" AND ", FilterConditions.of(candidate.query(), p)));
    }
    return conn.preparedQuery(String.join(" UNION ALL ", branches)).execute(p.tuple()).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getUUID("id")));
      return ids;
    });
  }
}
