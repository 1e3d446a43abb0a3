"""Writing passages into Qdrant: a whole new collection swapped in under the alias (`qa index
build`), or the points of changed documents in place (an administrator's change).

A full build computes the lexical views' average passage lengths; updates in place keep them, so
a passage's BM25 weights never depend on when it was written. They drift from the true averages as
documents come and go, by little until the corpus changes much: `qa index build` recomputes them.
"""

import warnings

import numpy as np
from qdrant_client import models

from index.vectors.lexical import VIEWS
from index.vectors.qdrant_payload import INTEGER_FIELDS, KEYWORD_FIELDS, passage_payload
from index.vectors.qdrant_store import UPSERT_BATCH, describe_collection, point_id
from index.vectors.qdrant_target import QdrantTarget
from index.vectors.sparse_bm25 import average_lengths, passage_vector


def view_tokens(texts: list[str]) -> dict[str, list[list[str]]]:
    return {view: [tokenize(text) for text in texts] for view, tokenize in VIEWS.items()}


def split_sentences(sentence_vectors: np.ndarray, counts: list[int]) -> list[np.ndarray]:
    bounds = np.concatenate([[0], np.cumsum(counts)]).astype(int)
    return [sentence_vectors[bounds[i]:bounds[i + 1]] for i in range(len(counts))]


def passage_points(passages: list, tokens: dict[str, list[list[str]]], metadata: dict[str, dict],
                   passage_vectors: np.ndarray, sentences: list[np.ndarray],
                   average: dict[str, float]) -> list[models.PointStruct]:
    """Points of passages; tokens, vectors and sentence vectors in the same order."""
    points = []
    for row, passage in enumerate(passages):
        terms = {view: tokens[view][row] for view in tokens}
        indices, values = passage_vector(terms, average)
        vectors = {"dense": passage_vectors[row].astype(np.float32).tolist(),
                   "lexical": models.SparseVector(indices=indices, values=values)}
        if len(sentences[row]):  # a multivector may not be empty: a passage without sentences has none
            # float16 as the embedded store keeps them, so both backends read the same cosines.
            vectors["sentences"] = sentences[row].astype(np.float16).astype(np.float32).tolist()
        points.append(models.PointStruct(id=point_id(passage.id), vector=vectors,
                                         payload=passage_payload(passage, metadata[passage.doc_id], terms)))
    return points


def write_passages(target: QdrantTarget, collection: str, passages: list, tokens: dict[str, list[list[str]]],
                   metadata: dict[str, dict], passage_vectors: np.ndarray, sentence_vectors: np.ndarray,
                   average: dict[str, float]) -> None:
    """Upserted a batch at a time: points as Python lists take far more memory than the arrays."""
    client = target.connect()
    sentences = split_sentences(sentence_vectors, [len(p.sentences) for p in passages])
    for start in range(0, len(passages), UPSERT_BATCH):
        end = start + UPSERT_BATCH
        batch_tokens = {view: lists[start:end] for view, lists in tokens.items()}
        points = passage_points(passages[start:end], batch_tokens, metadata, passage_vectors[start:end],
                                sentences[start:end], average)
        client.upsert(collection, points=points, wait=True)


def create_collection(target: QdrantTarget, name: str, dimension: int) -> None:
    client = target.connect()
    client.create_collection(
        name,
        vectors_config={
            "dense": models.VectorParams(size=dimension, distance=models.Distance.DOT),
            "sentences": models.VectorParams(size=dimension, distance=models.Distance.DOT,
                                             datatype=models.Datatype.FLOAT16,
                                             multivector_config=models.MultiVectorConfig(
                                                 comparator=models.MultiVectorComparator.MAX_SIM),
                                             hnsw_config=models.HnswConfigDiff(m=0)),
        },
        sparse_vectors_config={"lexical": models.SparseVectorParams(modifier=models.Modifier.IDF)},
        shard_number=target.shards, replication_factor=target.replication_factor)
    with warnings.catch_warnings():  # local mode (tests, trials) scans instead, and says so each time
        warnings.filterwarnings("ignore", message="Payload indexes have no effect in the local Qdrant")
        for field in KEYWORD_FIELDS:
            client.create_payload_index(name, field, models.PayloadSchemaType.KEYWORD)
        for field in INTEGER_FIELDS:
            client.create_payload_index(name, field, models.PayloadSchemaType.INTEGER)


def build_collection(target: QdrantTarget, build_name: str, documents: list, passages: list,
                     passage_vectors: np.ndarray, sentence_vectors: np.ndarray) -> dict:
    """Every passage into a new collection, then the alias moved to it; the manifest's part."""
    collection = f"{target.collection}-{build_name}"
    dimension = passage_vectors.shape[1]
    tokens = view_tokens([p.text for p in passages])
    average = average_lengths(tokens)
    create_collection(target, collection, dimension)
    try:
        write_passages(target, collection, passages, tokens, {d.id: d.metadata for d in documents},
                       passage_vectors, sentence_vectors, average)
    except BaseException:
        target.connect().delete_collection(collection)  # never served: nothing names it
        raise
    previous = move_alias(target, collection)
    remove_old_collections(target, keep={collection, previous})
    return describe_collection(collection, len(passages), dimension, average)


def move_alias(target: QdrantTarget, collection: str) -> str | None:
    """Point the alias at collection in one request, so searches by the alias see the old
    collection or the new one, never none; returns the one it named before."""
    client = target.connect()
    before = next((a.collection_name for a in client.get_aliases().aliases if a.alias_name == target.collection),
                  None)
    operations = []
    if before is not None:
        operations.append(models.DeleteAliasOperation(delete_alias=models.DeleteAlias(alias_name=target.collection)))
    operations.append(models.CreateAliasOperation(create_alias=models.CreateAlias(
        collection_name=collection, alias_name=target.collection)))
    client.update_collection_aliases(change_aliases_operations=operations)
    return before


def remove_old_collections(target: QdrantTarget, keep: set) -> None:
    """Builds' collections but the one in service and the one before it, which the index folder
    kept beside the served one still names (as index.build keeps two build folders)."""
    client = target.connect()
    prefix = f"{target.collection}-build-"
    for old in (c.name for c in client.get_collections().collections):
        if old.startswith(prefix) and old not in keep:
            client.delete_collection(old)


def update_collection(target: QdrantTarget, description: dict, documents: list, passages: list,
                      changed: set[str], passage_vectors: np.ndarray, sentence_vectors: np.ndarray) -> dict:
    """The points of the `changed` documents (added, replaced or removed) made those of `passages`
    (theirs only): new points written first, then their old points no longer used deleted, so a
    replaced document is never missing from search meanwhile."""
    collection, average = description["collection"], description["average_lengths"]
    write_passages(target, collection, passages, view_tokens([p.text for p in passages]),
                   {d.id: d.metadata for d in documents}, passage_vectors, sentence_vectors, average)
    if changed:
        kept = [point_id(p.id) for p in passages]
        stale = models.Filter(must=[models.FieldCondition(key="doc_id", match=models.MatchAny(any=sorted(changed)))],
                              must_not=[models.HasIdCondition(has_id=kept)] if kept else None)
        target.connect().delete(collection, points_selector=models.FilterSelector(filter=stale), wait=True)
    count = target.connect().count(collection, exact=True).count
    return describe_collection(collection, count, dense_dimension(target, collection), average)


def dense_dimension(target: QdrantTarget, collection: str) -> int:
    return target.connect().get_collection(collection).config.params.vectors["dense"].size
