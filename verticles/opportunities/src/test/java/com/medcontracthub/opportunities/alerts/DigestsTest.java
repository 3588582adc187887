package com.medcontracthub.opportunities.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.codecs.jobs.DigestJob;
import com.medcontracthub.jobs.Job;
import com.medcontracthub.jobs.JobQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When digests are due, against the embedded PostgreSQL and Redis: searches and matches are written as they would be
 * at set times (a Wednesday, UTC, digests at 07:00), and the digest of an hour is run as its job would be.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Saved-search digests")
class DigestsTest {

  /** A Wednesday. */
  private static final ZonedDateTime WEDNESDAY = ZonedDateTime.of(2026, 12, 2, 0, 0, 0, 0, ZoneOffset.UTC);

  private AlertsFixture fixture;
  private Pool pool;
  private JobQueue jobs;
  private Digests digests;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    fixture = new AlertsFixture(vertx);
    pool = fixture.pool;
    jobs = fixture.jobs;
    digests = new Digests(vertx, pool, jobs, fixture.config.alerts());
  }

  @AfterEach
  void tearDown(VertxTestContext test) {
    fixture.close().onComplete(test.succeedingThenComplete());
  }

  /**
   * A search of {@code owner}'s saved at {@code created}, last served at {@code lastDigest} (null: never), with one
   * match at {@code matched}.
   */
  private Future<UUID> search(AlertsFixture.User owner, String alerts, Instant created, Instant lastDigest,
      Instant matched) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("""
            INSERT INTO opportunities.saved_searches (id, tenant_id, created_by, name, filters, correlation_id, alerts,
              owner_email, unsubscribe_token, created_at, last_digest_at, digested_until)
            VALUES ($1, $2, $3, 'digest test', '{}', 'test', $4, 'owner@example.gov', 'secret', $5, $6, $6)""")
        .execute(Tuple.from(new Object[] {id, owner.tenant(), owner.id(), alerts, created.atOffset(ZoneOffset.UTC),
            lastDigest == null ? null : lastDigest.atOffset(ZoneOffset.UTC)}))
        .compose(v -> pool.preparedQuery("""
            INSERT INTO opportunities.notifications (tenant_id, kind, notice_id, event_id, detail, created_at)
            VALUES ($1, 'saved-search.match', 'digest-test', $2, $3, $4)""")
            .execute(Tuple.of(UUID.randomUUID(), UUID.randomUUID(), new JsonObject().put("title", "Exam gloves")
                .put("savedSearchId", id.toString()), matched.atOffset(ZoneOffset.UTC))))
        .map(id);
  }

  /** The digest job of the hour, as a worker runs it. */
  private Future<JsonObject> run(Instant hour) {
    return digests.run(new SlotJob(DigestJob.TYPE, hour));
  }

  /** The e-mail jobs enqueued for a search: their ids. */
  private Future<List<String>> emails(UUID search) {
    return fixture.emails("digest:" + search + ":").map(waiting -> waiting.stream().map(Job::id).toList());
  }

  private static Instant at(ZonedDateTime day, int hour) {
    return day.plusHours(hour).toInstant();
  }

  @Test
  @DisplayName("a daily digest time missed while no run happened is served by the next run, once, with every match since")
  void missedTimeServedLater(Vertx vertx, VertxTestContext test) {
    Instant monday7 = at(WEDNESDAY.minusDays(2), 7);
    fixture.admin("owner").compose(owner -> search(owner, "daily", monday7.minus(30, ChronoUnit.DAYS), monday7,
            at(WEDNESDAY.minusDays(1), 12)))
        .compose(id -> run(at(WEDNESDAY, 10)).compose(late -> emails(id))
            .compose(first -> run(at(WEDNESDAY, 11)).compose(again -> emails(id)).map(second -> List.of(first, second))
                .map(both -> List.of(id, both))))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          UUID id = (UUID) all.get(0);
          String wednesday = "digest:" + id + ":" + at(WEDNESDAY, 7).toEpochMilli();
          assertEquals(List.of(List.of(wednesday), List.of(wednesday)), all.get(1),
              "Wednesday's 07:00 digest (Tuesday's match in it) made by the 10:00 run, and no other by the 11:00 one");
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a search saved after today's digest time gets its first digest tomorrow")
  void firstDigestTomorrow(Vertx vertx, VertxTestContext test) {
    fixture.admin("owner").compose(owner -> search(owner, "daily", at(WEDNESDAY, 9), null,
            at(WEDNESDAY, 9).plusSeconds(60)))
        .compose(id -> run(at(WEDNESDAY, 10)).compose(v -> emails(id))
            .compose(today -> run(at(WEDNESDAY.plusDays(1), 7)).compose(v -> emails(id))
                .map(tomorrow -> List.of(today.size(), tomorrow.size()))))
        .onComplete(test.succeeding(emails -> test.verify(() -> {
          assertEquals(List.of(0, 1), emails);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a weekly digest goes out on Monday at the digests' hour, and not on the other days")
  void weekly(Vertx vertx, VertxTestContext test) {
    Instant lastMonday7 = at(WEDNESDAY.minusDays(2), 7);
    fixture.admin("owner").compose(owner -> search(owner, "weekly", lastMonday7.minus(30, ChronoUnit.DAYS), lastMonday7,
            at(WEDNESDAY, 8)))
        .compose(id -> run(at(WEDNESDAY.plusDays(1), 7)).compose(v -> emails(id))
            .compose(thursday -> run(at(WEDNESDAY.plusDays(5), 7)).compose(v -> emails(id))
                .map(monday -> List.of(thursday.size(), monday.size()))))
        .onComplete(test.succeeding(emails -> test.verify(() -> {
          assertEquals(List.of(0, 1), emails);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a search whose owner was removed from the tenant gets no digest")
  void removedOwner(Vertx vertx, VertxTestContext test) {
    Instant monday7 = at(WEDNESDAY.minusDays(2), 7);
    fixture.admin("owner").compose(owner -> fixture.member(owner.tenant(), "leaver"))
        .compose(leaver -> search(leaver, "daily", monday7.minus(30, ChronoUnit.DAYS), monday7,
                at(WEDNESDAY.minusDays(1), 12))
            .compose(id -> fixture.remove(leaver).compose(v -> run(at(WEDNESDAY, 7))).compose(v -> emails(id))))
        .onComplete(test.succeeding(emails -> test.verify(() -> {
          assertEquals(List.of(), emails);
          test.completeNow();
        })));
  }
}
