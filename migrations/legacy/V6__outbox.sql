-- The transactional outbox: each domain event is written here in the same transaction as the change it
-- describes; the relay publishes unpublished rows to Kafka in id order and then marks them. A crash between the
-- two publishes a row again (consumers dedupe by event id); nothing committed is lost.
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  topic        text        NOT NULL,
  record_key   text        NOT NULL,
  envelope     jsonb       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
