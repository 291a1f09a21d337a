-- One round trip per request of an address: is the address blocked, and does every budget of it have room? The
-- budgets marked for charging are charged only when all have room; a refusal is a violation, and enough
-- violations block. All keys are the address's, so they share its cluster slot ({ip} tag). An agent's budget
-- lives in the agent's slot (budgets.lua); when it refuses, this script records the violation (ARGV 6 = '1').
-- Time is Redis's own, so every edge instance sees the same clock.
-- KEYS: 1 block, 2 violation log, 3.. budgets (sorted sets of request times)
-- ARGV: 1 request member (unique), 2 exempt ('1' = allow-listed), 3 violation window ms, 4 violation threshold,
--       5 block duration ms, 6 refused elsewhere ('1': only record a violation),
--       then per budget: limit, window ms, charge ('1'/'0')
-- Returns {0, count, reset_ms, ...per budget}   allowed
--         {1, budget (1-based; 0 = elsewhere), count, reset_ms, blocked_now}   refused
--         {2, block_remaining_ms}   blocked
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local exempt = ARGV[2] == '1'
if not exempt then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then return {2, ttl} end
end
local function violation()
  if exempt then return 0 end
  local vwindow = tonumber(ARGV[3])
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - vwindow)
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[2], vwindow)
  if redis.call('ZCARD', KEYS[2]) < tonumber(ARGV[4]) then return 0 end
  redis.call('SET', KEYS[1], now, 'PX', tonumber(ARGV[5]))
  redis.call('DEL', KEYS[2])
  return 1
end
if ARGV[6] == '1' then return {1, 0, 0, 0, violation()} end
local counts, resets = {}, {}
for i = 3, #KEYS do
  local a = 7 + (i - 3) * 3
  local limit, window = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  local reset = window
  if oldest[2] then reset = tonumber(oldest[2]) + window - now end
  if count >= limit then return {1, i - 2, count, reset, violation()} end
  counts[i] = count
  resets[i] = reset
end
local result = {0}
for i = 3, #KEYS do
  local a = 7 + (i - 3) * 3
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
