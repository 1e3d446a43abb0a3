"""Token buckets in Redis, so that a client's questions count on every replica alike.

The bucket is read, refilled and spent in one Lua script, atomic on the Redis server, with the
server's clock: replicas whose clocks differ still agree on a bucket. A bucket expires once it
would be full again, which bounds what Redis keeps to the clients seen lately.
"""

from qa.api.limits import RateLimiter

TOKEN_BUCKET = """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'when')
local tokens = tonumber(bucket[1]) or burst
local when = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - when) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'when', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return tostring(wait)
"""


class SharedRateLimiter:
    """RateLimiter's buckets for one route, kept in Redis; the in-process `local` ones while it is down."""

    def __init__(self, link, route: str, local: RateLimiter):
        self.link, self.route, self.local = link, route, local
        self.script = link.client.register_script(TOKEN_BUCKET)

    def wait_seconds(self, client: str) -> float:
        """0 when the client may go ahead now (and a token is taken); else how long to wait."""
        key = f"qa:rate:{self.route}:{client}"
        return self.link.call(lambda _: float(self.script(keys=[key], args=[self.local.rate, self.local.burst])),
                              lambda: self.local.wait_seconds(client))
