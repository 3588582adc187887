package com.medcontracthub.opportunities.alerts;

/** The SQL of the saved-search digests, in one place. */
final class DigestSql {

  private DigestSql() {
  }

  /**
   * The searches with a digest due by the hour $1: the latest digest time up to $1 — $2 o'clock in the search's time
   * zone, every day, or on Mondays for weekly ones — was not served yet, nor before the search existed. A digest time
   * missed (the service down at that hour, a daylight-saving hour that does not exist) is served by the next run. A time
   * zone PostgreSQL does not know (its list and Java's may differ) leaves out its search, not the whole run.
   */
  static final String DUE = """
      WITH known AS MATERIALIZED (
        SELECT * FROM opportunities.saved_searches
        WHERE alerts <> 'none' AND owner_email IS NOT NULL AND time_zone IN (SELECT name FROM pg_timezone_names)
      )
      SELECT id, created_by, name, owner_email, unsubscribe_token, coalesce(digested_until, created_at) AS since, scheduled
      FROM (
        SELECT s.*, CASE WHEN (local_time AT TIME ZONE time_zone) <= $1::timestamptz THEN local_time AT TIME ZONE time_zone
                         ELSE (local_time - period) AT TIME ZONE time_zone END AS scheduled
        FROM (
          SELECT s.*,
                 date_trunc(CASE WHEN alerts = 'daily' THEN 'day' ELSE 'week' END, $1::timestamptz AT TIME ZONE time_zone)
                   + make_interval(hours => $2::int) AS local_time,
                 CASE WHEN alerts = 'daily' THEN interval '1 day' ELSE interval '7 days' END AS period
          FROM known s
        ) s
      ) due
      WHERE scheduled > coalesce(last_digest_at, created_at)
      ORDER BY id
      """;

  /** A search's new matches in the period ($2, $3], oldest first, at most $4, with how many there are in all. */
  static final String MATCHES = """
      SELECT notice_id, detail ->> 'title' AS title, count(*) OVER () AS total FROM opportunities.notifications
      WHERE kind = 'saved-search.match' AND (detail ->> 'savedSearchId')::uuid = $1
        AND created_at > $2 AND created_at <= $3
      ORDER BY created_at, id LIMIT $4
      """;

  /** The digest time $3 served, with the matches up to $2; a second run of it finds it served. */
  static final String DIGESTED = """
      UPDATE opportunities.saved_searches SET digested_until = $2, last_digest_at = $3
      WHERE id = $1 AND (last_digest_at IS NULL OR last_digest_at < $3)
      """;
}
