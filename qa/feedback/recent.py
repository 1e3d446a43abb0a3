"""The answers given lately, by the request id their response carried, so that feedback names
an answer by its id and the service records what it really answered, not what a client says it did."""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field


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


class RecentAnswers:
    """A thread-safe map of request id to answer, forgetting the oldest past `size` (0: keeps none)."""

    def __init__(self, size: int):
        if size < 0:
            raise ValueError("size must be 0 or more")
        self.size = size
        self.entries: OrderedDict[str, AnsweredQuestion] = OrderedDict()
        self.lock = threading.Lock()

    def remember(self, request_id: str, answered: AnsweredQuestion) -> None:
        if self.size == 0:
            return
        with self.lock:
            self.entries[request_id] = answered
            self.entries.move_to_end(request_id)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def get(self, request_id: str) -> AnsweredQuestion | None:
        with self.lock:
            return self.entries.get(request_id)
