"""The document: the unit a user adds, cites and reads back, and how one is made from
untrusted parts (a posted body, a corpus row, a file's text)."""

import datetime
from dataclasses import dataclass, field

from index.vietnamese.text import normalize_whitespace, to_nfc


class CorpusError(ValueError):
    """A document or corpus file a user must fix; the message says what is wrong (and where)."""


@dataclass(frozen=True)
class Document:
    """A document's clean text is the one every citation offset refers to."""

    id: str
    title: str
    text: str
    metadata: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "text": self.text, "metadata": self.metadata}


def clean_text(text: str) -> str:
    return normalize_whitespace(to_nfc(text))


def is_iso_date(value: object) -> bool:
    try:
        return isinstance(value, str) and len(value) == 10 and bool(datetime.date.fromisoformat(value))
    except ValueError:
        return False


def make_document(doc_id: object, title: object, text: object, metadata: object, where: str) -> Document:
    where = f"{where}: " if where else ""  # a posted document is not in a file
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise CorpusError(f"{where}'id' must be a non-empty string")
    if not isinstance(text, str) or not clean_text(text):
        raise CorpusError(f"{where}'text' must be a non-empty string")
    if title is not None and not isinstance(title, str):
        raise CorpusError(f"{where}'title' must be a string")
    if metadata is not None and not isinstance(metadata, dict):
        raise CorpusError(f"{where}'metadata' must be an object")
    # Date filters compare issue dates: one that is not a date would silently never match.
    if metadata and "issued_date" in metadata and not is_iso_date(metadata["issued_date"]):
        raise CorpusError(f"{where}'metadata.issued_date' must be a date as YYYY-MM-DD")
    return Document(id=doc_id.strip(), title=clean_text(title or ""), text=clean_text(text),
                    metadata=dict(metadata or {}))
