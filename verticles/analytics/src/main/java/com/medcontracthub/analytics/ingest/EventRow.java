package com.medcontracthub.analytics.ingest;

import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.Envelope;
import com.medcontracthub.events.OpportunityChanged;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A domain event as the analytics store keeps it: its envelope, the few fields the KPIs group by in columns of their
 * own, and the whole event as JSON (so a KPI added later can be derived from what is already stored).
 *
 * @param tenantId   empty for events of no tenant (opportunities are public notices)
 * @param noticeId   the opportunity the event is about; empty when none
 * @param state      what the event reports: a pipeline stage, an opportunity's change, a document's state; or empty
 * @param version    the aggregate's version the event made, where the event counts them; else 0
 * @param day        the UTC day it occurred, {@code 2026-12-07}; {@code month} is {@code 2026-12}
 * @param facts      what an opportunity's event says of its notice; {@link Facts#NONE} for other events
 * @param step       the saga step a document's step event is about; else empty
 */
public record EventRow(String eventId, String type, String source, String tenantId, String aggregateId,
    String noticeId, String state, int version, int pages, long occurredMs, String day, String month, String payload,
    Facts facts, String step) {

  /**
   * An opportunity's facts as the KPIs group by them, empty where unknown (events written before they carried them).
   *
   * @param department the top of the buying organisation's path (SAM.gov's department or independent agency)
   * @param postedDay  the day SAM.gov posted it, {@code 2026-12-07}
   */
  public record Facts(String department, String naics, String setAside, String postedDay) {
    public static final Facts NONE = new Facts("", "", "", "");

    static Facts of(SpecificRecord event) {
      String agency = text(field(event, "agency"));
      int dot = agency.indexOf('.');
      return new Facts(dot < 0 ? agency : agency.substring(0, dot), text(field(event, "naicsCode")),
          text(field(event, "setAside")), text(field(event, "postedDate")));
    }
  }

  /** Where an event type keeps its state when it is not in a field named {@code state}. */
  private static final Map<String, String> STATE_FIELD = Map.of("PipelineStageChanged", "to",
      "OpportunityChanged", "change");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  public static EventRow of(SpecificRecord event) {
    Envelope envelope = Events.envelopeOf(event);
    String type = envelope.getType();
    String day = DAY.format(envelope.getOccurredAt());
    Object tenant = envelope.getTenantId() != null ? envelope.getTenantId() : field(event, "tenantId");
    Object version = field(event, "version");
    Object pages = field(event, "pages");
    return new EventRow(envelope.getEventId(), type, envelope.getSource(), text(tenant),
        envelope.getAggregateId(), text(field(event, "noticeId")), text(field(event, STATE_FIELD.getOrDefault(type,
        "state"))), version instanceof Integer v ? v : 0, pages instanceof Integer p ? p : 0,
        envelope.getOccurredAt().toEpochMilli(), day, day.substring(0, 7), event.toString(),
        event instanceof OpportunityChanged ? Facts.of(event) : Facts.NONE, text(field(event, "step")));
  }

  private static Object field(SpecificRecord event, String name) {
    Schema.Field field = event.getSchema().getField(name);
    return field == null ? null : event.get(field.pos());
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** The row as one line of ClickHouse's JSONEachRow input, its keys the table's columns. */
  public JsonObject json() {
    return new JsonObject().put("event_id", eventId).put("type", type).put("source", source)
        .put("tenant_id", tenantId).put("aggregate_id", aggregateId).put("notice_id", noticeId).put("state", state)
        .put("version", version).put("pages", pages).put("occurred_ms", occurredMs).put("day", day)
        .put("month", month).put("payload", payload).put("department", facts.department()).put("naics", facts.naics())
        .put("set_aside", facts.setAside()).put("posted_day", facts.postedDay()).put("step", step);
  }
}
