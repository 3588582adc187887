package com.medcontracthub.opportunities.alerts;

/** The SQL of the saved-search digests, in one place. */
final class DigestSql {

  private DigestSql() {
  }

  /**
   * The searches whose digest is due at the hour $1: daily ones whose local time is then $2 o'clock, weekly ones also
   * on a Monday, not digested up to it yet.
   */
  static final String DUE = """
      SELECT id, name, owner_email, unsubscribe_token, alerts, digested_until FROM opportunities.saved_searches
      WHERE alerts <> 'none' AND owner_email IS NOT NULL
        AND extract(hour FROM $1::timestamptz AT TIME ZONE time_zone) = $2::int
        AND (alerts = 'daily' OR extract(isodow FROM $1::timestamptz AT TIME ZONE time_zone) = 1)
        AND (digested_until IS NULL OR digested_until < $1)
      ORDER BY id
      """;

  /** A search's new matches in the period ($2, $3], oldest first, at most $4, with how many there are in all. */
  static final String MATCHES = """
      SELECT notice_id, detail ->> 'title' AS title, count(*) OVER () AS total FROM opportunities.notifications
      WHERE kind = 'saved-search.match' AND (detail ->> 'savedSearchId')::uuid = $1
        AND created_at > $2 AND created_at <= $3
      ORDER BY created_at, id LIMIT $4
      """;

  static final String DIGESTED = """
      UPDATE opportunities.saved_searches SET digested_until = $2
      WHERE id = $1 AND (digested_until IS NULL OR digested_until < $2)
      """;
}
