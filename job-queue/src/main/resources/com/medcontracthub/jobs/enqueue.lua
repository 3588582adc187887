-- ARGV[3..]: id ('' for a new one), type, data, priority, delayMs, maxAttempts, backoffMs, group, tenant, user,
-- repeatKey, repeatSlot, catchUp. Returns {id, 1} when added, {id, 0} when a job of that id exists, {'', 0} when
-- the repeat slot was taken already. A repeat's first catch-up (no slot taken yet: nothing was missed) only records
-- its slot.
local id, type, data = ARGV[3], ARGV[4], ARGV[5]
local priority, delayMs = tonumber(ARGV[6]), tonumber(ARGV[7])
local group, tenant, repeatKey, slot = ARGV[10], ARGV[11], ARGV[13], tonumber(ARGV[14])
if repeatKey ~= '' then
  local last = redis.call('GET', repeatKey)
  if last and tonumber(last) >= slot then return { '', 0 } end
  redis.call('SET', repeatKey, slot)
  if not last and ARGV[15] == '1' then return { '', 0 } end
end
if id == '' then
  id = Q .. '-' .. redis.call('INCR', P .. ':ids')
elseif redis.call('EXISTS', jobKey(id)) == 1 then
  return { id, 0 }
end
redis.call('SADD', P .. ':queues', Q)
local score = (1000 - priority) * PRIORITY_SPAN + redis.call('INCR', qk .. ':seq')
redis.call('HSET', jobKey(id), 'id', id, 'queue', Q, 'type', type, 'data', data, 'priority', priority,
  'maxAttempts', ARGV[8], 'backoffMs', ARGV[9], 'group', group, 'tenant', tenant, 'user', ARGV[12],
  'attempts', 0, 'stalls', 0, 'score', score, 'createdAt', T, 'dueAt', T + delayMs)
if tenant ~= '' then redis.call('ZADD', P .. ':tenant:' .. tenant, T, id) end
if delayMs > 0 then
  delay(id, T + delayMs)
else
  makeReady(id, { priority = priority, group = group, score = score })
end
-- a delayed job wakes the workers too, so they set a timer for its time
wake()
return { id, 1 }
