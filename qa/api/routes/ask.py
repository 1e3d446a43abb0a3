"""POST /v1/ask: a short answer with citations, or an abstention."""

import asyncio

from fastapi import APIRouter, HTTPException, Request

from index.store import IndexNotReady
from qa.api.deps import ServiceDep
from qa.api.errors import ANSWER_TOO_SLOW, INDEX_NOT_READY
from qa.api.observability import note_answer
from qa.api.schemas import ask_request_model, with_document_titles
from qa.filters import document_filters


def ask_router(default_top_k: int, max_top_k: int, max_question_chars: int, timeout_seconds: float) -> APIRouter:
    """The route, with top_k's default and bound from the settings, as /v1/search's k."""
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
        cached = service.cached_answer(body.question, body.top_k, filters)
        try:
            result = cached or await asyncio.wait_for(
                service.run(service.ask, body.question, body.top_k, filters),
                timeout=timeout_seconds)
        except TimeoutError:
            raise HTTPException(status_code=503, detail=ANSWER_TOO_SLOW, headers={"Retry-After": "5"}) from None
        note_answer(request, body.question, result, cached=cached is not None)
        return with_document_titles(result.to_json(), service.index.documents)

    return router
