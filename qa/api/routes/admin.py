"""Document changes over HTTP, for administrators holding QA_ADMIN_TOKEN.

A change is acknowledged only once the corpus file is on disk (fsynced) and the rebuilt
index is being served, so whatever returned 2xx survives a crash and is searchable.
"""

import json
import logging

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from index.corpus import CorpusError
from index.corpus_store import DocumentConflict, check_document_id, document_from_json, document_from_upload
from index.formats import FileTooLarge
from qa.api.deps import ServiceDep, require_admin, require_writer
from qa.api.errors import DOCUMENT_NOT_FOUND, INVALID_JSON
from qa.api.schemas import index_summary

# Every route here is for administrators, and only on the writer.
router = APIRouter(dependencies=[Depends(require_admin), Depends(require_writer)])
log = logging.getLogger(__name__)
NOT_REBUILT = "the change is saved, but the index could not be rebuilt; it will be at the next change or restart"
DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {
                "type": "object", "required": ["id", "text"],
                "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "text": {"type": "string"},
                               "metadata": {"type": "object"}}}},
            "multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary",
                                        "description": "a .pdf, .docx, .html, .txt or .md file"},
                               "id": {"type": "string"}, "title": {"type": "string"},
                               "metadata": {"type": "string", "description": "a JSON object; wins over what "
                                                                             "is read from the file"}}}},
        },
    },
}


async def posted_document(request: Request):
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            body = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise HTTPException(status_code=422, detail=INVALID_JSON) from None
        if not isinstance(body, dict):
            raise HTTPException(status_code=422, detail="invalid request: send a JSON object")
        return document_from_json(body)
    if content_type == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise HTTPException(status_code=422, detail="invalid request: attach the document as 'file'")
        doc_id, title = text_field(form, "id"), text_field(form, "title")
        metadata = metadata_field(form)
        content = await upload.read()
        # Reading a PDF or running OCR takes seconds of CPU: off the event loop.
        return await run_in_threadpool(document_from_upload, upload.filename, content, doc_id, title, metadata)
    raise HTTPException(status_code=415, detail="send application/json or multipart/form-data")


def text_field(form, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) and value.strip() else None


def metadata_field(form) -> dict | None:
    """The uploader's metadata, a JSON object in a form field."""
    value = text_field(form, "metadata")
    if value is None:
        return None
    try:
        metadata = json.loads(value)
    except json.JSONDecodeError:
        metadata = None
    if not isinstance(metadata, dict):
        raise HTTPException(status_code=422, detail="invalid request: 'metadata' must be a JSON object")
    return metadata


def invalid_document(error: CorpusError) -> HTTPException:
    """413 for a file past a size limit once unpacked, 422 for anything else wrong with it."""
    return HTTPException(status_code=413 if isinstance(error, FileTooLarge) else 422,
                         detail=f"invalid document: {error}")


async def change_corpus(service, change, *args):
    """Run a corpus change on the service's writer; its failures as short HTTP errors."""
    try:
        return await service.write(change, *args)
    except DocumentConflict as error:
        raise HTTPException(status_code=409, detail=str(error)) from None
    except CorpusError as error:
        raise invalid_document(error) from None
    except Exception:
        log.exception("index rebuild failed")
        raise HTTPException(status_code=503, detail=NOT_REBUILT) from None


@router.post("/v1/documents", openapi_extra=DOCUMENT_BODY, status_code=201,
             summary="Add or replace a document (admin)")
async def post_document(request: Request, service: ServiceDep):
    try:
        document = await posted_document(request)
    except CorpusError as error:
        raise invalid_document(error) from None
    created, manifest = await change_corpus(service, service.save_document, document)
    passages = sum(1 for p in service.index.passages if p.doc_id == document.id)
    return JSONResponse(status_code=201 if created else 200,
                        headers={"Location": f"/v1/documents/{document.id}"},
                        content={"doc_id": document.id, "created": created, "passages": passages,
                                 "index": index_summary(manifest)})


@router.delete("/v1/documents/{doc_id}", summary="Remove a document (admin)")
async def delete_document(doc_id: str, service: ServiceDep):
    try:
        check_document_id(doc_id)
    except CorpusError as error:
        raise invalid_document(error) from None
    manifest = await change_corpus(service, service.delete_document, doc_id)
    if manifest is None:
        raise HTTPException(status_code=404, detail=DOCUMENT_NOT_FOUND)
    return {"doc_id": doc_id, "deleted": True, "index": index_summary(manifest)}
