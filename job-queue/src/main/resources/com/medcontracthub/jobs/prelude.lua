-- Shared by every script of the queue. ARGV[1] is the key prefix, ARGV[2] the queue's name; the rest are the
-- script's own. Times are the Redis server's, so JVMs with skewed clocks agree on what is due.
local P, Q = ARGV[1], ARGV[2]
local qk = P .. ':q:' .. Q
local PRIORITY_SPAN = 1099511627776 -- 2^40: priorities order first, then arrival within a priority

local function now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local T = now()

local function jobKey(id) return P .. ':job:' .. id end
local function readyKey(g) return qk .. ':ready:' .. g end

local function hash(key)
  local flat, out = redis.call('HGETALL', key), {}
  for i = 1, #flat, 2 do out[flat[i]] = flat[i + 1] end
  return out
end
local meta = hash(qk .. ':meta')
local function option(name) return tonumber(meta[name] or '0') end

-- a fixed-window limiter: the milliseconds until the window ends when it is spent, else nil
local function spent(key, max)
  if max <= 0 then return nil end
  if tonumber(redis.call('GET', key) or '0') >= max then
    local ttl = redis.call('PTTL', key)
    if ttl > 0 then return ttl end
    -- a window without an end (its expiry was never set) would hold the queue forever: it starts again
    redis.call('DEL', key)
  end
  return nil
end
local function consume(key, windowMs)
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, windowMs) end
end
local sharedLimit = meta.limiter and hash(P .. ':limit:' .. meta.limiter .. ':conf') or {}
local sharedKey = meta.limiter and (P .. ':limit:' .. meta.limiter) or nil

-- a group is listed in :groups, scored by its first job, while it has ready jobs, room under its concurrency
-- limit and rate left; a named group over its rate waits in :throttled until its window ends
local function relist(g)
  local head = redis.call('ZRANGE', readyKey(g), 0, 0, 'WITHSCORES')
  local full = g ~= '' and option('groupConcurrency') > 0
    and tonumber(redis.call('HGET', qk .. ':gactive', g) or '0') >= option('groupConcurrency')
  local wait = g ~= '' and spent(qk .. ':grate:' .. g, option('groupRateMax'))
  if wait then redis.call('ZADD', qk .. ':throttled', T + wait, g) end
  if head[1] and not full and not wait and (g == '' or not redis.call('ZSCORE', qk .. ':throttled', g)) then
    redis.call('ZADD', qk .. ':groups', head[2], g)
  else
    redis.call('ZREM', qk .. ':groups', g)
  end
end

local function stateFor(priority) return tonumber(priority) > 0 and 'prioritized' or 'waiting' end

local function makeReady(id, job)
  redis.call('HSET', jobKey(id), 'state', stateFor(job.priority))
  redis.call('ZADD', readyKey(job.group), job.score, id)
  redis.call('ZADD', qk .. ':waiting', job.score, id)
  relist(job.group)
end

local function wake() redis.call('PUBLISH', qk .. ':wake', '1') end

-- an active job leaves its worker: false when it is no longer that worker's (its lease expired and it moved on).
-- Only a named group counts its active jobs (for its limit), and only a named group can be delisted with ready jobs.
local function release(id, token)
  local job = redis.call('HMGET', jobKey(id), 'token', 'group')
  if job[1] ~= token or redis.call('ZREM', qk .. ':active', id) == 0 then return false end
  redis.call('HDEL', jobKey(id), 'token')
  if job[2] ~= '' then
    if redis.call('HINCRBY', qk .. ':gactive', job[2], -1) <= 0 then redis.call('HDEL', qk .. ':gactive', job[2]) end
    relist(job[2])
  end
  return true
end

local function addError(id, message)
  local job = redis.call('HMGET', jobKey(id), 'errors', 'attempts')
  local errors = cjson.decode(job[1] or '[]')
  errors[#errors + 1] = { attempt = tonumber(job[2]), at = T, error = message }
  -- the last 50 (Job.MAX_ERRORS): a job postponed again and again keeps the latest reasons
  while #errors > 50 do table.remove(errors, 1) end
  redis.call('HSET', jobKey(id), 'errors', cjson.encode(errors))
end

-- keeps a finished state's set within its count and age, a bounded number of jobs per call
local function trim(state, keep, keepMs)
  local key = qk .. ':' .. state
  local ids = redis.call('ZRANGEBYSCORE', key, '-inf', T - keepMs, 'LIMIT', 0, 1000)
  local over = redis.call('ZCARD', key) - keep - #ids
  if over > 0 then
    for _, id in ipairs(redis.call('ZRANGE', key, #ids, #ids + math.min(over, 1000) - 1)) do ids[#ids + 1] = id end
  end
  for _, id in ipairs(ids) do
    local tenant = redis.call('HGET', jobKey(id), 'tenant')
    if tenant and tenant ~= '' then redis.call('ZREM', P .. ':tenant:' .. tenant, id) end
    redis.call('DEL', jobKey(id))
    redis.call('ZREM', key, id)
  end
end

-- how many jobs ended in each state in this call: counted, and their sets trimmed, once at its end
local ended = {}

local function finish(id, state, field, value)
  redis.call('HSET', jobKey(id), 'state', state, 'finishedAt', T, field, value)
  redis.call('ZADD', qk .. ':' .. state, T, id)
  ended[state] = (ended[state] or 0) + 1
end

local function recordEnded()
  for state, count in pairs(ended) do
    redis.call('HINCRBY', qk .. ':stats', state, count)
    if state == 'completed' then
      trim(state, option('keepCompleted'), option('keepCompletedMs'))
    else
      trim(state, option('keepFailed'), option('keepFailedMs'))
    end
  end
end

local function delay(id, dueAt)
  redis.call('HSET', jobKey(id), 'state', 'delayed', 'dueAt', dueAt)
  redis.call('ZADD', qk .. ':delayed', dueAt, id)
end
