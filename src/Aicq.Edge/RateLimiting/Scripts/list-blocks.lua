-- Active blocks, pruning expired index entries. KEYS: 1 block index. ARGV: 1 block key prefix.
-- Returns {now_ms, ip, blocked_at_ms, remaining_ms, ...}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local result = {now}
for _, ip in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local key = ARGV[1] .. ip
  local ttl = redis.call('PTTL', key)
  if ttl > 0 then
    result[#result + 1] = ip
    result[#result + 1] = tonumber(redis.call('GET', key))
    result[#result + 1] = ttl
  else
    redis.call('ZREM', KEYS[1], ip)
  end
end
return result
