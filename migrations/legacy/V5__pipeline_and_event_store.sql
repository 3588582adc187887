-- Append-only event store: every change to an aggregate is one row with the next version of that aggregate.
-- The primary key refuses a second writer of the same version, which is what makes optimistic updates safe.
CREATE TABLE event_store (
  aggregate_type text        NOT NULL,
  aggregate_id   text        NOT NULL,
  version        integer     NOT NULL,
  event_id       uuid        NOT NULL UNIQUE,
  type           text        NOT NULL,
  tenant_id      uuid,
  payload        jsonb       NOT NULL,
  correlation_id text        NOT NULL,
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (aggregate_type, aggregate_id, version)
);

-- Where each of a tenant's opportunities stands in its bid pipeline (the latest event, kept for queries).
CREATE TABLE pipeline_entries (
  tenant_id      uuid        NOT NULL REFERENCES tenants (id),
  notice_id      text        NOT NULL REFERENCES opportunities (notice_id),
  stage          text        NOT NULL CHECK (stage IN ('identified', 'qualifying', 'bidding', 'submitted', 'won',
                                                        'lost', 'no-bid')),
  version        integer     NOT NULL,
  correlation_id text        NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, notice_id)
);
