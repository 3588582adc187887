package com.medcontracthub.jobs;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;

/**
 * A job enqueued on a schedule: a Unix cron expression (five fields, e.g. {@code 0 7 * * MON}), or six with seconds
 * first (Spring's), read in a time zone.
 * Each slot's job has the id {@code repeat:<name>:<slot epoch ms>} and the slot in its data, as {@value #SLOT}.
 */
public record Repeat(String name, String cron, ZoneId zone, String queue, NewJob job) {

  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
  public static final String SLOT = "slot";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public Repeat {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a repeat's name is 1 to 100 letters, digits and ._- , not '" + name + "'");
    }
    executionTime(cron);
  }

  ExecutionTime executionTime() {
    return executionTime(cron);
  }

  NewJob jobFor(ZonedDateTime slot) {
    long millis = slot.toInstant().toEpochMilli();
    return new NewJob(job.type(), job.data().copy().put(SLOT, millis), "repeat:" + name + ":" + millis, job.priority(),
        job.delayMs(), job.maxAttempts(), job.backoffMs(), job.group(), job.tenant(), job.user());
  }

  private static ExecutionTime executionTime(String cron) {
    try {
      return ExecutionTime.forCron((cron.trim().split("\\s+").length == 6 ? WITH_SECONDS : UNIX).parse(cron));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("'" + cron + "' is not a cron expression of five fields "
          + "(minute hour day-of-month month day-of-week), or six with seconds first: " + e.getMessage());
    }
  }
}
