-- A worker's one round trip: it reports the jobs it finished and takes up to n more.
-- ARGV[3..]: worker token, n, leaseMs, number of outcomes, then per outcome: id, token, kind, text, retryDelayMs.
-- kind: 'completed' (text = result), 'retry' (text = error; runs again after retryDelayMs), 'failed' (text = error;
-- not retried), 'dead' (text = error; its last attempt), 'returned' (prefetched, never started: waiting again in its
-- place), 'continued' (continues later from its checkpoint: waiting again behind the jobs that came meanwhile, the
-- attempt not counted) or 'postponed' (text = why; runs again after retryDelayMs, the attempt not counted).
-- Returns {jobs, msUntilNextDue (-1: none), lostIds};
-- a job is {id, type, data, attempts, maxAttempts, backoffMs, dueAt, startedAt, token, tenant, user, checkpoint}.
local worker, n, leaseMs, outcomes = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local lost = {}
for i = 0, outcomes - 1 do
  local at = 7 + i * 5
  local id, token, kind, text = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
  if not release(id, token) then
    lost[#lost + 1] = id
  elseif kind == 'returned' then
    redis.call('HINCRBY', jobKey(id), 'attempts', -1)
    makeReady(id, hash(jobKey(id)))
    wake()
  elseif kind == 'continued' then
    local job = hash(jobKey(id))
    job.score = (1000 - tonumber(job.priority)) * PRIORITY_SPAN + redis.call('INCR', qk .. ':seq')
    redis.call('HSET', jobKey(id), 'attempts', tonumber(job.attempts) - 1, 'score', job.score, 'dueAt', T)
    makeReady(id, job)
    wake()
  elseif kind == 'postponed' then
    addError(id, text)
    redis.call('HINCRBY', jobKey(id), 'attempts', -1)
    delay(id, T + tonumber(ARGV[at + 4]))
  elseif kind == 'completed' then
    finish(id, 'completed', 'result', text)
  else
    addError(id, text)
    if kind == 'retry' then delay(id, T + tonumber(ARGV[at + 4])) else finish(id, kind, 'error', text) end
  end
end
recordEnded()

for _, id in ipairs(redis.call('ZRANGEBYSCORE', qk .. ':delayed', '-inf', T, 'LIMIT', 0, 1000)) do
  redis.call('ZREM', qk .. ':delayed', id)
  makeReady(id, hash(jobKey(id)))
end
for _, g in ipairs(redis.call('ZRANGEBYSCORE', qk .. ':throttled', '-inf', T)) do
  redis.call('ZREM', qk .. ':throttled', g)
  relist(g)
end

local jobs, wait = {}, nil
if meta.paused ~= '1' then
  if option('concurrency') > 0 then n = math.min(n, option('concurrency') - redis.call('ZCARD', qk .. ':active')) end
  while n > 0 do
    wait = spent(qk .. ':rate', option('rateMax')) or (sharedKey and spent(sharedKey, tonumber(sharedLimit.max or '0')))
    if wait then break end
    local g = redis.call('ZRANGE', qk .. ':groups', 0, 0)[1]
    if not g then break end
    local id = redis.call('ZPOPMIN', readyKey(g))[1]
    redis.call('ZREM', qk .. ':waiting', id)
    if option('rateMax') > 0 then consume(qk .. ':rate', option('rateMs')) end
    if sharedKey and tonumber(sharedLimit.max or '0') > 0 then consume(sharedKey, tonumber(sharedLimit.ms)) end
    if g ~= '' and option('groupRateMax') > 0 then consume(qk .. ':grate:' .. g, option('groupRateMs')) end
    if g ~= '' then redis.call('HINCRBY', qk .. ':gactive', g, 1) end
    relist(g)
    local job = redis.call('HMGET', jobKey(id), 'type', 'data', 'maxAttempts', 'backoffMs', 'dueAt', 'tenant', 'user',
      'attempts', 'checkpoint')
    local attempts = tonumber(job[8]) + 1
    -- unique to this take: a job that continues later is taken again with the same attempt number
    local token = worker .. ':' .. attempts .. ':' .. redis.call('HINCRBY', qk .. ':stats', 'takes', 1)
    redis.call('HSET', jobKey(id), 'state', 'active', 'token', token, 'worker', worker, 'startedAt', T,
      'attempts', attempts)
    redis.call('ZADD', qk .. ':active', T + leaseMs, id)
    jobs[#jobs + 1] = { id, job[1], job[2], attempts, job[3], job[4], job[5], T, token, job[6], job[7], job[9] or '' }
    n = n - 1
  end
end

local nextDue = redis.call('ZRANGE', qk .. ':delayed', 0, 0, 'WITHSCORES')[2]
local throttledUntil = redis.call('ZRANGE', qk .. ':throttled', 0, 0, 'WITHSCORES')[2]
local due = -1
local candidates = { nextDue and tonumber(nextDue) - T or false, throttledUntil and tonumber(throttledUntil) - T or false,
  wait or false }
for i = 1, 3 do
  local at = candidates[i]
  if at and (due < 0 or at < due) then due = math.max(at, 0) end
end
return { jobs, due, lost }
