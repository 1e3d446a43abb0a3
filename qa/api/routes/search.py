"""GET /v1/search: ranked passages for a question, without extracting an answer."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from index.store import IndexNotReady
from qa.api.deps import ServiceDep
from qa.api.errors import INDEX_NOT_READY
from qa.retrieval import SEARCH_MODES

MODE_PATTERN = "^(" + "|".join(SEARCH_MODES) + ")$"


def search_router(default_top_k: int, max_top_k: int, max_question_chars: int) -> APIRouter:
    """The route, with k's default and bound and q's length from the settings (they show in the OpenAPI)."""
    router = APIRouter()

    @router.get("/v1/search")
    async def search(service: ServiceDep,
                     q: Annotated[str, Query(min_length=1, max_length=max_question_chars)],
                     k: Annotated[int, Query(ge=1, le=max_top_k)] = default_top_k,
                     mode: Annotated[str, Query(pattern=MODE_PATTERN)] = "hybrid"):
        if not q.strip():
            raise HTTPException(status_code=422, detail="invalid q: question is empty")
        try:
            retriever = service.require_retriever()
        except IndexNotReady:
            raise HTTPException(status_code=503, detail=INDEX_NOT_READY) from None
        hits = await service.run(retriever.search, q, k=k, mode=mode)
        return {"passages": [hit.to_json() for hit in hits]}

    return router
