-- A worker keeps the leases of the jobs it is running. ARGV[3]: leaseMs, then pairs of id and token.
-- Returns the ids it no longer holds.
local leaseMs, lost = tonumber(ARGV[3]), {}
for i = 4, #ARGV, 2 do
  local id = ARGV[i]
  if redis.call('HGET', jobKey(id), 'token') == ARGV[i + 1] and redis.call('ZSCORE', qk .. ':active', id) then
    redis.call('ZADD', qk .. ':active', T + leaseMs, id)
  else
    lost[#lost + 1] = id
  end
end
return lost
