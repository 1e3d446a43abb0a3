"""HTTP API. Routes stay thin: validate, call the service, shape the JSON."""

import asyncio
import re
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StrictInt, StrictStr, field_validator

from index.store import IndexNotReady
from qa.observability import install_observability, note_answer
from qa.retrieval import SEARCH_MODES
from qa.service import QAService
from qa.settings import Settings
from qa.admin import router as admin_router
from qa.limits import RequestLimits
from qa.web import router as web_router

INDEX_NOT_READY = "index not loaded: run `qa index build`"


def get_service(request: Request) -> QAService:
    return request.app.state.service


ServiceDep = Annotated[QAService, Depends(get_service)]


FilterValue = StrictStr | StrictInt | bool
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab and newlines are text
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}


class AskRequest(BaseModel):
    question: StrictStr = Field(min_length=1)
    top_k: StrictInt = Field(5, ge=1, le=50)
    filters: dict[StrictStr, FilterValue] | None = None

    @field_validator("question")
    @classmethod
    def not_blank(cls, question: str) -> str:
        if not question.strip():
            raise ValueError("question is empty")
        if CONTROL_CHARACTERS.search(question):
            raise ValueError("question contains control characters")
        return question


def manifest_summary(manifest: dict) -> dict:
    keys = ("embedding_model", "dimension", "dense_index", "corpus_hash", "counts", "created_at")
    return {key: manifest.get(key) for key in keys}


async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """One short message a person can act on instead of pydantic's full report."""
    first = error.errors()[0] if error.errors() else {}
    if first.get("type") == "json_invalid":
        return JSONResponse(status_code=422, content={"detail": "invalid request: body is not valid JSON"})
    where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
    return JSONResponse(status_code=422, content={"detail": f"invalid {where}: {first.get('msg', 'bad value')}"})


def with_document_titles(answer: dict, documents: dict) -> dict:
    """Passages carry their document's title and source, so a client can show them unfetched."""
    for passage in answer["passages"]:
        document = documents.get(passage["doc_id"])  # None if removed since: the answer predates it
        passage["title"] = document.title if document else None
        passage["source"] = document.metadata.get("source") if document else None
    return answer


def create_app(settings: Settings | None = None, service: QAService | None = None) -> FastAPI:
    settings = settings or Settings()
    service = service or QAService(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if service.index is None:
            service.load()
        yield

    app = FastAPI(title="Vietnamese QA", version="0.1.0", lifespan=lifespan)
    app.state.service = service
    app.add_exception_handler(RequestValidationError, validation_error)
    # Browsers may call the API only from the portals listed in QA_ALLOWED_ORIGINS.
    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_origins, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"], max_age=600)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        return response

    @app.get("/healthz")
    def healthz(service: ServiceDep):
        if service.index is None:
            return JSONResponse(status_code=503, content={"status": "unavailable",
                                                          "detail": service.load_error or INDEX_NOT_READY})
        return {"status": "ok", "index": manifest_summary(service.index.manifest)}

    @app.get("/v1/search")
    async def search(service: ServiceDep,
               q: Annotated[str, Query(min_length=1, max_length=settings.max_question_chars)],
               k: Annotated[int, Query(ge=1, le=settings.max_top_k)] = settings.default_top_k,
               mode: Annotated[str, Query(pattern="^(" + "|".join(SEARCH_MODES) + ")$")] = "hybrid"):
        if not q.strip():
            raise HTTPException(status_code=422, detail="invalid q: question is empty")
        try:
            retriever = service.require_retriever()
        except IndexNotReady:
            raise HTTPException(status_code=503, detail=INDEX_NOT_READY) from None
        hits = await service.run(retriever.search, q, k=k, mode=mode)
        return {"passages": [hit.to_json() for hit in hits]}

    @app.post("/v1/ask")
    async def ask(request: AskRequest, service: ServiceDep, http_request: Request):
        if len(request.question) > settings.max_question_chars:
            raise HTTPException(status_code=422,
                                detail=f"invalid question: longer than {settings.max_question_chars} characters")
        try:
            service.require_answerer()
        except IndexNotReady:
            raise HTTPException(status_code=503, detail=INDEX_NOT_READY) from None
        cached = service.cached_answer(request.question, request.top_k, request.filters)
        try:
            result = cached or await asyncio.wait_for(
                service.run(service.ask, request.question, request.top_k, request.filters),
                timeout=settings.ask_timeout_seconds)
        except TimeoutError:
            raise HTTPException(status_code=503, detail="the answer took too long: try again",
                                headers={"Retry-After": "5"}) from None
        note_answer(http_request, request.question, result, cached=cached is not None)
        return with_document_titles(result.to_json(), service.index.documents)

    @app.get("/v1/documents/{doc_id}")
    def document(doc_id: str, service: ServiceDep):
        if service.index is None:
            raise HTTPException(status_code=503, detail=INDEX_NOT_READY)
        found = service.index.documents.get(doc_id)
        if found is None:
            raise HTTPException(status_code=404, detail="document not found")
        return {"doc_id": found.id, "title": found.title, "text": found.text, "metadata": found.metadata}

    app.include_router(admin_router)
    app.include_router(web_router)
    app.add_middleware(RequestLimits, settings=settings)
    install_observability(app, settings)  # last, so its middleware wraps (and times) all the others
    return app
