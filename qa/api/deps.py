"""What routes are given, as typed dependencies: the service, the settings, the loaded
index, and the administrator check."""

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from index.store import LoadedIndex
from qa.api.errors import INDEX_NOT_READY
from qa.service import QAService
from qa.settings import Settings


def get_service(request: Request) -> QAService:
    return request.app.state.service


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


ServiceDep = Annotated[QAService, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_index(service: ServiceDep) -> LoadedIndex:
    """The index being served, or 503 while none is loaded."""
    if service.index is None:
        raise HTTPException(status_code=503, detail=INDEX_NOT_READY)
    return service.index


IndexDep = Annotated[LoadedIndex, Depends(get_index)]


def require_admin(request: Request, settings: SettingsDep) -> None:
    """401 without a bearer token, 403 with a wrong one; compared in constant time."""
    expected = settings.admin_token
    if not expected:
        raise HTTPException(status_code=403, detail="document changes are disabled: set QA_ADMIN_TOKEN")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(status_code=401, detail="admin token required: Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(status_code=403, detail="wrong admin token")


def require_writer(settings: SettingsDep) -> None:
    """409 on a replica that does not change documents (QA_WRITER_URL names the one that does):
    one writer keeps the corpus and its builds in one order."""
    if settings.writer_url:
        writer = settings.writer_url.rstrip("/")
        raise HTTPException(status_code=409, detail=f"this replica does not change documents: send changes to {writer}",
                            headers={"Location": f"{writer}/v1/documents"})
