-- A tenant's comments on an opportunity (owned by the opportunities service); other tenants never see them.
CREATE TABLE comments (
  id             bigserial   PRIMARY KEY,
  tenant_id      uuid        NOT NULL REFERENCES tenants (id),
  notice_id      text        NOT NULL,
  user_id        uuid        NOT NULL REFERENCES users (id),
  body           text        NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  correlation_id text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX comments_by_notice ON comments (tenant_id, notice_id, id);

-- A tenant's shared notes on an opportunity (owned by the realtime service): the text at its version, and the
-- operations that made each version, which edits made on an older version are transformed against.
CREATE TABLE notes (
  tenant_id  uuid        NOT NULL REFERENCES tenants (id),
  notice_id  text        NOT NULL,
  body       text        NOT NULL,
  version    integer     NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, notice_id)
);

CREATE TABLE note_operations (
  tenant_id  uuid        NOT NULL,
  notice_id  text        NOT NULL,
  version    integer     NOT NULL,
  operation  jsonb       NOT NULL,
  op_id      text        NOT NULL,
  user_id    uuid        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, notice_id, version),
  UNIQUE (tenant_id, notice_id, op_id),
  FOREIGN KEY (tenant_id, notice_id) REFERENCES notes (tenant_id, notice_id)
);
