"""The answers feedback may name, shared through Redis: the balancer sends feedback to any
replica, not always the one that answered. Each is kept a day, long enough for a visitor to
say whether it helped; Redis's own memory policy bounds the rest."""

import json
from dataclasses import asdict

from qa.feedback.recent import AnsweredQuestion, RecentAnswers

RECENT_ANSWER_SECONDS = 24 * 3600


class SharedRecentAnswers:
    """RecentAnswers kept in Redis by request id; in the process's own `local` map while Redis is down."""

    def __init__(self, link, local: RecentAnswers, seconds: int = RECENT_ANSWER_SECONDS):
        self.link, self.local, self.seconds = link, local, seconds

    @property
    def size(self) -> int:
        return self.local.size

    def remember(self, request_id: str, answered: AnsweredQuestion) -> None:
        if self.size == 0:
            return
        body = json.dumps(asdict(answered), ensure_ascii=False)
        self.link.call(lambda client: client.set(f"qa:recent:{request_id}", body, ex=self.seconds),
                       lambda: self.local.remember(request_id, answered))

    def get(self, request_id: str) -> AnsweredQuestion | None:
        def read(client):
            stored = client.get(f"qa:recent:{request_id}")
            return AnsweredQuestion(**json.loads(stored)) if stored is not None else self.local.get(request_id)

        return self.link.call(read, lambda: self.local.get(request_id))
