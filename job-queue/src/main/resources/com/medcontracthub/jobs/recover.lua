-- Jobs whose lease expired (their worker died or hung) run again; one that has stalled more than maxStalls times,
-- or used its last attempt, goes to the dead-letter queue instead of killing worker after worker.
-- Returns the number of jobs recovered or buried.
local maxStalls = option('maxStalls')
local expired = redis.call('ZRANGEBYSCORE', qk .. ':active', '-inf', T, 'LIMIT', 0, 100)
for _, id in ipairs(expired) do
  if release(id, redis.call('HGET', jobKey(id), 'token')) then
    local stalls = redis.call('HINCRBY', jobKey(id), 'stalls', 1)
    local message = 'stalled: its worker stopped renewing the lease (stall ' .. stalls .. ')'
    addError(id, message)
    local job = hash(jobKey(id))
    if stalls > maxStalls or tonumber(job.attempts) >= tonumber(job.maxAttempts) then
      finish(id, 'dead', 'error', message)
    else
      makeReady(id, job)
    end
  end
end
recordEnded()
if #expired > 0 then wake() end
return #expired
