-- Idempotent consumers: a consumer records each event id it has acted on in the same transaction as its effect,
-- so an event delivered again (Kafka is at least once) changes nothing the second time.
CREATE TABLE processed_events (
  consumer     text        NOT NULL,
  event_id     uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

-- What a tenant's users are told: an opportunity in their pipeline changed or was superseded by an amendment.
CREATE TABLE notifications (
  id             bigserial   PRIMARY KEY,
  tenant_id      uuid        NOT NULL REFERENCES tenants (id),
  kind           text        NOT NULL,
  notice_id      text        NOT NULL,
  event_id       uuid        NOT NULL,
  detail         jsonb       NOT NULL,
  correlation_id text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX notifications_by_tenant ON notifications (tenant_id, id DESC);
