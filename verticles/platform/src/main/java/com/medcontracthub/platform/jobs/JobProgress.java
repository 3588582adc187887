package com.medcontracthub.platform.jobs;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.Headers;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.events.JobProgressed;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user who started a long-running job how far it has come, as {@link JobProgressed} events on
 * {@code mch.job.events} (written by the Kafka bridge, keyed by job id so they stay in order): at the start, at most
 * once per {@value #REPORT_EVERY_MS} ms while it runs, and at the end. Best effort, like a progress bar: a report
 * that cannot be written is logged and the job goes on. One thread at a time calls it (the job's).
 */
public final class JobProgress {

  private static final Logger LOG = LoggerFactory.getLogger(JobProgress.class);
  static final long REPORT_EVERY_MS = 1_000;
  static final long TIMEOUT_MS = 5_000;
  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";
  public static final String FAILED = "failed";

  private final Vertx vertx;
  private final String source;
  private final String job;
  private final String jobId;
  private final Principal startedBy;
  private final String correlationId;
  private final Long bytesTotal;
  private long lastReportNanos;

  /**
   * @param source     the service running the job
   * @param job        what it does, e.g. {@code opportunities.import}
   * @param bytesTotal the size of its input, or null when unknown
   */
  public JobProgress(Vertx vertx, String source, String job, Principal startedBy, String correlationId, Long bytesTotal) {
    this(vertx, source, job, UUID.randomUUID().toString(), startedBy, correlationId, bytesTotal);
  }

  /** A job that has an id already (one of the job queue's). */
  public JobProgress(Vertx vertx, String source, String job, String jobId, Principal startedBy, String correlationId,
      Long bytesTotal) {
    this.vertx = vertx;
    this.jobId = jobId;
    this.source = source;
    this.job = job;
    this.startedBy = startedBy;
    this.correlationId = correlationId;
    this.bytesTotal = bytesTotal;
  }

  public String jobId() {
    return jobId;
  }

  public void started() {
    report(RUNNING, 0, 0, null);
  }

  /** Reported when the last report is {@value #REPORT_EVERY_MS} ms old. */
  public void running(long done, long bytesDone) {
    if (System.nanoTime() - lastReportNanos >= REPORT_EVERY_MS * 1_000_000) {
      report(RUNNING, done, bytesDone, null);
    }
  }

  public void finished(long done, long bytesDone, JsonObject outcome) {
    report(FINISHED, done, bytesDone, outcome.encode());
  }

  public void failed(long done, long bytesDone, String reason) {
    report(FAILED, done, bytesDone, reason);
  }

  private void report(String state, long done, long bytesDone, String summary) {
    lastReportNanos = System.nanoTime();
    JobProgressed event = JobProgressed.newBuilder()
        .setEnvelope(Events.envelope(JobProgressed.class, source, correlationId, startedBy.tenantId().toString(), jobId))
        .setJobId(jobId).setJob(job).setUserId(startedBy.userId().toString()).setState(state)
        .setDone(done).setBytesDone(bytesDone).setBytesTotal(bytesTotal).setSummary(summary)
        .build();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT_MS).addHeader(Headers.KAFKA_KEY, jobId);
    if (correlationId != null) {
      options.addHeader(Headers.CORRELATION_ID, correlationId);
    }
    vertx.eventBus().request(Addresses.JOB_EVENTS, event, options)
        .onFailure(e -> LOG.warn("job {} ({}) progress not reported: {}", jobId, state, e.toString()));
  }
}
