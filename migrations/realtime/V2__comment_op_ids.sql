-- A comment may carry its client's id for the write (opId): a client that lost the answer sends it again with the same
-- id and is answered the stored comment, so a comment is stored once however often it is sent.
ALTER TABLE comments ADD COLUMN IF NOT EXISTS op_id text;
CREATE UNIQUE INDEX IF NOT EXISTS comments_by_op ON comments (tenant_id, user_id, op_id) WHERE op_id IS NOT NULL;
