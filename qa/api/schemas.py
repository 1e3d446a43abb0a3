"""What the API accepts and how it shapes what it returns."""

import datetime
import re

from typing import Literal

from pydantic import BaseModel, Field, StrictInt, StrictStr, create_model, field_validator

from qa.filters import parse_iso_date

FilterValue = StrictStr | StrictInt | bool
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab and newlines are text
MANIFEST_KEYS = ("embedding_model", "dimension", "dense_index", "corpus_hash", "counts", "created_at")


MAX_HISTORY_TURNS = 10
MAX_TURN_CHARS = 1000
MAX_CORRECTION_CHARS = 2000


def plain_text(value: str | None) -> str | None:
    if value is not None and CONTROL_CHARACTERS.search(value):
        raise ValueError("contains control characters")
    return value


# One earlier turn of a conversation, oldest first in `history`.
class HistoryTurn(BaseModel):
    question: StrictStr = Field(min_length=1, max_length=MAX_TURN_CHARS)
    resolved_question: StrictStr | None = Field(None, max_length=MAX_TURN_CHARS,
                                                description="as the service returned it; the question when absent")
    answer: StrictStr | None = Field(None, max_length=MAX_TURN_CHARS,
                                     description="the answer given: what 'tỉnh đó' means after 'tỉnh nào?'")

    plain_fields = field_validator("question", "resolved_question", "answer")(plain_text)


# The body of POST /v1/feedback: a verdict on the answer a /v1/ask response's request_id names.
class FeedbackRequest(BaseModel):
    request_id: StrictStr = Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")
    verdict: Literal["helpful", "wrong"]
    correction: StrictStr | None = Field(None, max_length=MAX_CORRECTION_CHARS,
                                         description="the right answer, or a comment")

    plain_fields = field_validator("correction")(plain_text)


# The body of POST /v1/ask (no docstring: it would become the schema's description).
# The app serves `ask_request_model(...)`, whose top_k default and bound come from the settings.
class AskRequest(BaseModel):
    question: StrictStr = Field(min_length=1)
    top_k: StrictInt = Field(5, ge=1, le=50)
    filters: dict[StrictStr, FilterValue] | None = None
    history: list[HistoryTurn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS,
                                       description="the conversation's earlier turns, oldest first")
    issued_after: datetime.date | None = Field(None, description="only documents issued on or after (YYYY-MM-DD)")
    issued_before: datetime.date | None = Field(None, description="only documents issued on or before (YYYY-MM-DD)")

    @field_validator("issued_after", "issued_before", mode="before")
    @classmethod
    def iso_date(cls, value):
        return None if value is None else parse_iso_date(value)

    @field_validator("question")
    @classmethod
    def not_blank(cls, question: str) -> str:
        if not question.strip():
            raise ValueError("question is empty")
        if CONTROL_CHARACTERS.search(question):
            raise ValueError("question contains control characters")
        return question


def ask_request_model(default_top_k: int, max_top_k: int) -> type[AskRequest]:
    """AskRequest with top_k defaulting and bounded as /v1/search's k is."""
    return create_model("AskRequest", __base__=AskRequest,
                        top_k=(StrictInt, Field(default_top_k, ge=1, le=max_top_k)))


def manifest_summary(manifest: dict) -> dict:
    return {key: manifest.get(key) for key in MANIFEST_KEYS}


def index_summary(manifest: dict) -> dict:
    return {"counts": manifest.get("counts"), "corpus_hash": manifest.get("corpus_hash")}


def with_document_titles(answer: dict, documents: dict) -> dict:
    """Passages carry their document's title and source, so a client can show them unfetched."""
    for passage in answer["passages"]:
        document = documents.get(passage["doc_id"])  # None if removed since: the answer predates it
        passage["title"] = document.title if document else None
        passage["source"] = document.metadata.get("source") if document else None
    return answer
