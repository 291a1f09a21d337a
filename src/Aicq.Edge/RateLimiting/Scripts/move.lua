-- Settles a reservation the API did not prove: the request's entry, already taken out of the claimed agent's
-- budget (another slot, so another call), is charged to who pays instead (the client address or the agent the
-- API proved), at the time it was reserved. Rare: a proven request's reservation simply stands.
-- KEYS: 1 budget that pays. ARGV: 1 request member, 2 paying window ms, 3 reserved-at ms ('' = now).
-- Returns {count, reset_ms}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
local at = tonumber(ARGV[3]) or now
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZADD', KEYS[1], at, ARGV[1])
redis.call('PEXPIRE', KEYS[1], window)
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {redis.call('ZCARD', KEYS[1]), tonumber(oldest[2]) + window - now}
