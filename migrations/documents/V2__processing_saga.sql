-- A document's processing is a saga of steps (text, later analysis and index), each with its own attempts and
-- deadline; the document's state is the saga's: processing, processed (every step done) or failed (failure says why).
ALTER TABLE documents.documents DROP CONSTRAINT IF EXISTS documents_state_check;
UPDATE documents.documents SET state = CASE state WHEN 'uploaded' THEN 'processing' WHEN 'extracted' THEN 'processed'
  ELSE state END;
ALTER TABLE documents.documents ADD CONSTRAINT documents_state_check
  CHECK (state IN ('processing', 'processed', 'failed'));
ALTER TABLE documents.documents RENAME COLUMN extracted_at TO ended_at;

-- One row per step of a document, in order (position). pending: not reached; running: attempt n started and is due by
-- due_at; retrying: attempt n failed, the next starts at due_at; done; failed. errors: every failed attempt's
-- {attempt, at, error}, oldest first.
CREATE TABLE IF NOT EXISTS documents.document_steps (
  document_id uuid        NOT NULL REFERENCES documents.documents (id) ON DELETE CASCADE,
  step        text        NOT NULL,
  position    integer     NOT NULL,
  state       text        NOT NULL CHECK (state IN ('pending', 'running', 'retrying', 'done', 'failed')),
  attempt     integer     NOT NULL DEFAULT 0,
  due_at      timestamptz,
  errors      jsonb       NOT NULL DEFAULT '[]',
  started_at  timestamptz,
  ended_at    timestamptz,
  PRIMARY KEY (document_id, step)
);

-- what the sweep looks for: attempts past their time, retries now due
CREATE INDEX IF NOT EXISTS document_steps_due ON documents.document_steps (due_at)
  WHERE state IN ('running', 'retrying');

-- documents from before the saga: their text step as it stood (one still being read starts again at the next sweep)
INSERT INTO documents.document_steps (document_id, step, position, state, attempt, due_at, ended_at)
SELECT id, 'text', 0, CASE state WHEN 'processing' THEN 'retrying' WHEN 'processed' THEN 'done' ELSE 'failed' END,
  CASE state WHEN 'processing' THEN 0 ELSE 1 END, CASE state WHEN 'processing' THEN now() END, ended_at
FROM documents.documents
ON CONFLICT DO NOTHING;
