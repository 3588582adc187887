-- What a tenant sells and holds (its capability profile), and the analyses its users asked for: a notice's
-- requirements and its fit to the profile, as they were when it was analysed (result), or why it could not be.
CREATE TABLE IF NOT EXISTS ai.profiles (
  tenant_id      uuid PRIMARY KEY,
  capability     text        NOT NULL,
  naics          text[]      NOT NULL,
  certifications text[]      NOT NULL,
  updated_by     uuid        NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ai.analyses (
  tenant_id    uuid        NOT NULL,
  notice_id    text        NOT NULL,
  state        text        NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  result       jsonb,
  failure      text,
  requested_by uuid        NOT NULL,
  requested_at timestamptz NOT NULL,
  finished_at  timestamptz,
  PRIMARY KEY (tenant_id, notice_id)
);
