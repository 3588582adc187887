package com.medcontracthub.realtime.comments;

/** The comments' SQL, in one place. */
final class CommentSql {

  static final String ADD = """
      INSERT INTO realtime.comments (tenant_id, notice_id, user_id, author_email, body, correlation_id)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING id, created_at
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
