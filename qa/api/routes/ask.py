"""POST /v1/ask: a short answer with citations, or an abstention."""

import asyncio

from fastapi import APIRouter, HTTPException, Request

from index.store import IndexNotReady
from qa.api.deps import ServiceDep
from qa.api.errors import ANSWER_TOO_SLOW, INDEX_NOT_READY
from qa.api.observability import note_answer
from qa.api.schemas import ask_request_model, with_document_titles
from qa.feedback.recent import AnsweredQuestion, RecentAnswers
from qa.followups import Turn, resolve_question
from qa.filters import document_filters


def ask_router(default_top_k: int, max_top_k: int, max_question_chars: int, timeout_seconds: float,
               recent: RecentAnswers | None = None) -> APIRouter:
    """The route, with top_k's default and bound from the settings, as /v1/search's k; each answer is
    kept in `recent` by its request id, for the feedback that names it."""
    recent = recent if recent is not None else RecentAnswers(0)
    router = APIRouter()
    AskBody = ask_request_model(default_top_k, max_top_k)

    @router.post("/v1/ask")
    async def ask(body: AskBody, service: ServiceDep, request: Request):
        if len(body.question) > max_question_chars:
            raise HTTPException(status_code=422, detail=f"invalid question: longer than {max_question_chars} characters")
        try:
            filters = document_filters(body.filters, body.issued_after, body.issued_before)
        except ValueError as error:
            raise HTTPException(status_code=422, detail=f"invalid filters: {error}") from None
        try:
            service.require_answerer()
        except IndexNotReady:
            raise HTTPException(status_code=503, detail=INDEX_NOT_READY) from None
        # A follow-up ("còn Bắc Ninh thì sao?") is answered as the question it stands for.
        question = resolve_question(body.question, [Turn(t.question, t.resolved_question, t.answer)
                                                    for t in body.history])
        if len(question) > max_question_chars:  # a rewrite must fit where the client sends it back
            question = body.question
        cached = service.cached_answer(question, body.top_k, filters)
        try:
            result = cached or await asyncio.wait_for(
                service.run(service.ask, question, body.top_k, filters),
                timeout=timeout_seconds)
        except TimeoutError:
            raise HTTPException(status_code=503, detail=ANSWER_TOO_SLOW, headers={"Retry-After": "5"}) from None
        note_answer(request, question, result, cached=cached is not None)
        answer = with_document_titles(result.to_json(), service.index.documents)
        request_id = request.state.request_id
        recent.remember(request_id, AnsweredQuestion(
            question=body.question, resolved_question=question, answer=result.answer, answer_type=result.answer_type,
            citations=answer["citations"], confidence=result.confidence,
            corpus_hash=service.index.manifest.get("corpus_hash"), reader=service.reader_model or service.reader_kind))
        return {**answer, "resolved_question": question, "request_id": request_id}

    return router
