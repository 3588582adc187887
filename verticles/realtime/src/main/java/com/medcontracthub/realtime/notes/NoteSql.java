package com.medcontracthub.realtime.notes;

/** The shared notes' SQL, in one place. */
final class NoteSql {

  static final String LOAD = """
      SELECT body, version FROM realtime.notes WHERE tenant_id = $1 AND notice_id = $2
      """;

  static final String CREATE = """
      INSERT INTO realtime.notes (tenant_id, notice_id, body, version) VALUES ($1, $2, '', 0) ON CONFLICT DO NOTHING
      """;

  /** Locks the note: edits of one note are applied one at a time, whichever JVM takes them — the server order. */
  static final String LOCK = """
      SELECT body, version FROM realtime.notes WHERE tenant_id = $1 AND notice_id = $2 FOR UPDATE
      """;

  static final String APPLIED = """
      SELECT version, operation FROM realtime.note_operations WHERE tenant_id = $1 AND notice_id = $2 AND op_id = $3
      """;

  static final String SINCE = """
      SELECT operation FROM realtime.note_operations WHERE tenant_id = $1 AND notice_id = $2 AND version > $3 ORDER BY version
      """;

  static final String RECORD = """
      INSERT INTO realtime.note_operations (tenant_id, notice_id, version, operation, op_id, user_id)
      VALUES ($1, $2, $3, $4, $5, $6)
      """;

  static final String SAVE = """
      UPDATE realtime.notes SET body = $3, version = $4, updated_at = now() WHERE tenant_id = $1 AND notice_id = $2
      """;

  private NoteSql() {
  }
}
