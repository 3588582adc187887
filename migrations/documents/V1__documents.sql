-- The documents users upload to an opportunity, and where reading their text stands: uploaded (the OCR service is to
-- read it), extracted (its text, page by page, is in the blob store as JSON: text_blob) or failed (failure says why).
-- The file itself is in the blob store (blob: the SHA-256 of its bytes), its type as its bytes say.
CREATE TABLE IF NOT EXISTS documents.documents (
  id              uuid PRIMARY KEY,
  tenant_id       uuid        NOT NULL,
  notice_id       text        NOT NULL,
  uploaded_by     uuid        NOT NULL,
  file_name       text        NOT NULL,
  media_type      text        NOT NULL,
  blob            text        NOT NULL,
  bytes           bigint      NOT NULL,
  state           text        NOT NULL CHECK (state IN ('uploaded', 'extracted', 'failed')),
  pages           integer,
  mean_confidence double precision,
  text_blob       text,
  failure         text,
  correlation_id  text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  extracted_at    timestamptz
);

CREATE INDEX IF NOT EXISTS documents_by_notice ON documents.documents (tenant_id, notice_id, created_at DESC);
