"""One earlier turn of a conversation, as a client sends it back with the next question."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    """One earlier turn of the conversation, as the client sends it back."""
    question: str
    resolved_question: str | None = None
    answer: str | None = None  # what was answered: the referent of "tỉnh đó" after "tỉnh nào?"

    @property
    def resolved(self) -> str:
        return self.resolved_question or self.question
