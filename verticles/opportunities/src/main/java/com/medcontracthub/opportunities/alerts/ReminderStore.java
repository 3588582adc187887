package com.medcontracthub.opportunities.alerts;

import com.medcontracthub.codecs.request.Principal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who gets deadline reminders, in which time zone, and what a reminder run reads and records. */
public final class ReminderStore {

  /** A user's reminders: where they go and in which time zone their days and hour are read. */
  public record Subscription(String email, String timeZone) {
  }

  /** An opportunity a reminder names: its deadline, that many of the user's days away. */
  record Item(String noticeId, String title, Instant deadline, int days) {
  }

  /** The reminder due to a user on their day {@code today}. */
  record Due(UUID user, String email, ZoneId zone, String unsubscribeToken, LocalDate today, List<Item> items) {
  }

  private final Pool pool;

  public ReminderStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Subscription>> get(Principal user) {
    return pool.preparedQuery(ReminderSql.GET).execute(Tuple.of(user.userId(), user.tenantId()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(subscription(rows.iterator().next())));
  }

  public Future<Subscription> start(Principal user, String timeZone) {
    return pool.preparedQuery(ReminderSql.START)
        .execute(Tuple.of(user.userId(), user.tenantId(), user.email(), timeZone, UnsubscribeMount.newToken()))
        .map(rows -> subscription(rows.iterator().next()));
  }

  public Future<Boolean> stop(Principal user) {
    return pool.preparedQuery(ReminderSql.STOP).execute(Tuple.of(user.userId(), user.tenantId()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Stops a user's reminders when the secret is theirs: whether it was. */
  public Future<Boolean> unsubscribe(UUID user, String token) {
    return pool.preparedQuery(ReminderSql.UNSUBSCRIBE).execute(Tuple.of(user, token)).map(rows -> rows.rowCount() == 1);
  }

  /** The reminders due by {@code hour}, read as {@link ReminderSql#DUE} says, a user's opportunities by deadline. */
  Future<List<Due>> due(Instant hour, int localHour, List<String> stages, List<Integer> daysBefore) {
    return pool.preparedQuery(ReminderSql.DUE)
        .execute(Tuple.of(utc(hour), localHour, stages.toArray(String[]::new), daysBefore.toArray(Integer[]::new)))
        .map(rows -> {
          List<Due> due = new ArrayList<>();
          for (Row row : rows) {
            UUID user = row.getUUID("user_id");
            if (due.isEmpty() || !due.get(due.size() - 1).user().equals(user)) {
              due.add(new Due(user, row.getString("email"), ZoneId.of(row.getString("time_zone")),
                  row.getString("unsubscribe_token"), row.getLocalDate("today"), new ArrayList<>()));
            }
            due.get(due.size() - 1).items().add(new Item(row.getString("notice_id"), row.getString("title"),
                row.getOffsetDateTime("response_deadline").toInstant(), row.getInteger("days")));
          }
          return due;
        });
  }

  Future<Void> sent(Due reminder) {
    return pool.preparedQuery(ReminderSql.SENT).execute(Tuple.of(reminder.user(), reminder.today())).mapEmpty();
  }

  private static Subscription subscription(Row row) {
    return new Subscription(row.getString("email"), row.getString("time_zone"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
