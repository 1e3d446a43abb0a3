"""One Redis connection with short timeouts, and what happens when Redis does not answer.

A replica that cannot reach Redis keeps answering: each call falls back to the process's own
state (its rate limits, its cache), which is what a single process has anyway. The limits are
then per replica for the outage, cached answers are computed again, and feedback may name an
answer only to the replica that gave it. One warning a minute says so; after a failure Redis is
left alone for a few seconds, so questions do not each wait for a connection timeout.
"""

import logging
import time

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 0.5
RETRY_AFTER_SECONDS = 5.0
WARNING_EVERY_SECONDS = 60.0


def redis_client(url: str):
    """A client for url, made without connecting (the first command connects)."""
    try:
        import redis
    except ImportError:
        raise RuntimeError("QA_REDIS_URL is set but the redis client is not installed: "
                           "pip install -e '.[redis]'") from None
    return redis.Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS,
                                health_check_interval=30)


class RedisLink:
    """Runs commands on Redis, or their in-process fallback while Redis is unreachable."""

    def __init__(self, client, clock=time.monotonic):
        import redis

        self.client = client
        self.clock = clock
        self.errors = (redis.RedisError, OSError)
        self.retry_at = 0.0
        self.warned_at = -WARNING_EVERY_SECONDS

    @classmethod
    def from_url(cls, url: str) -> "RedisLink":
        return cls(redis_client(url))

    @property
    def available(self) -> bool:
        return self.clock() >= self.retry_at

    def call(self, command, fallback):
        """command(client), or fallback() when Redis is down or was moments ago."""
        if not self.available:
            return fallback()
        try:
            return command(self.client)
        except self.errors as error:
            now = self.clock()
            self.retry_at = now + RETRY_AFTER_SECONDS
            if now - self.warned_at >= WARNING_EVERY_SECONDS:
                self.warned_at = now
                log.warning("Redis did not answer (%s: %s): limits, cached answers and feedback are kept in "
                            "this process until it does", type(error).__name__, error)
            return fallback()

    def close(self) -> None:
        self.client.close()
