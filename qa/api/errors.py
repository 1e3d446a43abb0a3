"""The fixed details of the API's errors, and the handler that turns pydantic's report
on a bad request into one short message."""

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

INDEX_NOT_READY = "index not loaded: run `qa index build`"
DOCUMENT_NOT_FOUND = "document not found"
ANSWER_TOO_SLOW = "the answer took too long: try again"
INVALID_JSON = "invalid request: body is not valid JSON"


async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """One short message a person can act on instead of pydantic's full report."""
    first = error.errors()[0] if error.errors() else {}
    if first.get("type") == "json_invalid":
        return JSONResponse(status_code=422, content={"detail": INVALID_JSON})
    where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
    return JSONResponse(status_code=422, content={"detail": f"invalid {where}: {first.get('msg', 'bad value')}"})
