-- Tenants and their users. Passwords are bcrypt hashes; a removed user keeps its row (removed_at) so what it wrote
-- still names it; token_version rises when its tokens are revoked.
-- A database made before the services had schemas keeps its rows: its tables move here.
ALTER TABLE IF EXISTS public.tenants SET SCHEMA identity;
ALTER TABLE IF EXISTS public.users SET SCHEMA identity;

CREATE TABLE IF NOT EXISTS tenants (
  id             uuid PRIMARY KEY,
  name           text        NOT NULL UNIQUE,
  correlation_id text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS users (
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

CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users (lower(email)) WHERE removed_at IS NULL;
CREATE INDEX IF NOT EXISTS users_tenant ON users (tenant_id);
