package com.medcontracthub.opportunities.notifications;

/** The SQL of notifications, in one place. */
final class NotificationSql {

  private NotificationSql() {
  }

  /** Every tenant with the notice still open in its pipeline hears of the change. */
  static final String ON_OPPORTUNITY_CHANGED = """
      INSERT INTO opportunities.notifications (tenant_id, kind, notice_id, event_id, detail, correlation_id)
      SELECT p.tenant_id, $2, p.notice_id, $3,
             jsonb_build_object('title', o.title, 'stage', p.stage, 'supersededBy', o.superseded_by), $4
      FROM opportunities.pipeline_entries p JOIN opportunities.opportunities o ON o.notice_id = p.notice_id
      WHERE p.notice_id = $1 AND p.stage NOT IN ('won', 'lost', 'no-bid')
      RETURNING id, tenant_id, kind, notice_id, detail, created_at
      """;

  /** Every saved search of every tenant: a new notice is tested against each. */
  static final String SAVED_SEARCHES = "SELECT id, filters FROM opportunities.saved_searches";

  /** The tenants whose saved searches list the new notice hear of it, once per search. */
  static final String ON_SAVED_SEARCH_MATCH = """
      INSERT INTO opportunities.notifications (tenant_id, kind, notice_id, event_id, detail, correlation_id)
      SELECT s.tenant_id, $5, o.notice_id, $2,
             jsonb_build_object('title', o.title, 'savedSearchId', s.id, 'savedSearch', s.name), $3
      FROM opportunities.saved_searches s JOIN opportunities.opportunities o ON o.notice_id = $1
      WHERE s.id = ANY($4)
      RETURNING id, tenant_id, kind, notice_id, detail, created_at
      """;

  static final String LIST = """
      SELECT id, kind, notice_id, detail, created_at FROM opportunities.notifications
      WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2
      """;

  static final String FORGET_PROCESSED = """
      DELETE FROM platform.processed_events WHERE consumer = $1 AND processed_at < now() - make_interval(days => $2)
      """;
}
