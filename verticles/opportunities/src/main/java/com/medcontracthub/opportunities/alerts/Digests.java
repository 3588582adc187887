package com.medcontracthub.opportunities.alerts;

import com.medcontracthub.codecs.jobs.DigestJob;
import com.medcontracthub.codecs.jobs.EmailJob;
import com.medcontracthub.jobs.JobHandler;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.jobs.RunningJob;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The saved-search digests of one hour ({@link DigestJob}): each search with a digest due then whose owner is still a
 * user and has new matches since its last digest gets one e-mail, enqueued for the worker as an {@link EmailJob} whose id is the
 * search's and the digest time's, so running the hour again (a retry, a worker that died) sends nothing twice. The
 * matches taken end {@value #GRACE_MINUTES} minutes before the hour: a match whose transaction began before it and
 * committed after it is in the next digest, not lost.
 */
public final class Digests implements JobHandler {

  static final String TEMPLATE = "digest";
  static final long GRACE_MINUTES = 5;

  private final DigestStore store;
  private final Recipients recipients;
  private final JobQueue jobs;
  private final MchConfig.Alerts settings;

  public Digests(Vertx vertx, Pool pool, JobQueue jobs, MchConfig.Alerts settings) {
    this.store = new DigestStore(pool);
    this.recipients = new Recipients(vertx);
    this.jobs = jobs;
    this.settings = settings;
  }

  @Override
  public Future<JsonObject> run(RunningJob job) {
    Instant hour = HourlySlot.of(job);
    return store.due(hour, settings.hour())
        .compose(due -> recipients.stillUsers(due, DigestStore.Due::owner))
        .compose(due -> digest(job, hour, due, 0, 0));
  }

  /** One search after the other, the job's progress moving with them. */
  private Future<JsonObject> digest(RunningJob job, Instant hour, List<DigestStore.Due> due, int done, int sent) {
    if (done == due.size()) {
      return Future.succeededFuture(new JsonObject().put("searches", due.size()).put("emails", sent));
    }
    DigestStore.Due search = due.get(done);
    Instant until = hour.minus(GRACE_MINUTES, ChronoUnit.MINUTES);
    return store.matches(search.id(), search.since(), until)
        .compose(matches -> matches.total() == 0 ? Future.succeededFuture(false)
            : jobs.enqueue(EmailJob.QUEUE, email(search, matches)).map(true))
        .compose(emailed -> store.digested(search, until).map(emailed))
        .compose(emailed -> job.progress((done + 1) * 100 / due.size()).otherwise((Void) null)
            .compose(v -> digest(job, hour, due, done + 1, emailed ? sent + 1 : sent)));
  }

  private NewJob email(DigestStore.Due search, DigestStore.Matches matches) {
    JsonArray items = new JsonArray();
    matches.items().forEach(item -> {
      JsonObject match = (JsonObject) item;
      items.add(match.copy().put("url", WebLinks.opportunity(settings.baseUrl(), match.getString("noticeId"))));
    });
    String unsubscribe = UnsubscribeMount.link(settings.baseUrl(), UnsubscribeMount.Stopped.SEARCH, search.id(),
        search.unsubscribeToken());
    JsonObject model = new JsonObject().put("searchName", search.name()).put("count", matches.total())
        .put("items", items).put("unsubscribeUrl", unsubscribe);
    if (matches.total() > items.size()) {
      model.put("more", matches.total() - items.size());
    }
    return NewJob.of(EmailJob.TYPE, new JsonObject().put(EmailJob.TO, search.email()).put(EmailJob.TEMPLATE, TEMPLATE)
            .put(EmailJob.MODEL, model).put(EmailJob.UNSUBSCRIBE_URL, unsubscribe))
        .withId("digest:" + search.id() + ":" + search.scheduled().toEpochMilli());
  }
}
