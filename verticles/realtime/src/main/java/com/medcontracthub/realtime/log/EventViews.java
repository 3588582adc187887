package com.medcontracthub.realtime.log;

import com.medcontracthub.codecs.DocumentSteps;
import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.events.JobProgressed;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.events.PipelineStageChanged;
import com.medcontracthub.platform.jobs.JobProgress;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.apache.avro.specific.SpecificRecord;

/** What a room shows of each domain event bridged from Kafka. */
public final class EventViews {

  public static final String PIPELINE_MOVED = "pipeline.moved";

  private EventViews() {
  }

  public static JsonObject opportunityChange(OpportunityChanged event) {
    return new JsonObject().put("type", "opportunity." + event.getChange()).put("noticeId", event.getNoticeId())
        .put("eventId", event.getEnvelope().getEventId())
        .put("occurredAt", event.getEnvelope().getOccurredAt().toString());
  }

  /** A move on the tenant's bid pipeline, for its users' boards: the entry's new stage and version, and who moved it. */
  public static JsonObject pipelineMove(PipelineStageChanged event) {
    return new JsonObject().put("kind", PIPELINE_MOVED).put("noticeId", event.getNoticeId())
        .put("from", event.getFrom()).put("stage", event.getTo()).put("version", event.getVersion())
        .put("by", event.getBy()).put("occurredAt", event.getEnvelope().getOccurredAt().toString());
  }

  /** What the user's notification tray shows of a job: its state, counts and, at its end, the outcome. */
  public static JsonObject jobProgress(JobProgressed event) {
    JsonObject progress = new JsonObject().put("kind", "job.progress").put("jobId", event.getJobId())
        .put("job", event.getJob()).put("state", event.getState()).put("done", event.getDone())
        .put("bytesDone", event.getBytesDone()).put("bytesTotal", event.getBytesTotal())
        .put("occurredAt", event.getEnvelope().getOccurredAt().toString());
    String summary = event.getSummary();
    if (summary != null) {
      try {
        progress.put("summary", JobProgress.FINISHED.equals(event.getState()) ? new JsonObject(summary) : summary);
      } catch (DecodeException e) {
        // the outcome of a finished job is a JSON object; shown as text rather than block the topic when it is not
        progress.put("summary", summary);
      }
    }
    return progress;
  }

  /**
   * The room of what a tenant's users see of a document's processing: each step as it moves and the end, in the
   * tenant's notifications; not the undoing of a step (null), which is the services' business.
   */
  public static String documentRoom(SpecificRecord event) {
    if (event instanceof DocumentProcessed processed) {
      return RealtimeRooms.tenantNotifications(processed.getTenantId());
    }
    return event instanceof DocumentStepChanged step && !DocumentSteps.COMPENSATING.equals(step.getState())
        ? RealtimeRooms.tenantNotifications(step.getTenantId()) : null;
  }

  /** A document's step or end, as {@link #documentRoom} places it. */
  public static JsonObject document(SpecificRecord event) {
    return event instanceof DocumentProcessed processed ? documentProcessed(processed)
        : documentStep((DocumentStepChanged) event);
  }

  /** A step that moved: which, how far (its attempt, until when), and why it is tried again or failed. */
  private static JsonObject documentStep(DocumentStepChanged event) {
    return new JsonObject().put("kind", "document.step").put("documentId", event.getDocumentId())
        .put("fileName", event.getFileName()).put("noticeId", event.getNoticeId()).put("step", event.getStep())
        .put("state", event.getState()).put("attempt", event.getAttempt())
        .put("due", event.getDue() == null ? null : event.getDue().toString()).put("reason", event.getReason())
        .put("uploadedBy", event.getUserId()).put("occurredAt", event.getEnvelope().getOccurredAt().toString());
  }

  /** What the tenant's trays show of a document processed (or not): enough to name it and open its notice. */
  private static JsonObject documentProcessed(DocumentProcessed event) {
    return new JsonObject().put("kind", "document." + event.getState()).put("documentId", event.getDocumentId())
        .put("fileName", event.getFileName()).put("noticeId", event.getNoticeId()).put("pages", event.getPages())
        .put("reason", event.getReason()).put("uploadedBy", event.getUserId())
        .put("occurredAt", event.getEnvelope().getOccurredAt().toString());
  }
}
