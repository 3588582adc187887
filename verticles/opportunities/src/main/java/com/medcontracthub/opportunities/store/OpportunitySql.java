package com.medcontracthub.opportunities.store;

import com.medcontracthub.codecs.DailyCounts;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The SQL statements of the opportunities service (the search statement is composed in {@link SearchSql}). */
final class OpportunitySql {

  private OpportunitySql() {
  }

  /**
   * Inserts a notice or updates it when its content changed. Returns one row ({@code inserted} true or false) when
   * something was written, none when the stored notice was already identical.
   */
  static final String UPSERT = """
      INSERT INTO opportunities.opportunities (notice_id, title, solicitation_number, full_parent_path_name, full_parent_path_code,
        posted_date, type, base_type, archive_type, archive_date, type_of_set_aside, type_of_set_aside_description,
        response_deadline, naics_code, naics_codes, classification_code, active, award, point_of_contact, description,
        office_address, place_of_performance, ui_link, resource_links, content_hash, correlation_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
        $24, $25, $26)
      ON CONFLICT (notice_id) DO UPDATE SET
        title = EXCLUDED.title, solicitation_number = EXCLUDED.solicitation_number,
        full_parent_path_name = EXCLUDED.full_parent_path_name, full_parent_path_code = EXCLUDED.full_parent_path_code,
        posted_date = EXCLUDED.posted_date, type = EXCLUDED.type, base_type = EXCLUDED.base_type,
        archive_type = EXCLUDED.archive_type, archive_date = EXCLUDED.archive_date,
        type_of_set_aside = EXCLUDED.type_of_set_aside,
        type_of_set_aside_description = EXCLUDED.type_of_set_aside_description,
        response_deadline = EXCLUDED.response_deadline, naics_code = EXCLUDED.naics_code,
        naics_codes = EXCLUDED.naics_codes, classification_code = EXCLUDED.classification_code,
        active = EXCLUDED.active, award = EXCLUDED.award, point_of_contact = EXCLUDED.point_of_contact,
        description = EXCLUDED.description, office_address = EXCLUDED.office_address,
        place_of_performance = EXCLUDED.place_of_performance, ui_link = EXCLUDED.ui_link,
        resource_links = EXCLUDED.resource_links, content_hash = EXCLUDED.content_hash,
        correlation_id = EXCLUDED.correlation_id, updated_at = now()
      WHERE opportunities.content_hash <> EXCLUDED.content_hash
      RETURNING (xmax = 0) AS inserted
      """;

  static final String COUNT = "SELECT count(*) FROM opportunities.opportunities";

  /** How many notices were updated since $1 (every notice when null). */
  static final String COUNT_UPDATED_SINCE = """
      SELECT count(*) FROM opportunities.opportunities WHERE $1::timestamptz IS NULL OR updated_at >= $1
      """;

  /** The columns {@link NoticeFacts} reads, each prefixed with {@code table}. */
  private static String facts(String table) {
    return Stream.of("notice_id", "full_parent_path_name", "naics_code", "type_of_set_aside", "posted_date")
        .map(column -> table + column).collect(Collectors.joining(", "));
  }

  /**
   * The next $3 notices' facts after $1 (from the first when null, in notice id order), of those updated since $2
   * (all when null).
   */
  static final String FACTS_AFTER = "SELECT " + facts("") + """
       FROM opportunities.opportunities
      WHERE ($1::text IS NULL OR notice_id > $1) AND ($2::timestamptz IS NULL OR updated_at >= $2)
      ORDER BY notice_id LIMIT $3
      """;

  /**
   * The service's {@link com.medcontracthub.codecs.DailyCounts}: notices by posted day, the current open ones (what
   * search by meaning can find), and pipeline moves by the UTC day they were made.
   */
  static final String DAILY_COUNTS = "SELECT '" + DailyCounts.OPPORTUNITY + "' AS aggregate, posted_date::text AS day,"
      + " count(*) AS n FROM opportunities.opportunities GROUP BY posted_date"
      + " UNION ALL SELECT '" + DailyCounts.OPEN_OPPORTUNITY + "', '" + DailyCounts.ALL_DAYS + "', count(*)"
      + " FROM opportunities.opportunities WHERE superseded_by IS NULL AND active"
      + " UNION ALL SELECT '" + DailyCounts.PIPELINE_MOVE + "', (occurred_at AT TIME ZONE 'UTC')::date::text, count(*)"
      + " FROM platform.event_store WHERE aggregate_type = 'pipeline' GROUP BY 2";

  /** Fresh planner statistics, so searches right after a bulk load get good plans before autovacuum runs. */
  static final String ANALYZE = "ANALYZE opportunities.opportunities";

  /** What the API shows of a row (not the search vector, which only the database needs). */
  static final String COLUMNS = "notice_id, title, solicitation_number, full_parent_path_name, full_parent_path_code, "
      + "posted_date, type, base_type, archive_type, archive_date, type_of_set_aside, type_of_set_aside_description, "
      + "response_deadline, naics_codes, classification_code, active, award, point_of_contact, description, "
      + "office_address, place_of_performance, ui_link, resource_links, superseded_by";

  /**
   * The notice, with the other notices of its solicitation (what it amends, or amends it), oldest first, the latest
   * {@value OpportunityStore#MAX_VERSIONS}; a blank solicitation number ties a notice to no other.
   */
  static final String BY_ID = "SELECT " + COLUMNS + """
      , ARRAY(SELECT notice_id FROM (
                SELECT v.notice_id, v.posted_date FROM opportunities.opportunities v
                WHERE v.solicitation_number = NULLIF(trim(o.solicitation_number), '') AND v.notice_id <> o.notice_id
                ORDER BY v.posted_date DESC, v.notice_id DESC LIMIT %d) latest
              ORDER BY posted_date, notice_id) AS versions
      FROM opportunities.opportunities o WHERE o.notice_id = $1
      """.formatted(OpportunityStore.MAX_VERSIONS);

  /**
   * Within each given solicitation, every notice but the latest (by posted date, then notice id) points at the latest
   * one; rows already pointing right are left alone, so a re-import writes nothing.
   */
  static final String LINK_AMENDMENTS = """
      WITH latest AS (
        SELECT DISTINCT ON (solicitation_number) solicitation_number, notice_id
        FROM opportunities.opportunities
        WHERE solicitation_number = ANY($1)
        ORDER BY solicitation_number, posted_date DESC, notice_id DESC)
      UPDATE opportunities.opportunities o
      SET superseded_by = NULLIF(l.notice_id, o.notice_id), updated_at = now()
      FROM latest l
      WHERE o.solicitation_number = l.solicitation_number
        AND o.superseded_by IS DISTINCT FROM NULLIF(l.notice_id, o.notice_id)
      """ + "RETURNING " + facts("o.");
}
