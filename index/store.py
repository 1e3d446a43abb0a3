"""An index on disk: the files, the manifest, and loading with checks.

    <index>/manifest.json      what was built, from what, with which versions
    <index>/documents.jsonl    the clean documents all offsets refer to
    <index>/passages.jsonl     passages with their offsets
    <index>/...                the vector store's files (`index.vectors`): passage and
                               sentence vectors, BM25 views; none when the manifest names a
                               Qdrant collection instead
"""

import json
from dataclasses import dataclass
from pathlib import Path

from index.chunking import Passage
from index.documents import Document
from index.vectors import FaissBm25Store, VectorStore

FORMAT_VERSION = 2
BUILD_COMMAND = "qa index build"


class IndexNotReady(RuntimeError):
    """No usable index: the message says which command makes one."""


@dataclass
class LoadedIndex:
    path: Path
    manifest: dict
    documents: dict[str, Document]
    passages: list[Passage]
    vectors: VectorStore  # row i = passages[i]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_manifest(path: Path) -> dict:
    manifest_path = path / "manifest.json"
    if not manifest_path.is_file():
        raise IndexNotReady(f"no index at {path}: run `{BUILD_COMMAND}`")
    try:
        return json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        raise IndexNotReady(f"index manifest at {path} is unreadable: run `{BUILD_COMMAND}`") from None


def manifest_problems(manifest: dict, embedding_model: str | None = None) -> list[str]:
    """Why an index cannot serve with these settings (empty when it can)."""
    problems = []
    if manifest.get("format_version") != FORMAT_VERSION:
        problems.append(f"index format {manifest.get('format_version')} is not {FORMAT_VERSION}")
    if embedding_model and manifest.get("embedding_model") != embedding_model:
        problems.append(f"index was embedded with {manifest.get('embedding_model')!r}, "
                        f"settings ask for {embedding_model!r}")
    return problems


def vector_store_of(manifest: dict) -> str:
    """"embedded" or "qdrant"; indexes from before the choice are embedded."""
    return manifest.get("vector_store", "embedded")


def open_vectors(path: Path, manifest: dict, passages: list[Passage], qdrant) -> VectorStore:
    if vector_store_of(manifest) == "embedded":
        return FaissBm25Store.load(path, [len(p.sentences) for p in passages])
    if qdrant is None:
        raise IndexNotReady(f"index at {path} keeps its passages in Qdrant: set QA_VECTOR_STORE=qdrant and "
                            f"QA_QDRANT_URL, or run `{BUILD_COMMAND}` for an embedded index")
    from index.vectors.qdrant_store import QdrantStore

    try:
        return QdrantStore.open(qdrant, manifest["qdrant"], passages)
    except LookupError as error:
        raise IndexNotReady(f"{error.args[0]}, which the index at {path} was built into: run `{BUILD_COMMAND}`") from None
    except RuntimeError as error:  # no client installed, nowhere to connect to
        raise IndexNotReady(str(error)) from None
    except Exception as error:  # noqa: BLE001 - the client's errors differ by transport (HTTP, gRPC, local)
        raise IndexNotReady(f"Qdrant did not answer ({type(error).__name__}: {error}): check QA_QDRANT_URL") from None


def load_index(path: Path, embedding_model: str | None = None, qdrant=None) -> LoadedIndex:
    """The index at path; `qdrant` (an `index.vectors.qdrant_target.QdrantTarget`) is where an index
    built into Qdrant finds its collection."""
    path = Path(path)
    manifest = read_manifest(path)
    if problems := manifest_problems(manifest, embedding_model):
        raise IndexNotReady("; ".join(problems) + f": run `{BUILD_COMMAND}`")
    documents = {row["id"]: Document(**row) for row in read_jsonl(path / "documents.jsonl")}
    passages = [Passage(**{**row, "sentences": tuple(map(tuple, row["sentences"]))})
                for row in read_jsonl(path / "passages.jsonl")]
    vectors = open_vectors(path, manifest, passages, qdrant)
    counts = (len(documents), len(passages), vectors.passage_count)
    expected = (manifest["counts"]["documents"], manifest["counts"]["passages"], manifest["counts"]["passages"])
    if counts != expected:
        raise IndexNotReady(f"index at {path} is inconsistent (documents, passages, vectors = {counts}, "
                            f"manifest says {expected}): run `{BUILD_COMMAND}`")
    if manifest["dimension"] != vectors.dimension:
        raise IndexNotReady(f"index at {path} has vectors of {vectors.dimension} dims, manifest says "
                            f"{manifest['dimension']}: run `{BUILD_COMMAND}`")
    sentences = sum(len(p.sentences) for p in passages)
    # Qdrant keeps each passage's sentences on its point: counting them all would read every point.
    if isinstance(vectors, FaissBm25Store) and vectors.sentence_count != sentences:
        raise IndexNotReady(f"index at {path} has {vectors.sentence_count} sentence vectors for "
                            f"{sentences} sentences: run `{BUILD_COMMAND}`")
    return LoadedIndex(path, manifest, documents, passages, vectors)
