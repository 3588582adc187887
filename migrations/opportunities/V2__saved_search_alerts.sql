-- E-mail digests of a saved search's new matches, to the user who saved it: how often (none, daily, weekly), in
-- which time zone their hour is read, where they go, the secret of their unsubscribe link, the digest time last
-- served, and up to when the matches were sent (the next digest takes those after it).
ALTER TABLE opportunities.saved_searches
  ADD COLUMN IF NOT EXISTS alerts text NOT NULL DEFAULT 'none' CHECK (alerts IN ('none', 'daily', 'weekly')),
  ADD COLUMN IF NOT EXISTS time_zone text NOT NULL DEFAULT 'UTC',
  ADD COLUMN IF NOT EXISTS owner_email text,
  ADD COLUMN IF NOT EXISTS unsubscribe_token text,
  ADD COLUMN IF NOT EXISTS last_digest_at timestamptz,
  ADD COLUMN IF NOT EXISTS digested_until timestamptz;

CREATE INDEX IF NOT EXISTS saved_searches_with_alerts ON opportunities.saved_searches (id) WHERE alerts <> 'none';

-- a digest reads one search's matches of a period
CREATE INDEX IF NOT EXISTS notifications_by_saved_search ON opportunities.notifications
  (((detail ->> 'savedSearchId')::uuid), created_at) WHERE kind = 'saved-search.match';
