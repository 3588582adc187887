-- When the service performing a step took its attempt (NULL: not yet, it waits in Kafka). An attempt waits to be taken
-- until its due time (documents.step-wait-ms); taking it moves its due time to documents.step-timeout-ms from then,
-- once: a second take of the same attempt (Kafka gave it to another JVM) does not extend it.
ALTER TABLE documents.document_steps ADD COLUMN IF NOT EXISTS taken_at timestamptz;
