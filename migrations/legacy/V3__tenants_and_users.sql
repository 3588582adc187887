-- Tenants and their users. A removed user keeps its row (removed_at) so what it wrote stays attributable;
-- token_version is in every token it holds, and bumping it revokes them all.
CREATE TABLE tenants (
  id             uuid PRIMARY KEY,
  name           text        NOT NULL UNIQUE,
  correlation_id text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             uuid PRIMARY KEY,
  tenant_id      uuid        NOT NULL REFERENCES tenants (id),
  email          text        NOT NULL,
  password_hash  text        NOT NULL,
  role           text        NOT NULL CHECK (role IN ('admin', 'member')),
  token_version  integer     NOT NULL DEFAULT 0,
  removed_at     timestamptz,
  correlation_id text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- an address signs in to one account at a time, whichever tenant it belongs to
CREATE UNIQUE INDEX users_email ON users (lower(email)) WHERE removed_at IS NULL;
CREATE INDEX users_tenant ON users (tenant_id);
