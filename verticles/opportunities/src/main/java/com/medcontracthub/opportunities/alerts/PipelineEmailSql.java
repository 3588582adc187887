package com.medcontracthub.opportunities.alerts;

/** The SQL of a user's pipeline e-mails (deadline reminders, the weekly report), in one place. */
final class PipelineEmailSql {

  private PipelineEmailSql() {
  }

  /**
   * What the reminders of the hour $1 hold, one row per user and opportunity: the users with reminders on for whom it
   * is at least $2 o'clock today in their time zone and who got no reminder today yet, each with the opportunities of
   * their tenant's pipeline in a stage of $3 whose deadline is still ahead and one of $4 of the user's calendar days
   * away. A time zone PostgreSQL does not know (its list and Java's may differ) leaves out its user, not everyone: the
   * users are filtered in a materialized CTE, as the planner may otherwise compute their local times first.
   */
  static final String REMINDERS_DUE = """
      WITH known AS MATERIALIZED (
        SELECT * FROM opportunities.pipeline_emails
        WHERE deadline_reminders AND time_zone IN (SELECT name FROM pg_timezone_names)
      )
      SELECT e.user_id, e.email, e.time_zone, e.unsubscribe_token, e.today, o.notice_id, o.title, o.response_deadline,
             (o.response_deadline AT TIME ZONE e.time_zone)::date - e.today AS days
      FROM (
        SELECT *, ($1::timestamptz AT TIME ZONE time_zone)::date AS today FROM known
        WHERE extract(hour FROM $1::timestamptz AT TIME ZONE time_zone) >= $2
      ) e
      JOIN opportunities.pipeline_entries p ON p.tenant_id = e.tenant_id AND p.stage = ANY($3)
      JOIN opportunities.opportunities o ON o.notice_id = p.notice_id
      WHERE (e.reminded_on IS NULL OR e.reminded_on < e.today) AND o.response_deadline > $1
        AND (o.response_deadline AT TIME ZONE e.time_zone)::date - e.today = ANY($4)
      ORDER BY e.user_id, o.response_deadline, o.notice_id
      """;

  /** The user's reminder of the day $2 sent; a second run of the hour finds it sent. */
  static final String REMINDED = """
      UPDATE opportunities.pipeline_emails SET reminded_on = $2
      WHERE user_id = $1 AND (reminded_on IS NULL OR reminded_on < $2)
      """;

  /**
   * The users whose weekly report is due by the hour $1: the latest Monday at $2 o'clock in their time zone up to $1,
   * whose week (that Monday) they have no report of yet, and which came after they last turned the report on. A Monday
   * missed (the service down) is served by the next run.
   */
  static final String REPORTS_DUE = """
      WITH known AS MATERIALIZED (
        SELECT * FROM opportunities.pipeline_emails
        WHERE weekly_report AND time_zone IN (SELECT name FROM pg_timezone_names)
      )
      SELECT user_id, tenant_id, email, unsubscribe_token, week::date AS week
      FROM (
        SELECT e.*, CASE WHEN (monday + make_interval(hours => $2::int)) AT TIME ZONE time_zone <= $1::timestamptz
                         THEN monday ELSE monday - interval '7 days' END AS week
        FROM (SELECT *, date_trunc('week', $1::timestamptz AT TIME ZONE time_zone) AS monday FROM known) e
      ) due
      WHERE (reported_week IS NULL OR reported_week < week::date)
        AND (week + make_interval(hours => $2::int)) AT TIME ZONE time_zone > report_since
      ORDER BY tenant_id, user_id
      """;

  /** The user's report of the week $2 sent. */
  static final String REPORTED = """
      UPDATE opportunities.pipeline_emails SET reported_week = $2
      WHERE user_id = $1 AND (reported_week IS NULL OR reported_week < $2)
      """;

  static final String GET = """
      SELECT time_zone, email, deadline_reminders, weekly_report FROM opportunities.pipeline_emails
      WHERE user_id = $1 AND tenant_id = $2
      """;

  /**
   * Sets a user's e-mails: which, in which time zone, to which address; the unsubscribe secret is kept, and the weekly
   * report turned on again starts from now (not with the report of the week it was off in).
   */
  static final String SET = """
      INSERT INTO opportunities.pipeline_emails AS e (user_id, tenant_id, email, time_zone, deadline_reminders,
        weekly_report, unsubscribe_token)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, time_zone = excluded.time_zone,
        deadline_reminders = excluded.deadline_reminders, weekly_report = excluded.weekly_report,
        report_since = CASE WHEN excluded.weekly_report AND NOT e.weekly_report THEN now() ELSE e.report_since END
      RETURNING time_zone, email, deadline_reminders, weekly_report
      """;

  static final String STOP = """
      DELETE FROM opportunities.pipeline_emails WHERE user_id = $1 AND tenant_id = $2
      """;

  static final String STOP_REMINDERS = """
      UPDATE opportunities.pipeline_emails SET deadline_reminders = false WHERE user_id = $1 AND unsubscribe_token = $2
      """;

  static final String STOP_REPORTS = """
      UPDATE opportunities.pipeline_emails SET weekly_report = false WHERE user_id = $1 AND unsubscribe_token = $2
      """;
}
