package com.medcontracthub.opportunities.alerts;

/** The SQL of the response-deadline reminders, in one place. */
final class ReminderSql {

  private ReminderSql() {
  }

  /**
   * What the reminders of the hour $1 hold, one row per user and opportunity: the users for whom it is at least $2
   * o'clock today in their time zone and who got no reminder today yet, each with the opportunities of their tenant's
   * pipeline in a stage of $3 whose deadline is still ahead and one of $4 of the user's calendar days away.
   */
  static final String DUE = """
      SELECT r.user_id, r.email, r.time_zone, r.unsubscribe_token, r.today, o.notice_id, o.title, o.response_deadline,
             (o.response_deadline AT TIME ZONE r.time_zone)::date - r.today AS days
      FROM (
        SELECT *, ($1::timestamptz AT TIME ZONE time_zone)::date AS today
        FROM opportunities.deadline_reminders
        WHERE extract(hour FROM $1::timestamptz AT TIME ZONE time_zone) >= $2
      ) r
      JOIN opportunities.pipeline_entries p ON p.tenant_id = r.tenant_id AND p.stage = ANY($3)
      JOIN opportunities.opportunities o ON o.notice_id = p.notice_id
      WHERE (r.last_sent_on IS NULL OR r.last_sent_on < r.today) AND o.response_deadline > $1
        AND (o.response_deadline AT TIME ZONE r.time_zone)::date - r.today = ANY($4)
      ORDER BY r.user_id, o.response_deadline, o.notice_id
      """;

  /** The user's reminder of the day $2 sent; a second run of the hour finds it sent. */
  static final String SENT = """
      UPDATE opportunities.deadline_reminders SET last_sent_on = $2
      WHERE user_id = $1 AND (last_sent_on IS NULL OR last_sent_on < $2)
      """;

  static final String GET = """
      SELECT time_zone, email FROM opportunities.deadline_reminders WHERE user_id = $1 AND tenant_id = $2
      """;

  /** Turns a user's reminders on, or moves them to another time zone or address; the unsubscribe secret is kept. */
  static final String START = """
      INSERT INTO opportunities.deadline_reminders (user_id, tenant_id, email, time_zone, unsubscribe_token)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, time_zone = excluded.time_zone
      RETURNING time_zone, email
      """;

  static final String STOP = """
      DELETE FROM opportunities.deadline_reminders WHERE user_id = $1 AND tenant_id = $2
      """;

  static final String UNSUBSCRIBE = """
      DELETE FROM opportunities.deadline_reminders WHERE user_id = $1 AND unsubscribe_token = $2
      """;
}
