-- ARGV[3..]: id, token, progress (0-100), and optionally a checkpoint (where the next attempt takes up the work).
-- Returns 1 when the worker still holds the job.
if redis.call('HGET', jobKey(ARGV[3]), 'token') ~= ARGV[4] then return 0 end
redis.call('HSET', jobKey(ARGV[3]), 'progress', ARGV[5])
if ARGV[6] then redis.call('HSET', jobKey(ARGV[3]), 'checkpoint', ARGV[6]) end
return 1
