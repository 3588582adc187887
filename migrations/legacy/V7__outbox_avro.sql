-- Outbox rows carry the Kafka record as it will be sent: the event in Avro single-object encoding and the headers
-- derived from its envelope, so the relay stays the same for every event type.
-- Only development databases predate this version, and their JSON events have no reader any more: rows still
-- unsent are marked sent rather than published in a format no consumer reads.
UPDATE outbox SET published_at = now() WHERE published_at IS NULL;

ALTER TABLE outbox
  DROP COLUMN envelope,
  ADD COLUMN event_type text  NOT NULL DEFAULT '',
  ADD COLUMN headers    jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN value      bytea NOT NULL DEFAULT '';

ALTER TABLE outbox
  ALTER COLUMN event_type DROP DEFAULT,
  ALTER COLUMN headers DROP DEFAULT,
  ALTER COLUMN value DROP DEFAULT;
