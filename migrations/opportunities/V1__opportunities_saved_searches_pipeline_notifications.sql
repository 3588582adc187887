-- The opportunities service's data: SAM.gov notices (public data, not tenant-owned), each tenant's saved searches,
-- pipeline and notifications. Tenants and users are the identity service's: rows here name them by id, and no
-- constraint reaches into another service's schema, so each service migrates on its own.
-- A database made before the services had schemas keeps its rows: its tables move here, without the constraints
-- that pointed at the identity service's tables.
ALTER TABLE IF EXISTS public.opportunities SET SCHEMA opportunities;
ALTER TABLE IF EXISTS public.saved_searches SET SCHEMA opportunities;
ALTER TABLE IF EXISTS public.pipeline_entries SET SCHEMA opportunities;
ALTER TABLE IF EXISTS public.notifications SET SCHEMA opportunities;
ALTER TABLE IF EXISTS opportunities.saved_searches DROP CONSTRAINT IF EXISTS saved_searches_tenant_id_fkey,
  DROP CONSTRAINT IF EXISTS saved_searches_created_by_fkey;
ALTER TABLE IF EXISTS opportunities.pipeline_entries DROP CONSTRAINT IF EXISTS pipeline_entries_tenant_id_fkey;
ALTER TABLE IF EXISTS opportunities.notifications DROP CONSTRAINT IF EXISTS notifications_tenant_id_fkey;

-- SAM.gov opportunities (Opportunities API v2 records). Public data: not tenant-owned.
-- Amendments keep their own notice id; the notice they replace points at them (superseded_by).
CREATE TABLE IF NOT EXISTS opportunities (
  notice_id                     text PRIMARY KEY,
  title                         text        NOT NULL,
  solicitation_number           text,
  full_parent_path_name         text,
  full_parent_path_code         text,
  posted_date                   date        NOT NULL,
  type                          text,
  base_type                     text,
  archive_type                  text,
  archive_date                  date,
  type_of_set_aside             text,
  type_of_set_aside_description text,
  response_deadline             timestamptz,
  naics_code                    text,
  naics_codes                   text[]      NOT NULL DEFAULT '{}',
  classification_code           text,
  active                        boolean     NOT NULL,
  award                         jsonb,
  point_of_contact              jsonb       NOT NULL DEFAULT '[]',
  description                   text,
  office_address                jsonb,
  place_of_performance          jsonb,
  ui_link                       text,
  resource_links                text[]      NOT NULL DEFAULT '{}',
  superseded_by                 text REFERENCES opportunities (notice_id),
  content_hash                  text        NOT NULL,
  correlation_id                text        NOT NULL,
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  search                        tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english', coalesce(title, '')), 'A')
   || setweight(to_tsvector('simple', coalesce(solicitation_number, '')), 'A')
   || setweight(to_tsvector('english', coalesce(description, '')), 'C')) STORED
);

CREATE INDEX IF NOT EXISTS opportunities_solicitation ON opportunities (solicitation_number, posted_date DESC);
CREATE INDEX IF NOT EXISTS opportunities_search ON opportunities USING gin (search);
CREATE INDEX IF NOT EXISTS opportunities_naics ON opportunities USING gin (naics_codes);
CREATE INDEX IF NOT EXISTS opportunities_posted ON opportunities (posted_date DESC, notice_id DESC);
CREATE INDEX IF NOT EXISTS opportunities_deadline ON opportunities (response_deadline);

CREATE INDEX IF NOT EXISTS opportunities_due_order
  ON opportunities ((coalesce(response_deadline, 'infinity'::timestamptz)), notice_id);

CREATE TABLE IF NOT EXISTS saved_searches (
  id             uuid PRIMARY KEY,
  tenant_id      uuid        NOT NULL,
  created_by     uuid        NOT NULL,
  name           text        NOT NULL,
  filters        jsonb       NOT NULL,
  correlation_id text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS saved_searches_tenant ON saved_searches (tenant_id, lower(name));

CREATE TABLE IF NOT EXISTS pipeline_entries (
  tenant_id      uuid        NOT NULL,
  notice_id      text        NOT NULL REFERENCES opportunities (notice_id),
  stage          text        NOT NULL CHECK (stage IN ('identified', 'qualifying', 'bidding', 'submitted', 'won',
                                                        'lost', 'no-bid')),
  version        integer     NOT NULL,
  correlation_id text        NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, notice_id)
);

CREATE TABLE IF NOT EXISTS notifications (
  id             bigserial   PRIMARY KEY,
  tenant_id      uuid        NOT NULL,
  kind           text        NOT NULL,
  notice_id      text        NOT NULL,
  event_id       uuid        NOT NULL,
  detail         jsonb       NOT NULL,
  correlation_id text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS notifications_by_tenant ON notifications (tenant_id, id DESC);
