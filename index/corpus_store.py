"""Adding, replacing and removing documents in a corpus folder, durably.

The corpus folder is the source of truth; the index is derived from it. Every change
is one atomic rename of a fully written, fsynced file, then an fsync of the folder:
after a crash a file holds either its old rows or its new ones, never half of either,
and a change that returned has reached the disk.

A new document goes to `<id>.jsonl`. A document already in a `.jsonl` file is replaced
or removed by rewriting that file; one from a `.txt`/`.md` file is that file.
"""

import json
import os
import re
from dataclasses import replace
from pathlib import Path

from index.corpus import CorpusError, clean_text, make_document, text_file_document
from index.documents import Document
from index.durable import fsync_path
from index.vietnamese.provinces import main_provinces

DOCUMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
TEMPORARY_SUFFIX = ".tmp"  # never read as a document (see index.corpus.DOCUMENT_SUFFIXES)


class DocumentConflict(CorpusError):
    """The change cannot be made through the API; the message says what to do instead."""


def check_document_id(doc_id: str) -> str:
    if not isinstance(doc_id, str) or not DOCUMENT_ID.fullmatch(doc_id):
        raise CorpusError("id must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit")
    return doc_id


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
    for suffix in (".txt", ".md"):
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
    return with_provinces(make_document(body.get("id"), body.get("title"), body.get("text"), body.get("metadata"), ""))


def document_from_upload(filename: str, content: bytes, doc_id: str | None = None) -> Document:
    """A .txt or .md file read as the corpus reads one: title from the first line."""
    path = Path(filename or "")
    if path.suffix.lower() not in (".txt", ".md"):
        raise CorpusError("upload a .txt or .md file")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise CorpusError("the file is not UTF-8 text") from None
    if not clean_text(text):
        raise CorpusError("the file is empty")
    return with_provinces(text_file_document(path.name, text, check_document_id(doc_id or path.stem)))


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

