"""Reading a corpus directory into documents.

A corpus directory holds documents as top-level files (sub-folders such as raw/ are
not read, nor is README.md):
- `*.jsonl`: one {"id", "title", "text", "metadata"?} object a line;
- `*.txt` / `*.md`: one document each; the id is the file name without extension,
  the title the first non-empty line (a Markdown heading's '#' marks dropped).
Every text is cleaned the same way (NFC, whitespace) so offsets mean the same thing
whatever the source.
"""

import hashlib
import json
from pathlib import Path

from index.documents import Document
from index.vietnamese.text import normalize_whitespace, to_nfc

DOCUMENT_SUFFIXES = (".jsonl", ".txt", ".md")
NOT_DOCUMENTS = frozenset({"readme.md", "readme.txt"})  # the folder's own documentation


class CorpusError(ValueError):
    """A corpus file a user must fix; the message names the file and line."""


def clean_text(text: str) -> str:
    return normalize_whitespace(to_nfc(text))


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
    return Document(id=doc_id.strip(), title=clean_text(title or ""), text=clean_text(text),
                    metadata=dict(metadata or {}))


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


def text_file_document(name: str, text: str, doc_id: str) -> Document:
    """A .txt/.md file's document: the first line is the title, a Markdown heading's '#' dropped."""
    lines = clean_text(text).split("\n")
    title = lines[0].lstrip("#").strip() if name.lower().endswith(".md") else lines[0]
    body = "\n".join(lines[1:]).strip() or title
    return make_document(doc_id, title, body, {"source_file": name}, name)


def read_text_file(path: Path) -> Document:
    return text_file_document(path.name, path.read_text(encoding="utf-8"), path.stem)


def read_corpus(corpus_dir: Path) -> list[Document]:
    """All documents of a corpus directory, in file-name order; ids must be unique."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory not found: {corpus_dir}")
    documents: list[Document] = []
    paths = sorted(p for p in corpus_dir.iterdir()
                   if p.suffix in DOCUMENT_SUFFIXES and p.is_file() and p.name.lower() not in NOT_DOCUMENTS)
    for path in paths:
        if path.suffix == ".jsonl":
            documents.extend(read_jsonl(path))
        else:
            documents.append(read_text_file(path))
    seen: set[str] = set()
    for document in documents:
        if document.id in seen:
            raise CorpusError(f"duplicate document id {document.id!r}")
        seen.add(document.id)
    if not documents:
        raise CorpusError(f"no .jsonl, .txt or .md documents in {corpus_dir}")
    return documents


def corpus_hash(documents: list[Document]) -> str:
    """Fingerprint of the corpus content: an index built from another hash is stale."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(json.dumps(document.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
