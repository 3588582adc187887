package com.medcontracthub.realtime.comments;

/** The comments' SQL, in one place. */
final class CommentSql {

  static final String ADD = """
      INSERT INTO realtime.comments (tenant_id, notice_id, user_id, body, correlation_id)
      SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM opportunities.opportunities WHERE notice_id = $2)
      RETURNING id, created_at
      """;

  static final String LIST = """
      SELECT c.id, c.user_id, u.email, c.body, c.created_at
      FROM realtime.comments c JOIN identity.users u ON u.id = c.user_id
      WHERE c.tenant_id = $1 AND c.notice_id = $2 AND c.id > $3
      ORDER BY c.id
      LIMIT $4
      """;

  private CommentSql() {
  }
}
