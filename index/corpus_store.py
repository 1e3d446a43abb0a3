"""Adding, replacing and removing documents in a corpus folder, durably.

The corpus folder is the source of truth; the index is derived from it. Every change
is one atomic rename of a fully written, fsynced file, then an fsync of the folder:
after a crash a file holds either its old rows or its new ones, never half of either,
and a change that returned has reached the disk.

A new document goes to `<id>.jsonl`, an uploaded file too: its extracted text and metadata,
read once, are what the corpus keeps. A document already in a `.jsonl` file is replaced or
removed by rewriting that file; one from a file of its own (`.pdf`, `.docx`, `.txt`, …) is
that file.
"""

import json
import os
import re
from dataclasses import replace
from pathlib import Path

from index.corpus import FILE_SUFFIXES, CorpusError
from index.document_files import document_from_file, document_from_text
from index.documents import Document
from index.formats import MAX_UNPACKED_BYTES
from index.durable import fsync_path
from index.vietnamese.provinces import main_provinces
from index.vietnamese.text import fold_diacritics

DOCUMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
NOT_IN_ID = re.compile(r"[^a-z0-9._-]+")
TEMPORARY_SUFFIX = ".tmp"  # never read as a document (see index.corpus.DOCUMENT_SUFFIXES)


class DocumentConflict(CorpusError):
    """The change cannot be made through the API; the message says what to do instead."""


def check_document_id(doc_id: str) -> str:
    if not isinstance(doc_id, str) or not DOCUMENT_ID.fullmatch(doc_id):
        raise CorpusError("id must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit")
    return doc_id


def id_of_file(path: Path) -> str:
    """An id from a file's name: 'Kế hoạch 125.pdf' -> 'ke-hoach-125'."""
    return NOT_IN_ID.sub("-", fold_diacritics(path.stem).lower()).strip("-._")[:128]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace path with data: written and fsynced beside it, renamed over it, folder fsynced."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")
    with open(temporary, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    fsync_path(path.parent)


def remove_durably(path: Path) -> None:
    path.unlink()
    fsync_path(path.parent)


def jsonl_rows(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").split("\n"):  # not splitlines(): see index.corpus
        if line.strip():
            rows.append(json.loads(line))
    return rows


def jsonl_bytes(rows: list[dict]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def holder_of(corpus_dir: Path, doc_id: str) -> Path | None:
    """The top-level file that holds a document, if any."""
    for suffix in FILE_SUFFIXES:
        if (corpus_dir / f"{doc_id}{suffix}").is_file():
            return corpus_dir / f"{doc_id}{suffix}"
    for path in sorted(corpus_dir.glob("*.jsonl")):
        if any(row.get("id") == doc_id for row in jsonl_rows(path)):
            return path
    return None


def with_provinces(document: Document) -> Document:
    """Record the provinces a document is about, as the seeds do, unless its poster did:
    province filters and province steering of answers rely on them."""
    if "provinces" in document.metadata or "province" in document.metadata:
        return document
    provinces = main_provinces(document.title + "\n" + document.text)
    if not provinces:
        return document
    return replace(document, metadata={**document.metadata, "provinces": provinces, "province": provinces[0]})


def document_from_json(body: dict) -> Document:
    """A document as an administrator posts it: {"id", "title", "text", "metadata"?}."""
    check_document_id(body.get("id"))
    return with_provinces(document_from_text(body.get("id"), body.get("title"), body.get("text"),
                                             body.get("metadata")))


def document_from_upload(filename: str, content: bytes, doc_id: str | None = None, title: str | None = None,
                         metadata: dict | None = None, max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> Document:
    """An uploaded file read as the corpus reads one; a title or metadata given with it win."""
    path = Path(filename or "")
    return with_provinces(document_from_file(path.name, content, check_document_id(doc_id or id_of_file(path)),
                                             title, metadata, max_unpacked_bytes))


def save_document(corpus_dir: Path, document: Document) -> bool:
    """Add or replace a document; True when it is new."""
    holder = holder_of(corpus_dir, document.id)
    if holder is not None and holder.suffix != ".jsonl":
        raise DocumentConflict(f"document {document.id!r} is the file {holder.name}; replace that file instead")
    target = holder or corpus_dir / f"{document.id}.jsonl"
    rows = jsonl_rows(target) if target.is_file() else []
    row = document.to_json()
    replaced = [row if existing.get("id") == document.id else existing for existing in rows]
    if holder is None:
        replaced.append(row)
    atomic_write(target, jsonl_bytes(replaced))
    return holder is None


def delete_document(corpus_dir: Path, doc_id: str) -> bool:
    """Remove a document; False when there was none."""
    holder = holder_of(corpus_dir, doc_id)
    if holder is None:
        return False
    if holder.suffix != ".jsonl":
        remove_durably(holder)
        return True
    remaining = [row for row in jsonl_rows(holder) if row.get("id") != doc_id]
    if remaining:
        atomic_write(holder, jsonl_bytes(remaining))
    else:
        remove_durably(holder)
    return True

