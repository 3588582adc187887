-- What every service shares to keep its promises: the transactional outbox (written in the service's own
-- transaction, published to Kafka by the relay), the append-only event store with per-aggregate versions, and the
-- event ids each idempotent consumer has processed.
-- A database made before the services had schemas keeps its rows: its tables move here.
ALTER TABLE IF EXISTS public.outbox SET SCHEMA platform;
ALTER TABLE IF EXISTS public.event_store SET SCHEMA platform;
ALTER TABLE IF EXISTS public.processed_events SET SCHEMA platform;

CREATE TABLE IF NOT EXISTS outbox (
  id           bigserial PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  topic        text        NOT NULL,
  record_key   text        NOT NULL,
  event_type   text        NOT NULL,
  headers      jsonb       NOT NULL,
  value        bytea       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

CREATE TABLE IF NOT EXISTS event_store (
  aggregate_type text        NOT NULL,
  aggregate_id   text        NOT NULL,
  version        integer     NOT NULL,
  event_id       uuid        NOT NULL UNIQUE,
  type           text        NOT NULL,
  tenant_id      uuid,
  payload        jsonb       NOT NULL,
  correlation_id text        NOT NULL,
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (aggregate_type, aggregate_id, version)
);

CREATE TABLE IF NOT EXISTS processed_events (
  consumer     text        NOT NULL,
  event_id     uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
