-- Returns {waiting, delayed, active, completed, failed, dead, paused, completedTotal, failedTotal, deadTotal}.
local stats = hash(qk .. ':stats')
return { redis.call('ZCARD', qk .. ':waiting'), redis.call('ZCARD', qk .. ':delayed'),
  redis.call('ZCARD', qk .. ':active'), redis.call('ZCARD', qk .. ':completed'), redis.call('ZCARD', qk .. ':failed'),
  redis.call('ZCARD', qk .. ':dead'), meta.paused == '1' and 1 or 0, tonumber(stats.completed or '0'),
  tonumber(stats.failed or '0'), tonumber(stats.dead or '0') }
