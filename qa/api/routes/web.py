"""What browsers load: the embeddable widget, the demo portal page and a readable view of a
document with a cited quote highlighted. Document text is always escaped, never markup."""

from html import escape
from importlib import resources

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response

from qa.api.deps import ServiceDep
from qa.api.errors import DOCUMENT_NOT_FOUND

STATIC = resources.files("qa.api") / "static"
STATIC_FILES = {"widget.js": "text/javascript", "widget.css": "text/css", "document.css": "text/css",
                "document.js": "text/javascript", "portal.css": "text/css"}
# Pages may load scripts and styles from this service only, and call only this service.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
               "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
QUOTE_ANCHOR = "trich-dan"
router = APIRouter(include_in_schema=False)


def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def page(html: str) -> HTMLResponse:
    return HTMLResponse(html, headers={"Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-cache"})


def highlighted_document_html(title: str, text: str, metadata: dict, start: int | None, end: int | None) -> str:
    """The document page: its details, then its text with [start:end] marked. Pure."""
    details = [value for value in (metadata.get("source"), metadata.get("author"), metadata.get("date")) if value]
    if start is None or end is None:
        body = escape(text)
    else:
        body = (f"{escape(text[:start])}<mark id=\"{QUOTE_ANCHOR}\" tabindex=\"-1\">{escape(text[start:end])}</mark>"
                f"{escape(text[end:])}")
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="stylesheet" href="/static/document.css">
<script src="/static/document.js" defer></script>
</head>
<body>
<main>
<h1>{escape(title)}</h1>
<p class="details">{escape(" · ".join(details))}</p>
{'<p class="hint">Đoạn được trích dẫn được tô màu vàng.</p>' if start is not None else ''}
<article class="text">{body}</article>
</main>
</body>
</html>
"""


@router.get("/")
def demo_portal():
    """A mock provincial portal with the widget embedded by one script tag."""
    return page(static_text("demo.html"))


@router.get("/favicon.ico")
def favicon():
    return Response(status_code=204)


@router.get("/widget.js")
def widget():
    return static_file("widget.js")


@router.get("/static/{name}")
def static_file(name: str):
    if name not in STATIC_FILES:
        raise HTTPException(status_code=404, detail="not found")
    return Response(static_text(name), media_type=STATIC_FILES[name], headers={"Cache-Control": "public, max-age=300"})


@router.get("/documents/{doc_id}")
def document_page(doc_id: str, service: ServiceDep, start: int | None = None, end: int | None = None):
    if service.index is None:
        raise HTTPException(status_code=503, detail="index not loaded")
    found = service.index.documents.get(doc_id)
    if found is None:
        raise HTTPException(status_code=404, detail=DOCUMENT_NOT_FOUND)
    if (start is None) != (end is None):
        raise HTTPException(status_code=422, detail="invalid start/end: give both or neither")
    if start is not None and not 0 <= start < end <= len(found.text):
        raise HTTPException(status_code=422, detail=f"invalid start/end: need 0 <= start < end <= {len(found.text)}")
    return page(highlighted_document_html(found.title, found.text, found.metadata, start, end))
