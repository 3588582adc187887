package com.medcontracthub.ai.store;

import com.medcontracthub.ai.profile.Profile;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/** The tenants' profiles and their analyses in PostgreSQL (schema {@code ai}). */
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
            Arrays.asList(row.getArrayOfStrings("certifications")))));
  }

  public Future<Void> putProfile(UUID tenant, UUID user, Profile profile) {
    return pool.preparedQuery(AiSql.PUT_PROFILE).execute(Tuple.of(tenant, profile.capability(),
        profile.naics().toArray(String[]::new), profile.certifications().toArray(String[]::new), user)).mapEmpty();
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

  private static Optional<Row> first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
