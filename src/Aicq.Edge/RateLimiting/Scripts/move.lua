-- Settles a reservation the API did not prove: the request's entry leaves the claimed agent's budget and is
-- charged to who pays instead (the client address), at the time it was reserved. Rare: a proven request's
-- reservation simply stands, so the common case costs no second round trip.
-- KEYS: 1 budget reserved, 2 budget that pays. ARGV: 1 request member, 2 paying window ms. Returns {count, reset_ms}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
local at = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1])) or now
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
redis.call('ZADD', KEYS[2], at, ARGV[1])
redis.call('PEXPIRE', KEYS[2], window)
local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
return {redis.call('ZCARD', KEYS[2]), tonumber(oldest[2]) + window - now}
