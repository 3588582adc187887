-- Collaboration on a notice within a tenant: comments (with their author's address as it was when written), and the
-- shared notes with the operations that made them (kept so an edit sent twice is applied once). Tenants, users and
-- notices belong to other services: rows here name them by id, and no constraint reaches into another service's
-- schema.
-- A database made before the services had schemas keeps its rows: its tables move here, without the constraints
-- that pointed at the identity service's tables.
ALTER TABLE IF EXISTS public.comments SET SCHEMA realtime;
ALTER TABLE IF EXISTS public.notes SET SCHEMA realtime;
ALTER TABLE IF EXISTS public.note_operations SET SCHEMA realtime;
ALTER TABLE IF EXISTS realtime.comments DROP CONSTRAINT IF EXISTS comments_tenant_id_fkey,
  DROP CONSTRAINT IF EXISTS comments_user_id_fkey;
ALTER TABLE IF EXISTS realtime.notes DROP CONSTRAINT IF EXISTS notes_tenant_id_fkey;
-- moved comments take their authors' addresses with them, read once from the users table wherever it is now
ALTER TABLE IF EXISTS realtime.comments ADD COLUMN IF NOT EXISTS author_email text NOT NULL DEFAULT '';
DO $$
BEGIN
  IF to_regclass('realtime.comments') IS NULL THEN
    RETURN;
  ELSIF to_regclass('identity.users') IS NOT NULL THEN
    UPDATE realtime.comments c SET author_email = u.email FROM identity.users u WHERE u.id = c.user_id;
  ELSIF to_regclass('public.users') IS NOT NULL THEN
    UPDATE realtime.comments c SET author_email = u.email FROM public.users u WHERE u.id = c.user_id;
  END IF;
END $$;
ALTER TABLE IF EXISTS realtime.comments ALTER COLUMN author_email DROP DEFAULT;

CREATE TABLE IF NOT EXISTS comments (
  id             bigserial   PRIMARY KEY,
  tenant_id      uuid        NOT NULL,
  notice_id      text        NOT NULL,
  user_id        uuid        NOT NULL,
  author_email   text        NOT NULL,
  body           text        NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  correlation_id text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS comments_by_notice ON comments (tenant_id, notice_id, id);

CREATE TABLE IF NOT EXISTS notes (
  tenant_id  uuid        NOT NULL,
  notice_id  text        NOT NULL,
  body       text        NOT NULL,
  version    integer     NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, notice_id)
);

CREATE TABLE IF NOT EXISTS note_operations (
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
