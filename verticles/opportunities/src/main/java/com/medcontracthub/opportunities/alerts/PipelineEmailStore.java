package com.medcontracthub.opportunities.alerts;

import static com.medcontracthub.platform.db.SqlTimes.utc;

import com.medcontracthub.codecs.request.Principal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who gets which pipeline e-mails, in which time zone, and what the hourly runs of them read and record. */
final class PipelineEmailStore {

  /** A user's pipeline e-mails: where they go, in which time zone their days and hour are read, and which are on. */
  record Settings(String email, String timeZone, boolean deadlineReminders, boolean weeklyReport) {
  }

  /** An opportunity a reminder names: its deadline, that many of the user's days away. */
  record Item(String noticeId, String title, Instant deadline, int days) {
  }

  /** The reminder due to a user on their day {@code today}. */
  record Reminder(UUID user, String email, ZoneId zone, String unsubscribeToken, LocalDate today, List<Item> items) {
  }

  /** The weekly report due to a user: their tenant's of the week starting on the Monday {@code week}. */
  record Report(UUID user, UUID tenant, String email, String unsubscribeToken, LocalDate week) {
  }

  private final Pool pool;

  PipelineEmailStore(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<Settings>> get(Principal user) {
    return pool.preparedQuery(PipelineEmailSql.GET).execute(Tuple.of(user.userId(), user.tenantId()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(settings(rows.iterator().next())));
  }

  /** Sets the user's e-mails ({@code settings}' address is the one they log in with); a new user gets a new secret. */
  Future<Settings> set(Principal user, Settings settings, String newToken) {
    return pool.preparedQuery(PipelineEmailSql.SET)
        .execute(Tuple.of(user.userId(), user.tenantId(), settings.email(), settings.timeZone(),
            settings.deadlineReminders(), settings.weeklyReport(), newToken))
        .map(rows -> settings(rows.iterator().next()));
  }

  Future<Void> stop(Principal user) {
    return pool.preparedQuery(PipelineEmailSql.STOP).execute(Tuple.of(user.userId(), user.tenantId())).mapEmpty();
  }

  /** Turns a user's reminders or reports off when the secret is theirs: whether it was. */
  Future<Boolean> unsubscribe(boolean reports, UUID user, String token) {
    return pool.preparedQuery(reports ? PipelineEmailSql.STOP_REPORTS : PipelineEmailSql.STOP_REMINDERS)
        .execute(Tuple.of(user, token)).map(rows -> rows.rowCount() == 1);
  }

  /** The reminders due by {@code hour}, read as {@link PipelineEmailSql#REMINDERS_DUE} says, by deadline. */
  Future<List<Reminder>> remindersDue(Instant hour, int localHour, List<String> stages, List<Integer> daysBefore) {
    return pool.preparedQuery(PipelineEmailSql.REMINDERS_DUE)
        .execute(Tuple.of(utc(hour), localHour, stages.toArray(String[]::new), daysBefore.toArray(Integer[]::new)))
        .map(rows -> {
          List<Reminder> due = new ArrayList<>();
          for (Row row : rows) {
            UUID user = row.getUUID("user_id");
            if (due.isEmpty() || !due.get(due.size() - 1).user().equals(user)) {
              due.add(new Reminder(user, row.getString("email"), ZoneId.of(row.getString("time_zone")),
                  row.getString("unsubscribe_token"), row.getLocalDate("today"), new ArrayList<>()));
            }
            due.get(due.size() - 1).items().add(new Item(row.getString("notice_id"), row.getString("title"),
                row.getOffsetDateTime("response_deadline").toInstant(), row.getInteger("days")));
          }
          return due;
        });
  }

  Future<Void> reminded(Reminder reminder) {
    return pool.preparedQuery(PipelineEmailSql.REMINDED).execute(Tuple.of(reminder.user(), reminder.today())).mapEmpty();
  }

  /** The weekly reports due by {@code hour}, read as {@link PipelineEmailSql#REPORTS_DUE} says, by tenant. */
  Future<List<Report>> reportsDue(Instant hour, int localHour) {
    return pool.preparedQuery(PipelineEmailSql.REPORTS_DUE).execute(Tuple.of(utc(hour), localHour)).map(rows -> {
      List<Report> due = new ArrayList<>();
      for (Row row : rows) {
        due.add(new Report(row.getUUID("user_id"), row.getUUID("tenant_id"), row.getString("email"),
            row.getString("unsubscribe_token"), row.getLocalDate("week")));
      }
      return due;
    });
  }

  Future<Void> reported(Report report) {
    return pool.preparedQuery(PipelineEmailSql.REPORTED).execute(Tuple.of(report.user(), report.week())).mapEmpty();
  }

  private static Settings settings(Row row) {
    return new Settings(row.getString("email"), row.getString("time_zone"), row.getBoolean("deadline_reminders"),
        row.getBoolean("weekly_report"));
  }

}
