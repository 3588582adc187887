-- E-mail digests of a saved search's new matches, to the user who saved it: how often (none, daily, weekly), in
-- which time zone its hour is read, where it goes, the secret of its unsubscribe link, and up to when its matches were
-- sent (a digest of a later hour takes the matches after it).
ALTER TABLE opportunities.saved_searches
  ADD COLUMN IF NOT EXISTS alerts text NOT NULL DEFAULT 'none' CHECK (alerts IN ('none', 'daily', 'weekly')),
  ADD COLUMN IF NOT EXISTS time_zone text NOT NULL DEFAULT 'UTC',
  ADD COLUMN IF NOT EXISTS owner_email text,
  ADD COLUMN IF NOT EXISTS unsubscribe_token text,
  ADD COLUMN IF NOT EXISTS digested_until timestamptz;

CREATE INDEX IF NOT EXISTS saved_searches_with_alerts ON opportunities.saved_searches (id) WHERE alerts <> 'none';

-- a digest reads one search's matches of a period
CREATE INDEX IF NOT EXISTS notifications_by_saved_search ON opportunities.notifications
  (((detail ->> 'savedSearchId')::uuid), created_at) WHERE kind = 'saved-search.match';
