"""GET /healthz: the index being served, or 503 with what to run."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from qa.api.deps import ServiceDep
from qa.api.errors import INDEX_NOT_READY
from qa.api.schemas import manifest_summary

router = APIRouter()


@router.get("/healthz")
def healthz(service: ServiceDep):
    if service.index is None:
        return JSONResponse(status_code=503, content={"status": "unavailable",
                                                      "detail": service.load_error or INDEX_NOT_READY})
    return {"status": "ok", "index": manifest_summary(service.index.manifest)}
