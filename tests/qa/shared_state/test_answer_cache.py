"""Answers shared through Redis under the build that produced them."""

import pytest

from qa.answer_cache import AnswerCache
from qa.answering import AnswerResult
from qa.shared_state.answer_cache import SharedAnswerCache, StoredAnswer, answer_key
from qa.shared_state.redis_link import RedisLink, redis_client

pytestmark = pytest.mark.servers
ANSWER = AnswerResult(answer="99,8%", confidence=0.9, answer_type="percent", timings={"read": 0.02})


def test_an_answer_is_found_under_its_build_only(redis_link):
    cache, local = SharedAnswerCache(redis_link, seconds=60), AnswerCache(10)
    cache.put("build-1", "key", ANSWER, local)
    found = cache.get("build-1", "key", local)
    assert isinstance(found, StoredAnswer) and found.to_json() == ANSWER.to_json()
    assert (found.answer, found.answer_type, found.confidence, found.timings) == ("99,8%", "percent", 0.9, {})
    assert cache.get("build-2", "key", local) is None
    assert local.entries == {}  # Redis answered: nothing kept in the process
    assert 0 < redis_link.client.ttl(answer_key("build-1", "key")) <= 60


def test_keys_hold_no_question_text():
    assert "phủ sóng" not in answer_key("build-1", "tỷ lệ phủ sóng 4G")


def test_without_redis_answers_are_kept_in_the_process():
    link = RedisLink(redis_client("redis://127.0.0.1:1/0"))
    cache, local = SharedAnswerCache(link, seconds=60), AnswerCache(10)
    cache.put("build-1", "key", ANSWER, local)
    assert cache.get("build-1", "key", local) is ANSWER
