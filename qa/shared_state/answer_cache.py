"""Answers shared between replicas through Redis, under the build that produced them: a replica
serving a newer build never finds an answer drawn from documents since changed, and the old
build's answers expire on their own (QA_ANSWER_CACHE_SECONDS)."""

import hashlib
import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class StoredAnswer:
    """An answer read back from Redis: what the /v1/ask route uses of an AnswerResult."""
    body: dict
    timings: dict = field(default_factory=dict)  # a cached answer's cost was paid at its first asking

    @property
    def answer(self) -> str | None:
        return self.body["answer"]

    @property
    def answer_type(self) -> str:
        return self.body["answer_type"]

    @property
    def confidence(self) -> float:
        return self.body["confidence"]

    def to_json(self) -> dict:
        return self.body


def answer_key(build_id: str, question_key: str) -> str:
    """Questions hashed: keys stay short and hold no question text a Redis listing would show."""
    return f"qa:answer:{build_id}:{hashlib.sha256(question_key.encode()).hexdigest()}"


class SharedAnswerCache:
    """get/put answers in Redis; the caller's in-process `local` AnswerCache while Redis is down."""

    def __init__(self, link, seconds: int):
        self.link, self.seconds = link, seconds

    def get(self, build_id: str, question_key: str, local) -> StoredAnswer | None:
        def read(client):
            stored = client.get(answer_key(build_id, question_key))
            return StoredAnswer(json.loads(stored)) if stored is not None else None

        return self.link.call(read, lambda: local.get(question_key))

    def put(self, build_id: str, question_key: str, result, local) -> None:
        body = json.dumps(result.to_json(), ensure_ascii=False)
        self.link.call(lambda client: client.set(answer_key(build_id, question_key), body, ex=self.seconds),
                       lambda: local.put(question_key, result))
