"""Documents from files as people have them, and from posted text: the file's format read
(index.formats), the text cleaned, the administrative header read into metadata
(index.vietnamese.admin_metadata), and whatever the uploader stated winning over all of it.

The clean text made here is what every citation offset points into.
"""

from index.documents import CorpusError, Document, clean_text, make_document
from index.formats import MAX_UNPACKED_BYTES, extract_text
from index.vietnamese.admin_metadata import read_header
from index.vietnamese.text import to_nfc

MAX_TITLE_CHARS = 300  # a first line used as a title may be a whole paragraph


def first_line(text: str) -> str:
    line = next((line for line in text.split("\n") if line.strip()), "")
    return line if len(line) <= MAX_TITLE_CHARS else line[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def in_nfc(metadata: dict | None) -> dict:
    """Text values in NFC, as the text and the filters are: 'Kế hoạch' typed with combining marks
    must still match."""
    return {key: to_nfc(value) if isinstance(value, str) else value for key, value in (metadata or {}).items()}


def document_from_file(name: str, content: bytes, doc_id: str, title: str | None = None,
                       metadata: dict | None = None, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> Document:
    """The document in a file named `name`. Title: the one given, else what the file calls
    itself (a page's headline), else the header's type and subject line, else the first line
    (which a plain text file then leaves out of its text, as it always has)."""
    extracted = extract_text(name, content, max_unpacked_bytes)
    text = clean_text(extracted.text)
    if not text:
        raise CorpusError("the document has no text")
    header = read_header(text)
    stated_title = None if extracted.first_line_is_title else extracted.title
    chosen = title or stated_title or header.title
    if not chosen and extracted.first_line_is_title:
        chosen, rest = extracted.title, "\n".join(text.split("\n")[1:]).strip()
        text = rest or text
    found = {**header.metadata(), **in_nfc(extracted.metadata), "source_file": name}
    return make_document(doc_id, chosen or first_line(text), text, {**found, **in_nfc(metadata)}, "")


def document_from_text(doc_id: object, title: object, text: object, metadata: object) -> Document:
    """A posted document: its header read like a file's, the posted title and metadata winning."""
    document = make_document(doc_id, title, text, metadata, "")
    header = read_header(document.text)
    return make_document(document.id, document.title or header.title, document.text,
                         {**header.metadata(), **in_nfc(document.metadata)}, "")
