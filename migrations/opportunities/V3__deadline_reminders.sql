-- Response-deadline reminders, one row per user who turned them on: the e-mail goes to their address at the
-- reminders' hour of their time zone on each day when an open opportunity of their tenant's pipeline is 7, 3 or 1 of
-- their calendar days from its deadline; the last day one was sent stops a second that day; the token is the secret of
-- the e-mail's unsubscribe link.
CREATE TABLE IF NOT EXISTS opportunities.deadline_reminders (
  user_id           uuid PRIMARY KEY,
  tenant_id         uuid        NOT NULL,
  email             text        NOT NULL,
  time_zone         text        NOT NULL,
  unsubscribe_token text        NOT NULL,
  last_sent_on      date,
  created_at        timestamptz NOT NULL DEFAULT now()
);

-- a reminder run joins each tenant's open pipeline entries
CREATE INDEX IF NOT EXISTS pipeline_entries_open ON opportunities.pipeline_entries (tenant_id)
  WHERE stage IN ('identified', 'qualifying', 'bidding');
