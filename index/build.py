"""Building an index from a corpus directory and swapping it in atomically.

The served path (e.g. var/index) is a symbolic link to one folder under
`<path>.builds/`. A build writes a complete new folder, fsyncs it, then replaces the
link in one rename: a crash at any point leaves the previous index in service, and a
reader never sees a half-written one.
"""

import json
import os
import platform
import shutil
import time
from importlib import metadata as package_metadata
from pathlib import Path

import numpy as np

from index.chunking import MAX_PASSAGE_CHARS, Passage, chunk_document
from index.corpus import corpus_hash, read_corpus
from index.documents import Document
from index.durable import fsync_path, fsync_tree
from index.store import FORMAT_VERSION
from index.vectors import FaissBm25Store
from index.vietnamese.tokens import TOKENIZER_SETTINGS

KEPT_BUILDS = 2
LIBRARIES = ("faiss-cpu", "bm25s", "pyvi", "sentence-transformers", "transformers", "torch", "numpy", "qdrant-client")


def library_versions() -> dict:
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = package_metadata.version(name)
        except package_metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def builds_dir(index_path: Path) -> Path:
    return index_path.with_name(index_path.name + ".builds")


def swap_in(index_path: Path, build: Path) -> None:
    """Point index_path at build in one atomic rename of a fresh link."""
    if index_path.exists() and not index_path.is_symlink():
        # An index folder from before builds were linked: move it aside once.
        index_path.rename(builds_dir(index_path) / f"legacy-{time.time_ns()}")
    link = index_path.with_name(f".{index_path.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(build, index_path.parent))
    os.replace(link, index_path)
    fsync_path(index_path.parent)


def remove_old_builds(index_path: Path, keep: int = KEPT_BUILDS) -> None:
    current = index_path.resolve()
    builds = sorted(builds_dir(index_path).iterdir(), key=lambda p: p.name, reverse=True)
    for old in [b for b in builds if b.resolve() != current][keep - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def known_vectors(previous, model_name: str) -> dict[str, np.ndarray]:
    """Text -> vector from a loaded index embedded by the same model, so a rebuild after
    adding one document embeds only that document's texts."""
    if previous is None or previous.manifest.get("embedding_model") != model_name:
        return {}
    known = {}
    passage_vectors, sentence_vectors = previous.vectors.stored_vectors()
    if len(sentence_vectors) != sum(len(p.sentences) for p in previous.passages):
        return {}  # a store that could not give every vector back: nothing is reused
    sentence_row = 0
    for row, passage in enumerate(previous.passages):
        if passage_vectors is not None:
            known[passage.text] = passage_vectors[row]
        for start, end in passage.sentences:
            known[passage.text[start - passage.start:end - passage.start]] = sentence_vectors[sentence_row]
            sentence_row += 1
    return known


def embed_texts(embedder, texts: list[str], known: dict[str, np.ndarray], show_progress: bool) -> np.ndarray:
    """Vectors for texts, embedding only those not already known."""
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    fresh = dict(zip(missing, embedder.embed_passages(missing, show_progress=show_progress))) if missing else {}
    if not texts:
        return embedder.embed_passages([], show_progress=False)
    return np.stack([fresh[t] if t in fresh else known[t] for t in texts]).astype(np.float32)


def embed_passages(embedder, passages: list[Passage], known: dict[str, np.ndarray],
                   show_progress: bool) -> tuple[np.ndarray, np.ndarray]:
    """(passage vectors, sentence vectors in passage order)."""
    # Passage text alone: prefixing the title made dense and hybrid ranking worse on eval/gold.jsonl.
    vectors = embed_texts(embedder, [p.text for p in passages], known, show_progress)
    # Sentence vectors let the answer pipeline compare each sentence with the question
    # without running the model at question time.
    sentences = [p.text[s - p.start:e - p.start] for p in passages for s, e in p.sentences]
    return vectors, embed_texts(embedder, sentences, known, show_progress)


def write_build(build: Path, documents: list[Document], passages: list[Passage], embedder,
                show_progress: bool, known: dict[str, np.ndarray] | None = None, qdrant=None) -> dict:
    """The build folder's files, and the passages' vectors in the embedded store's files or, with
    `qdrant` (a QdrantTarget), in a new collection the alias then names."""
    vectors, sentence_vectors = embed_passages(embedder, passages, known or {}, show_progress)
    if qdrant is None:
        store = FaissBm25Store.build(vectors, sentence_vectors, [len(p.sentences) for p in passages],
                                     [p.text for p in passages])
        store.save(build)
        built = {"vector_store": "embedded", **store.describe()}
    else:
        from index.vectors.qdrant_writer import build_collection

        built = build_collection(qdrant, build.name.removesuffix(".partial"), documents, passages,
                                 vectors, sentence_vectors)
    write_rows(build, documents, passages)
    return built


def write_rows(build: Path, documents: list[Document], passages: list[Passage]) -> None:
    write_jsonl(build / "documents.jsonl", (d.to_json() for d in documents))
    write_jsonl(build / "passages.jsonl", (vars(p) for p in passages))


def changed_documents(previous: dict[str, Document], documents: list[Document]) -> set[str]:
    """Ids of the documents added, replaced or removed since `previous`."""
    current = {d.id: d for d in documents}
    return {i for i in current.keys() | previous.keys() if current.get(i) != previous.get(i)}


def update_build(build: Path, documents: list[Document], passages: list[Passage], embedder, previous,
                 qdrant) -> dict:
    """The build folder's files, and the collection `previous` was built into brought up to date in
    place: only the changed documents' passages are embedded and written."""
    from index.vectors.qdrant_writer import update_collection

    changed = changed_documents(previous.documents, documents)
    fresh = [p for p in passages if p.doc_id in changed]
    vectors, sentence_vectors = embed_passages(embedder, fresh, {}, show_progress=False)
    built = update_collection(qdrant, previous.manifest["qdrant"], documents, fresh, changed, vectors,
                              sentence_vectors)
    write_rows(build, documents, passages)
    return built


def updatable(previous, model_name: str) -> bool:
    """Whether an update in place may start from `previous`: built into Qdrant by the same model
    and tokenizer (other changes need every passage written again)."""
    return (previous is not None and previous.manifest.get("vector_store") == "qdrant"
            and previous.manifest.get("embedding_model") == model_name
            and previous.manifest.get("tokenizer") == TOKENIZER_SETTINGS)


def build_index(corpus_dir: Path, index_path: Path, embedder, show_progress: bool = True, previous=None,
                qdrant=None, in_place: bool = False) -> dict:
    """Build from corpus_dir into a new folder, then swap it in; returns the manifest.
    `previous` (a LoadedIndex) lends the vectors of texts it already embedded. With `qdrant` (a
    QdrantTarget) the passages go to Qdrant: a new collection, or with `in_place` (an
    administrator's change) the collection `previous` was built into, updated where it changed."""
    started = time.perf_counter()
    if qdrant is not None:
        qdrant.connect()  # an unreachable server or a missing client fails before any embedding
    documents = read_corpus(corpus_dir)
    passages = [p for d in documents for p in chunk_document(d.id, d.text)]
    embedder.warm_up()
    index_path = Path(index_path)
    builds_dir(index_path).mkdir(parents=True, exist_ok=True)
    build = builds_dir(index_path) / f"build-{time.time_ns()}"  # names sort in build order
    partial = build.with_name(build.name + ".partial")
    partial.mkdir()
    try:
        if qdrant is not None and in_place and updatable(previous, embedder.model_name):
            built = update_build(partial, documents, passages, embedder, previous, qdrant)
        else:
            built = write_build(partial, documents, passages, embedder, show_progress,
                                known_vectors(previous, embedder.model_name), qdrant)
        manifest = {
            "format_version": FORMAT_VERSION,
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "embedding_model": embedder.model_name,
            **built,
            "corpus_dir": str(corpus_dir),
            "corpus_hash": corpus_hash(documents),
            "counts": {"documents": len(documents), "passages": len(passages),
                       "sentences": sum(len(p.sentences) for p in passages)},
            "chunking": {"max_passage_chars": MAX_PASSAGE_CHARS},
            "tokenizer": TOKENIZER_SETTINGS,
            "versions": library_versions(),
            "build_seconds": round(time.perf_counter() - started, 2),
        }
        (partial / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        fsync_tree(partial)
        partial.rename(build)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    swap_in(index_path, build)
    remove_old_builds(index_path)
    return manifest
