-- Searches sorted by deadline (sort=due) walk this index instead of sorting every match.
CREATE INDEX opportunities_due_order
  ON opportunities ((coalesce(response_deadline, 'infinity'::timestamptz)), notice_id);
