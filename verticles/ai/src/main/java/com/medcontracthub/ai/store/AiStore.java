package com.medcontracthub.ai.store;

import com.medcontracthub.ai.analysis.AnalysedDocument;
import com.medcontracthub.ai.analysis.Requirement;
import com.medcontracthub.ai.profile.Profile;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenants' profiles, their analyses and the requirements of their documents in PostgreSQL (schema {@code ai}). */
public final class AiStore {

  /** An analysis's states. */
  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  private final Pool pool;

  public AiStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Profile>> profile(UUID tenant) {
    return pool.preparedQuery(AiSql.PROFILE).execute(Tuple.of(tenant)).map(rows -> first(rows).map(row ->
        new Profile(row.getString("capability"), Arrays.asList(row.getArrayOfStrings("naics")),
            Arrays.asList(row.getArrayOfStrings("certifications")), Arrays.asList(row.getArrayOfStrings("past_wins")))));
  }

  public Future<Void> putProfile(UUID tenant, UUID user, Profile profile) {
    return pool.preparedQuery(AiSql.PUT_PROFILE).execute(Tuple.of(tenant, profile.capability(),
        profile.naics().toArray(String[]::new), profile.certifications().toArray(String[]::new),
        profile.pastWins().toArray(String[]::new), user)).mapEmpty();
  }

  /** A new analysis of the notice for the tenant, replacing the one it had; {@code at} names this request. */
  public Future<Void> startAnalysis(UUID tenant, String noticeId, UUID user, Instant at) {
    return pool.preparedQuery(AiSql.START_ANALYSIS).execute(Tuple.of(tenant, noticeId, user, utc(at))).mapEmpty();
  }

  /** The end of the request made {@code at}: false, and nothing changed, if a later request replaced it. */
  public Future<Boolean> finishAnalysis(UUID tenant, String noticeId, Instant at, JsonObject result, String failure) {
    return pool.preparedQuery(AiSql.FINISH_ANALYSIS).execute(Tuple.of(tenant, noticeId, utc(at),
        failure == null ? DONE : FAILED, result, failure)).map(rows -> rows.rowCount() == 1);
  }

  /** {@code {noticeId, state, requestedAt, finishedAt, failure?, ...result}}, if the tenant asked for one. */
  public Future<Optional<JsonObject>> analysis(UUID tenant, String noticeId) {
    return pool.preparedQuery(AiSql.ANALYSIS).execute(Tuple.of(tenant, noticeId)).map(rows -> first(rows).map(row -> {
      JsonObject result = row.getJsonObject("result");
      JsonObject shown = result == null ? new JsonObject() : result.copy();
      OffsetDateTime finished = row.getOffsetDateTime("finished_at");
      return shown.put("noticeId", noticeId).put("state", row.getString("state"))
          .put("requestedAt", row.getOffsetDateTime("requested_at").toInstant().toString())
          .put("finishedAt", finished == null ? null : finished.toInstant().toString())
          .put("failure", row.getString("failure"));
    }));
  }

  /** The requirements found in a document of the tenant, replacing those it had. */
  public Future<Void> putDocumentRequirements(AnalysedDocument document) {
    return pool.preparedQuery(AiSql.PUT_DOCUMENT_REQUIREMENTS).execute(Tuple.of(document.documentId(),
        document.tenant(), document.noticeId(), document.fileName(), document.pages(),
        new JsonArray(document.requirements().stream().map(Requirement::toJson).toList()))).mapEmpty();
  }

  /** The document failed in its saga: what the AI service keeps of it is removed and never stored again. */
  public Future<Void> markUndone(UUID documentId) {
    return pool.preparedQuery(AiSql.MARK_UNDONE).execute(Tuple.of(documentId)).mapEmpty();
  }

  public Future<Boolean> undone(UUID documentId) {
    return pool.preparedQuery(AiSql.UNDONE).execute(Tuple.of(documentId)).map(rows -> rows.size() > 0);
  }

  public Future<Void> removeDocumentRequirements(UUID documentId) {
    return pool.preparedQuery(AiSql.REMOVE_DOCUMENT_REQUIREMENTS).execute(Tuple.of(documentId)).mapEmpty();
  }

  /** The tenant's analysed documents of the notice, the last analysed first, {@code limit} at most. */
  public Future<List<AnalysedDocument>> documentRequirements(UUID tenant, String noticeId, int limit) {
    return pool.preparedQuery(AiSql.DOCUMENT_REQUIREMENTS).execute(Tuple.of(tenant, noticeId, limit)).map(rows -> {
      List<AnalysedDocument> documents = new ArrayList<>();
      rows.forEach(row -> documents.add(new AnalysedDocument(row.getUUID("document_id"), tenant, noticeId,
          row.getString("file_name"), row.getInteger("pages"), row.getJsonArray("requirements").stream()
              .map(JsonObject.class::cast).map(Requirement::of).toList())));
      return documents;
    });
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
