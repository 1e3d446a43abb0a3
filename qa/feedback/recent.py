"""The answers given lately, by the request id their response carried, so that feedback names
an answer by its id and the service records what it really answered, not what a client says it did."""

from dataclasses import dataclass, field

from qa.lru import LruMap


@dataclass(frozen=True)
class AnsweredQuestion:
    """What a feedback row needs of an answer."""
    question: str
    resolved_question: str
    answer: str | None
    answer_type: str = "none"
    citations: list[dict] = field(default_factory=list)
    confidence: float = 0.0
    corpus_hash: str | None = None
    reader: str | None = None


class RecentAnswers(LruMap):
    """A thread-safe map of request id to answer, forgetting past `size` (0: keeps none)."""

    def remember(self, request_id: str, answered: AnsweredQuestion) -> None:
        self.put(request_id, answered)
