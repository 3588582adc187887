package com.medcontracthub.analytics.store;

import com.medcontracthub.analytics.ingest.EventRow;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.DocumentProcessed;
import com.medcontracthub.events.DocumentStepChanged;
import com.medcontracthub.events.DocumentUploaded;
import com.medcontracthub.events.Envelope;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.events.PipelineStageChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** Events as the services write them, for one tenant and some of another, with times chosen by the test. */
final class EventStream {

  static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

  final UUID tenant = UUID.randomUUID();
  final UUID otherTenant = UUID.randomUUID();
  final List<EventRow> rows = new ArrayList<>();

  EventStream move(UUID tenant, String notice, String from, String to, int version, long atSeconds) {
    rows.add(EventRow.of(PipelineStageChanged.newBuilder()
        .setEnvelope(envelope(PipelineStageChanged.class, tenant.toString(), tenant + ":" + notice, atSeconds))
        .setNoticeId(notice).setFrom(from).setTo(to).setBy(UUID.randomUUID().toString()).setVersion(version).build()));
    return this;
  }

  /** A change of a notice whose event carries its facts: the notice's department, NAICS, set-aside and posted day. */
  EventStream opportunity(String notice, String change, long atSeconds, String agency, String naics, String setAside,
      String posted) {
    rows.add(EventRow.of(OpportunityChanged.newBuilder()
        .setEnvelope(envelope(OpportunityChanged.class, null, notice, atSeconds))
        .setNoticeId(notice).setChange(change).setAgency(agency).setNaicsCode(naics).setSetAside(setAside)
        .setPostedDate(posted).build()));
    return this;
  }

  /** A change of a notice written before events carried its facts. */
  EventStream opportunity(String notice, String change, long atSeconds) {
    rows.add(EventRow.of(OpportunityChanged.newBuilder()
        .setEnvelope(envelope(OpportunityChanged.class, null, notice, atSeconds))
        .setNoticeId(notice).setChange(change).build()));
    return this;
  }

  /** A step of a document's processing moving to {@code state} at {@code atMs} after the start. */
  EventStream step(UUID tenant, String document, String step, String state, long atMs) {
    rows.add(EventRow.of(DocumentStepChanged.newBuilder()
        .setEnvelope(Events.envelope(DocumentStepChanged.class, "test", UUID.randomUUID(), START.plusMillis(atMs),
            null, tenant.toString(), document))
        .setDocumentId(document).setTenantId(tenant.toString()).setUserId(UUID.randomUUID().toString())
        .setNoticeId(null).setFileName("rfq.pdf").setStep(step).setState(state).setAttempt(1).setDue(null)
        .setReason(null).setMediaType("application/pdf").setBlob("sha256:00").setTextBlob(null).build()));
    return this;
  }

  /** A document uploaded at {@code atSeconds} and processed (or failed) {@code tookMs} later. */
  EventStream document(UUID tenant, String state, long atSeconds, long tookMs) {
    String document = UUID.randomUUID().toString();
    rows.add(EventRow.of(DocumentUploaded.newBuilder()
        .setEnvelope(envelope(DocumentUploaded.class, tenant.toString(), document, atSeconds))
        .setDocumentId(document).setTenantId(tenant.toString()).setUserId(UUID.randomUUID().toString())
        .setNoticeId(null).setFileName("rfq.pdf").setMediaType("application/pdf").setBlob("sha256:00").setBytes(10)
        .build()));
    rows.add(EventRow.of(DocumentProcessed.newBuilder()
        .setEnvelope(Events.envelope(DocumentProcessed.class, "test", UUID.randomUUID(),
            START.plusSeconds(atSeconds).plusMillis(tookMs), null, tenant.toString(), document))
        .setDocumentId(document).setTenantId(tenant.toString()).setUserId(UUID.randomUUID().toString())
        .setFileName("rfq.pdf").setNoticeId(null).setState(state).setPages(3).setReason(null).build()));
    return this;
  }

  private static Envelope envelope(Class<? extends SpecificRecord> type, String tenant, String aggregate,
      long atSeconds) {
    return Events.envelope(type, "test", UUID.randomUUID(), START.plusSeconds(atSeconds), null, tenant, aggregate);
  }
}
