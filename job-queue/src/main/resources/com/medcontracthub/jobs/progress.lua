-- ARGV[3..]: id, token, progress (0-100). Returns 1 when the worker still holds the job.
if redis.call('HGET', jobKey(ARGV[3]), 'token') ~= ARGV[4] then return 0 end
redis.call('HSET', jobKey(ARGV[3]), 'progress', ARGV[5])
return 1
