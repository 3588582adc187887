-- A user's e-mails about their tenant's pipeline, one row per user who turned some on, read in their time zone at the
-- alerts' hour: deadline reminders (on each day when an open opportunity is 7, 3 or 1 of their calendar days from its
-- deadline; reminded_on stops a second that day) and the weekly report (on Mondays after it was last turned on,
-- report_since; reported_week is the Monday of the last one sent). The token is the secret of the e-mails' unsubscribe
-- links.
CREATE TABLE IF NOT EXISTS opportunities.pipeline_emails (
  user_id            uuid PRIMARY KEY,
  tenant_id          uuid        NOT NULL,
  email              text        NOT NULL,
  time_zone          text        NOT NULL,
  deadline_reminders boolean     NOT NULL,
  weekly_report      boolean     NOT NULL,
  unsubscribe_token  text        NOT NULL,
  reminded_on        date,
  reported_week      date,
  report_since       timestamptz NOT NULL DEFAULT now(),
  created_at         timestamptz NOT NULL DEFAULT now()
);

-- A tenant's pipeline reports, as PDF files in the blob store: the weekly one of the week starting on `week` (one per
-- tenant and week), or one a user asked for (no week). The download token is the secret of the link in the e-mail
-- that carries the report, which downloads it without a login.
CREATE TABLE IF NOT EXISTS opportunities.pipeline_reports (
  id             uuid PRIMARY KEY,
  tenant_id      uuid        NOT NULL,
  week           date,
  blob           text        NOT NULL,
  bytes          bigint      NOT NULL,
  entries        integer     NOT NULL,
  requested_by   uuid,
  download_token text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, week)
);

CREATE INDEX IF NOT EXISTS pipeline_reports_by_tenant ON opportunities.pipeline_reports (tenant_id, created_at DESC);
