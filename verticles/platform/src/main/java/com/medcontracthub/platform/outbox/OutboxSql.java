package com.medcontracthub.platform.outbox;

/** The SQL of the outbox, in one place. */
final class OutboxSql {

  private OutboxSql() {
  }

  /** The channel writers notify and the relay listens on. */
  static final String CHANNEL = "mch_outbox";

  static final String APPEND = """
      INSERT INTO platform.outbox (event_id, topic, record_key, event_type, headers, value) VALUES ($1, $2, $3, $4, $5, $6)
      """;

  /**
   * An event the outbox may hold already (published or not): published again, under its own event id, after what the
   * outbox holds now (a new row id), so the events of a batch keep their order whichever of them had a row.
   */
  static final String REPUBLISH = APPEND.strip() + """
       ON CONFLICT (event_id) DO UPDATE
        SET published_at = NULL, id = nextval(pg_get_serial_sequence('platform.outbox', 'id'))
      """;

  /** Delivered at commit, and only if the transaction commits. */
  static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', '')";

  /** One relay at a time, across every JVM, keeps each aggregate's events in order. */
  static final String RELAY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('mch.outbox.relay')) AS locked";

  static final String NEXT_BATCH = """
      SELECT id, topic, record_key, headers, value FROM platform.outbox WHERE published_at IS NULL ORDER BY id LIMIT $1
      """;

  static final String BACKLOG = """
      SELECT count(*) AS backlog, coalesce((extract(epoch FROM now() - min(created_at)) * 1000)::bigint, 0) AS age_ms
        FROM platform.outbox WHERE published_at IS NULL
      """;

  static final String MARK_PUBLISHED = "UPDATE platform.outbox SET published_at = now() WHERE id = ANY($1)";
}
