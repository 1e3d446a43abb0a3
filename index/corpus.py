"""Reading a corpus directory into documents.

A corpus directory holds documents as top-level files (sub-folders such as raw/ are
not read, nor is README.md):
- `*.jsonl`: one {"id", "title", "text", "metadata"?} object a line;
- `*.pdf`, `*.docx`, `*.html`/`*.htm`, `*.txt`, `*.md`: one document each, read by
  `index.document_files` (format, administrative header, title); the id is the file name
  without extension.
Every text is cleaned the same way (NFC, whitespace) so offsets mean the same thing
whatever the source.
"""

import hashlib
import json
from pathlib import Path

from index.document_files import document_from_file
from index.documents import CorpusError, Document, clean_text, make_document
from index.formats import READABLE_SUFFIXES

__all__ = ["DOCUMENT_SUFFIXES", "FILE_SUFFIXES", "CorpusError", "clean_text", "corpus_hash", "read_corpus"]
FILE_SUFFIXES = READABLE_SUFFIXES  # one document a file
DOCUMENT_SUFFIXES = (".jsonl", *FILE_SUFFIXES)
NOT_DOCUMENTS = frozenset({"readme.md", "readme.txt"})  # the folder's own documentation


def read_jsonl(path: Path) -> list[Document]:
    documents = []
    # Split on "\n" only: str.splitlines() would also split inside a text holding U+2028 or
    # U+0085, which JSON writes unescaped.
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{where}: not valid JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise CorpusError(f"{where}: each line must be a JSON object")
        documents.append(make_document(row.get("id"), row.get("title"), row.get("text"),
                                       row.get("metadata"), where))
    return documents


def read_document_file(path: Path) -> Document:
    try:
        return document_from_file(path.name, path.read_bytes(), path.stem)
    except CorpusError as error:
        message = str(error)
        raise CorpusError(message if message.startswith(path.name) else f"{path.name}: {message}") from None


def read_corpus(corpus_dir: Path) -> list[Document]:
    """All documents of a corpus directory, in file-name order; ids must be unique."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    documents: list[Document] = []
    paths = sorted(p for p in corpus_dir.iterdir()
                   if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file() and p.name.lower() not in NOT_DOCUMENTS)
    for path in paths:
        if path.suffix.lower() == ".jsonl":
            documents.extend(read_jsonl(path))
        else:
            documents.append(read_document_file(path))
    seen: set[str] = set()
    for document in documents:
        if document.id in seen:
            raise CorpusError(f"duplicate document id {document.id!r}")
        seen.add(document.id)
    if not documents:
        raise CorpusError(f"no documents ({', '.join(DOCUMENT_SUFFIXES)}) in {corpus_dir}")
    return documents


def corpus_hash(documents: list[Document]) -> str:
    """Fingerprint of the corpus content: an index built from another hash is stale."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(json.dumps(document.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
