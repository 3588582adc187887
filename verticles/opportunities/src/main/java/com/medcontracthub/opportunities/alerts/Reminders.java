package com.medcontracthub.opportunities.alerts;

import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.codecs.jobs.PipelineEmailJob;
import com.medcontracthub.jobs.JobHandler;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.jobs.RunningJob;
import com.medcontracthub.opportunities.pipeline.PipelineStore;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The response-deadline reminders of one hour ({@link PipelineEmailJob}): each user (still one) with reminders on, for
 * whom the reminders' hour has come today in their time zone, gets one e-mail naming the opportunities of their
 * tenant's pipeline, still to be bid, whose deadline is {@link #DAYS_BEFORE} of their calendar days away. It is
 * enqueued for the worker as an {@link EmailJob} whose id is the user's and the day's, and the day is then marked sent,
 * so running the hour again (a retry, a worker that died, the next hour) sends nothing twice.
 */
public final class Reminders implements JobHandler {

  public static final List<Integer> DAYS_BEFORE = List.of(7, 3, 1);
  static final String TEMPLATE = "reminders";
  private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm zzz", Locale.US);

  private final PipelineEmailStore store;
  private final Recipients recipients;
  private final JobQueue jobs;
  private final MchConfig.Alerts settings;

  public Reminders(Vertx vertx, Pool pool, JobQueue jobs, MchConfig.Alerts settings) {
    this.store = new PipelineEmailStore(pool);
    this.recipients = new Recipients(vertx);
    this.jobs = jobs;
    this.settings = settings;
  }

  @Override
  public Future<JsonObject> run(RunningJob job) {
    Instant hour = HourlySlot.of(job);
    return store.remindersDue(hour, settings.hour(), PipelineStore.OPEN_STAGES, DAYS_BEFORE)
        .compose(due -> recipients.stillUsers(due, PipelineEmailStore.Reminder::user))
        .compose(due -> remind(job, due, 0));
  }

  /** One user after the other, the job's progress moving with them. */
  private Future<JsonObject> remind(RunningJob job, List<PipelineEmailStore.Reminder> due, int done) {
    if (done == due.size()) {
      return Future.succeededFuture(new JsonObject().put("emails", due.size()));
    }
    PipelineEmailStore.Reminder reminder = due.get(done);
    return jobs.enqueue(EmailJob.QUEUE, email(reminder))
        .compose(enqueued -> store.reminded(reminder))
        .compose(sent -> job.progress((done + 1) * 100 / due.size()).otherwise((Void) null))
        .compose(v -> remind(job, due, done + 1));
  }

  private NewJob email(PipelineEmailStore.Reminder reminder) {
    JsonArray items = new JsonArray();
    reminder.items().forEach(item -> items.add(new JsonObject().put("noticeId", item.noticeId())
        .put("title", item.title()).put("url", WebLinks.opportunity(settings.baseUrl(), item.noticeId()))
        .put("deadline", DEADLINE.format(item.deadline().atZone(reminder.zone())))
        .put("when", item.days() == 1 ? "tomorrow" : "in " + item.days() + " days")));
    String unsubscribe = UnsubscribeMount.link(settings.baseUrl(), UnsubscribeMount.Stopped.REMINDERS, reminder.user(),
        reminder.unsubscribeToken());
    JsonObject first = items.getJsonObject(0);
    String headline = items.size() == 1 ? first.getString("title") + ", " + first.getString("when")
        : items.size() + " opportunities of your pipeline, the first " + first.getString("when");
    JsonObject model = new JsonObject().put("headline", headline).put("items", items)
        .put("timeZone", reminder.zone().getId()).put("unsubscribeUrl", unsubscribe);
    return NewJob.of(EmailJob.TYPE, new JsonObject().put(EmailJob.TO, reminder.email()).put(EmailJob.TEMPLATE, TEMPLATE)
            .put(EmailJob.MODEL, model).put(EmailJob.UNSUBSCRIBE_URL, unsubscribe))
        .withId("reminders:" + reminder.user() + ":" + reminder.today());
  }
}
