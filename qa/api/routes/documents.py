"""GET /v1/documents/{doc_id}: a document's clean text, the one all offsets refer to."""

from fastapi import APIRouter, HTTPException

from qa.api.deps import IndexDep
from qa.api.errors import DOCUMENT_NOT_FOUND

router = APIRouter()


@router.get("/v1/documents/{doc_id}")
def document(doc_id: str, index: IndexDep):
    found = index.documents.get(doc_id)
    if found is None:
        raise HTTPException(status_code=404, detail=DOCUMENT_NOT_FOUND)
    return {"doc_id": found.id, "title": found.title, "text": found.text, "metadata": found.metadata}
