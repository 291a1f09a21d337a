-- A claimed agent's budgets (the agent's cluster slot, {agent} tag), after check.lua found the address free and
-- its budgets with room: charged only when all have room. Refusing here records no violation: the caller does,
-- in the address's slot. Time is Redis's own.
-- KEYS: budgets (sorted sets of request times). ARGV: 1 request member, then per budget: limit, window ms, charge.
-- Returns {0, count, reset_ms, ...per budget} allowed, {1, budget (1-based), count, reset_ms} refused.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local counts, resets = {}, {}
for i = 1, #KEYS do
  local a = 2 + (i - 1) * 3
  local limit, window = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  local reset = window
  if oldest[2] then reset = tonumber(oldest[2]) + window - now end
  if count >= limit then return {1, i, count, reset} end
  counts[i] = count
  resets[i] = reset
end
local result = {0}
for i = 1, #KEYS do
  local a = 2 + (i - 1) * 3
  if ARGV[a + 2] == '1' then
    local window = tonumber(ARGV[a + 1])
    redis.call('ZADD', KEYS[i], now, ARGV[1])
    redis.call('PEXPIRE', KEYS[i], window)
    if counts[i] == 0 then resets[i] = window end
    counts[i] = counts[i] + 1
  end
  result[#result + 1] = counts[i]
  result[#result + 1] = resets[i]
end
return result
