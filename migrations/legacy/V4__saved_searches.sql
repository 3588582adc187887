-- A tenant's saved searches: the filters of GET /api/v1/opportunities under a name. Tenant-owned: every
-- statement on this table is scoped by tenant_id.
CREATE TABLE saved_searches (
  id             uuid PRIMARY KEY,
  tenant_id      uuid        NOT NULL REFERENCES tenants (id),
  created_by     uuid        NOT NULL REFERENCES users (id),
  name           text        NOT NULL,
  filters        jsonb       NOT NULL,
  correlation_id text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX saved_searches_tenant ON saved_searches (tenant_id, lower(name));
