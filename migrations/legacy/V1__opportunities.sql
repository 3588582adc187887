-- SAM.gov opportunities (Opportunities API v2 records). Public data: not tenant-owned.
-- Amendments keep their own notice id; the notice they replace points at them (superseded_by).
CREATE TABLE opportunities (
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

CREATE INDEX opportunities_solicitation ON opportunities (solicitation_number, posted_date DESC);
CREATE INDEX opportunities_search ON opportunities USING gin (search);
CREATE INDEX opportunities_naics ON opportunities USING gin (naics_codes);
CREATE INDEX opportunities_posted ON opportunities (posted_date DESC, notice_id DESC);
CREATE INDEX opportunities_deadline ON opportunities (response_deadline);
