"""GET /v1/search: ranked passages for a question, without extracting an answer."""

import json
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from index.store import IndexNotReady
from qa.api.deps import ServiceDep
from qa.api.errors import INDEX_NOT_READY
from qa.filters import document_filters, parse_iso_date
from qa.retrieval import SEARCH_MODES

MODE_PATTERN = "^(" + "|".join(SEARCH_MODES) + ")$"
ISSUED_AFTER_HELP = "only documents issued on or after this date, YYYY-MM-DD (undated ones are left out)"
ISSUED_BEFORE_HELP = "only documents issued on or before this date, YYYY-MM-DD (undated ones are left out)"
FILTERS_HELP = 'metadata filters as a JSON object, as /v1/ask\'s "filters": {"doc_type": "Kế hoạch"}'


def query_date(name: str, value: str | None):
    try:
        return parse_iso_date(value) if value else None
    except ValueError as error:
        raise HTTPException(status_code=422, detail=f"invalid {name}: {error}") from None


def query_filters(filters: str | None, issued_after: str | None, issued_before: str | None) -> dict | None:
    """The filters of a search, as /v1/ask takes them: 422 with the reason when malformed."""
    after, before = query_date("issued_after", issued_after), query_date("issued_before", issued_before)
    try:
        equal = json.loads(filters) if filters else None
        if equal is not None and (not isinstance(equal, dict) or not all(
                isinstance(value, (str, int, bool)) for value in equal.values())):
            raise ValueError("give a JSON object of strings, numbers or booleans")
        return document_filters(equal, after, before)
    except json.JSONDecodeError:
        raise HTTPException(status_code=422, detail="invalid filters: not valid JSON") from None
    except ValueError as error:
        raise HTTPException(status_code=422, detail=f"invalid filters: {error}") from None


def search_router(default_top_k: int, max_top_k: int, max_question_chars: int) -> APIRouter:
    """The route, with k's default and bound and q's length from the settings (they show in the OpenAPI)."""
    router = APIRouter()

    @router.get("/v1/search")
    async def search(service: ServiceDep,
                     q: Annotated[str, Query(min_length=1, max_length=max_question_chars)],
                     k: Annotated[int, Query(ge=1, le=max_top_k)] = default_top_k,
                     mode: Annotated[str, Query(pattern=MODE_PATTERN)] = "hybrid",
                     filters: Annotated[str | None, Query(max_length=max_question_chars,
                                                          description=FILTERS_HELP)] = None,
                     issued_after: Annotated[str | None, Query(description=ISSUED_AFTER_HELP)] = None,
                     issued_before: Annotated[str | None, Query(description=ISSUED_BEFORE_HELP)] = None):
        if not q.strip():
            raise HTTPException(status_code=422, detail="invalid q: question is empty")
        chosen = query_filters(filters, issued_after, issued_before)
        try:
            retriever = service.require_retriever()
        except IndexNotReady:
            raise HTTPException(status_code=503, detail=INDEX_NOT_READY) from None
        hits = await service.run(retriever.search, q, k=k, mode=mode, filters=chosen)
        return {"passages": [hit.to_json() for hit in hits]}

    return router
