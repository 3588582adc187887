package com.medcontracthub.realtime.comments;

/** The comments' SQL, in one place. */
final class CommentSql {

  /** Nothing when the author's {@code op_id} was stored before: {@link #SENT_BEFORE} reads that comment. */
  static final String ADD = """
      INSERT INTO realtime.comments (tenant_id, notice_id, user_id, author_email, body, correlation_id, op_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (tenant_id, user_id, op_id) WHERE op_id IS NOT NULL DO NOTHING
      RETURNING id, created_at
      """;

  static final String SENT_BEFORE = """
      SELECT id, created_at, notice_id, body
      FROM realtime.comments
      WHERE tenant_id = $1 AND user_id = $2 AND op_id = $3
      """;

  static final String LIST = """
      SELECT id, user_id, author_email, body, created_at
      FROM realtime.comments
      WHERE tenant_id = $1 AND notice_id = $2 AND id > $3
      ORDER BY id
      LIMIT $4
      """;

  private CommentSql() {
  }
}
