-- One round trip per request: is the address blocked, and does every budget have room? The budgets marked
-- for charging are charged only when all have room; a refusal is a violation, and enough violations block.
-- A claimed agent's budget is charged here too, as a reservation that move.lua settles if the API proves no one.
-- Time is Redis's own, so every edge instance sees the same clock.
-- KEYS: 1 block, 2 violation log, 3 block index, 4.. budgets (sorted sets of request times)
-- ARGV: 1 request member (unique), 2 exempt ('1' = allow-listed), 3 ip, 4 violation window ms,
--       5 violation threshold, 6 block duration ms, then per budget: limit, window ms, charge ('1'/'0')
-- Returns {0, count, reset_ms, ...per budget}   allowed
--         {1, budget (1-based), count, reset_ms, blocked_now}   refused
--         {2, block_remaining_ms}   blocked
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local exempt = ARGV[2] == '1'
if not exempt then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then return {2, ttl} end
end
local counts, resets = {}, {}
for i = 4, #KEYS do
  local a = 7 + (i - 4) * 3
  local limit, window = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  local reset = window
  if oldest[2] then reset = tonumber(oldest[2]) + window - now end
  if count >= limit then
    local blocked = 0
    if not exempt then
      local vwindow = tonumber(ARGV[4])
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - vwindow)
      redis.call('ZADD', KEYS[2], now, ARGV[1])
      redis.call('PEXPIRE', KEYS[2], vwindow)
      if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then
        local duration = tonumber(ARGV[6])
        redis.call('SET', KEYS[1], now, 'PX', duration)
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
        redis.call('ZADD', KEYS[3], now + duration, ARGV[3])
        redis.call('DEL', KEYS[2])
        blocked = 1
      end
    end
    return {1, i - 3, count, reset, blocked}
  end
  counts[i] = count
  resets[i] = reset
end
local result = {0}
for i = 4, #KEYS do
  local a = 7 + (i - 4) * 3
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
