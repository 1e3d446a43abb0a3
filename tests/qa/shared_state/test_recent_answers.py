"""The answers feedback names, shared through Redis."""

import pytest

from qa.feedback.recent import AnsweredQuestion, RecentAnswers
from qa.shared_state.recent_answers import SharedRecentAnswers
from qa.shared_state.redis_link import RedisLink, redis_client

pytestmark = pytest.mark.servers
ANSWERED = AnsweredQuestion(question="Tỷ lệ phủ sóng 4G?", resolved_question="Tỷ lệ phủ sóng 4G?", answer="99,8%",
                            answer_type="percent", citations=[{"doc_id": "qn"}], confidence=0.9)


def test_an_answer_remembered_by_one_replica_is_found_by_another(redis_link, redis_url):
    other_replica = RedisLink.from_url(redis_url)
    SharedRecentAnswers(redis_link, RecentAnswers(10)).remember("req-1", ANSWERED)
    assert SharedRecentAnswers(other_replica, RecentAnswers(10)).get("req-1") == ANSWERED
    assert SharedRecentAnswers(other_replica, RecentAnswers(10)).get("req-2") is None
    other_replica.close()


def test_with_feedback_off_nothing_is_kept(redis_link):
    SharedRecentAnswers(redis_link, RecentAnswers(0)).remember("req-1", ANSWERED)
    assert redis_link.client.keys("qa:recent:*") == []


def test_without_redis_answers_are_kept_in_the_process():
    recent = SharedRecentAnswers(RedisLink(redis_client("redis://127.0.0.1:1/0")), RecentAnswers(10))
    recent.remember("req-1", ANSWERED)
    assert recent.get("req-1") == ANSWERED
