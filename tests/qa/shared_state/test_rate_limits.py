"""Token buckets in Redis: one bucket per route and client, whichever replica is asked."""

import logging
import logging.handlers

import pytest

from qa.api.limits import RateLimiter
from qa.shared_state.rate_limits import SharedRateLimiter
from qa.shared_state.redis_link import RedisLink, redis_client

pytestmark = pytest.mark.servers


def replica_limiter(link, route="/v1/ask", per_minute=60, burst=3):
    return SharedRateLimiter(link, route, RateLimiter(per_minute, burst))


def test_a_client_spends_one_bucket_on_every_replica(redis_link, redis_url):
    other_replica = RedisLink.from_url(redis_url)
    first, second = replica_limiter(redis_link), replica_limiter(other_replica)
    assert [first.wait_seconds("203.0.113.7"), second.wait_seconds("203.0.113.7"),
            first.wait_seconds("203.0.113.7")] == [0.0, 0.0, 0.0]
    assert second.wait_seconds("203.0.113.7") == pytest.approx(1.0, abs=0.1)  # 60 a minute: one a second
    assert first.wait_seconds("198.51.100.1") == 0.0  # another client has a bucket of its own
    other_replica.close()


def test_routes_have_buckets_of_their_own_which_expire_once_full_again(redis_link):
    asking, feedback = replica_limiter(redis_link, burst=1), replica_limiter(redis_link, "/v1/feedback", burst=1)
    assert asking.wait_seconds("203.0.113.7") == 0.0
    assert feedback.wait_seconds("203.0.113.7") == 0.0
    assert asking.wait_seconds("203.0.113.7") > 0
    assert 0 < redis_link.client.ttl("qa:rate:/v1/ask:203.0.113.7") <= 2


def test_without_redis_the_replica_limits_on_its_own_and_warns_once():
    clock = [0.0]
    link = RedisLink(redis_client("redis://127.0.0.1:1/0"), clock=lambda: clock[0])  # nothing listens there
    limiter = replica_limiter(link, burst=2)
    logger, warnings = logging.getLogger("qa.shared_state.redis_link"), logging.handlers.BufferingHandler(100)
    logger.addHandler(warnings)  # the qa loggers do not propagate once an app configured them
    try:
        waits = [limiter.wait_seconds("203.0.113.7") for _ in range(3)]
    finally:
        logger.removeHandler(warnings)
    assert waits[:2] == [0.0, 0.0] and waits[2] > 0
    assert not link.available  # tried once, then left alone for a few seconds
    assert [r.getMessage().split(" (")[0] for r in warnings.buffer] == ["Redis did not answer"]
    clock[0] += 10
    assert link.available
