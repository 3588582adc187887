-- Dead or failed jobs run again with fresh attempts; their errors are kept. ARGV[3]: one id, or '' for every job
-- of the dead-letter queue. Returns how many were re-driven.
local ids = ARGV[3] ~= '' and { ARGV[3] } or redis.call('ZRANGE', qk .. ':dead', 0, 999)
local count = 0
for _, id in ipairs(ids) do
  local job = hash(jobKey(id))
  if job.queue == Q and (job.state == 'dead' or job.state == 'failed') then
    redis.call('ZREM', qk .. ':' .. job.state, id)
    redis.call('HSET', jobKey(id), 'attempts', 0, 'stalls', 0)
    redis.call('HDEL', jobKey(id), 'finishedAt', 'error')
    makeReady(id, job)
    count = count + 1
  end
end
if count > 0 then wake() end
return count
