package com.medcontracthub.worker.api;

import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.jobs.Job;
import com.medcontracthub.jobs.JobQueue;
import com.medcontracthub.jobs.JobState;
import com.medcontracthub.jobs.NewJob;
import com.medcontracthub.platform.bus.QueryParams;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.worker.jobs.JobTypes;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * The jobs API: a tenant's users see the jobs their tenant started (404 for any other job, so ids do not leak), and
 * its admins enqueue jobs of the known types. Jobs nobody started (the platform's own) are seen with {@code ./mch jobs}.
 */
public final class JobsApi {

  static final String TYPE = "type";
  static final String DATA = "data";
  static final String ID = "id";
  static final String PRIORITY = "priority";
  static final String DELAY_MS = "delayMs";
  static final String QUEUE = "queue";
  static final String STATE = "state";
  static final String LIMIT = "limit";
  private static final Set<String> CREATE_FIELDS = Set.of(TYPE, DATA, ID, PRIORITY, DELAY_MS);
  private static final int DEFAULT_LIMIT = 50;

  private final JobQueue queue;
  private final JobTypes types;

  public JobsApi(JobQueue queue, JobTypes types) {
    this.queue = queue;
    this.types = types;
  }

  public Future<JsonObject> get(Message<JsonObject> message) {
    Principal caller = principal(message);
    String id = part(message, ServiceRequest.PATH).getString(ID, "");
    return queue.job(id).compose(job -> job == null || !caller.tenantId().toString().equals(job.tenant())
        ? Future.failedFuture(new Refusal(404, "no such job of this tenant"))
        : Future.succeededFuture(job.toJson()));
  }

  /** The newest jobs of the caller's tenant, optionally of one queue and in one state. */
  public Future<JsonObject> list(Message<JsonObject> message) {
    Principal caller = principal(message);
    QueryParams params = new QueryParams(part(message, ServiceRequest.QUERY), Set.of(QUEUE, STATE, LIMIT));
    String queueName = params.single(QUEUE);
    JobState state = state(params.single(STATE));
    int limit = params.limit(DEFAULT_LIMIT, JobQueue.MAX_LIST);
    return queue.listOwned(caller.tenantId().toString(), JobQueue.MAX_LIST).map(jobs -> new JsonObject().put("jobs",
        new JsonArray(jobs.stream()
            .filter(job -> queueName == null || queueName.equals(job.queue()))
            .filter(job -> state == null || state == job.state())
            .limit(limit).map(Job::toJson).toList())));
  }

  /**
   * Enqueues a job of a known type for the caller's tenant (admins): 201 with its id and where to follow it. An id
   * the caller gives de-duplicates within its tenant (it is stored under the tenant's id).
   */
  public Future<JsonObject> create(Message<JsonObject> message) {
    Principal caller = principal(message);
    if (!caller.admin()) {
      throw new Refusal(403, "only the tenant's admins enqueue jobs");
    }
    JsonObject body = body(message, CREATE_FIELDS);
    String type = body.getValue(TYPE) instanceof String s ? s : null;
    JobTypes.JobType jobType = types.find(type).orElseThrow(() -> new Refusal(400, TYPE + ": unknown job type '" + type
        + "'; known: " + String.join(", ", types.names())));
    NewJob job;
    try {
      job = NewJob.of(type, body.getValue(DATA) instanceof JsonObject data ? data : new JsonObject())
          .withId(body.getString(ID) == null ? null : caller.tenantId() + ":" + body.getString(ID))
          .withPriority(body.getInteger(PRIORITY, 0))
          .delayedBy(Duration.ofMillis(body.getLong(DELAY_MS, 0L)))
          .ownedBy(caller.tenantId().toString(), caller.userId().toString());
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new Refusal(400, e.getMessage());
    }
    return queue.enqueue(jobType.queue(), job)
        .recover(e -> e instanceof IllegalArgumentException ? Future.failedFuture(new Refusal(400, e.getMessage()))
            : Future.failedFuture(e))
        .map(enqueued -> new JsonObject().put(ID, enqueued.id()).put("added", enqueued.added())
            .put(QUEUE, jobType.queue()).put("status", "/api/v1/jobs/" + enqueued.id()));
  }

  private static JobState state(String text) {
    try {
      return text == null ? null : JobState.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, STATE + ": " + e.getMessage());
    }
  }
}
