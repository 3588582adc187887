-- The requirements found in each document a tenant uploaded (its saga's analysed step), read by the analyses of the
-- document's notice; removed when the document fails later in its saga, and the documents so undone, whose
-- requirements and passages are never stored again. And the contracts a tenant won before, described in its own
-- words, which the fit score compares each notice with.
CREATE TABLE IF NOT EXISTS ai.document_requirements (
  document_id  uuid        PRIMARY KEY,
  tenant_id    uuid        NOT NULL,
  notice_id    text,
  file_name    text        NOT NULL,
  pages        integer     NOT NULL,
  requirements jsonb       NOT NULL,
  analysed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS document_requirements_by_notice
  ON ai.document_requirements (tenant_id, notice_id, analysed_at DESC);

CREATE TABLE IF NOT EXISTS ai.undone_documents (
  document_id uuid        PRIMARY KEY,
  undone_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE ai.profiles ADD COLUMN IF NOT EXISTS past_wins text[] NOT NULL DEFAULT '{}';
