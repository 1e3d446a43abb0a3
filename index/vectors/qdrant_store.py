"""The second VectorStore backend: passages as points of a Qdrant collection, for an index that
outgrows one machine. Searches and lookups go to Qdrant; the index folder keeps what it keeps for
the embedded backend (manifest, documents, passages) but no vector files.

A point per passage, its id derived from the passage id (so a changed passage overwrites its
point and rows may move without touching the collection):

    "dense"      the e5 passage vector (dot product: vectors are normalised, as FAISS's inner product)
    "lexical"    BM25 weights of both lexical views, IDF applied by Qdrant (`index.vectors.sparse_bm25`)
    "sentences"  the passage's sentence vectors as a multivector, rounded to float16 as the embedded
                 store keeps them; never searched, so it has no HNSW graph
    payload      `index.vectors.qdrant_payload`

`qa index build` fills a new collection `<name>-build-<n>` and moves the alias `<name>` to it in one
call; an administrator's change updates the collection in service in place, points of the changed
documents only. Searches name the collection the index was built into, not the alias, so an index
folder and its points stay together when the alias moves on.
"""

import uuid

import numpy as np

from index.vectors.base import Ranking
from index.vectors.lexical import BM25_PARAMETERS
from index.vectors.qdrant_target import QdrantTarget
from index.vectors.sparse_bm25 import query_vector

UPSERT_BATCH = 128
POINT_NAMESPACE = uuid.UUID("6f1e0a52-3c1b-4d2a-9a57-6b0e64c1d0a7")


def point_id(passage_id: str) -> str:
    return str(uuid.uuid5(POINT_NAMESPACE, passage_id))


class QdrantStore:
    def __init__(self, client, collection: str, passages: list, average: dict[str, float]):
        self.client, self.collection, self.average = client, collection, average
        self.point_ids = [point_id(p.id) for p in passages]
        self.rows = {pid: row for row, pid in enumerate(self.point_ids)}
        self.sentence_counts = [len(p.sentences) for p in passages]
        self._passage_count = client.count(collection, exact=True).count
        vectors = client.get_collection(collection).config.params.vectors
        self._dimension = vectors["dense"].size
        self._frequencies: dict[tuple[str, str], int] = {}

    @classmethod
    def open(cls, target: QdrantTarget, description: dict, passages: list) -> "QdrantStore":
        """The collection an index's manifest names, over that index's passages."""
        client, collection = target.connect(), description["collection"]
        if not client.collection_exists(collection):
            raise LookupError(f"Qdrant has no collection {collection!r}")
        return cls(client, collection, passages, description["average_lengths"])

    # Searching

    @property
    def passage_count(self) -> int:
        return self._passage_count

    @property
    def dimension(self) -> int:
        return self._dimension

    def dense_search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None,
                     filters: dict | None = None) -> Ranking:
        return self._search(np.asarray(vector, dtype=np.float32).tolist(), "dense", k, allowed, filters)

    def lexical_search(self, tokens: dict[str, list[str]], k: int, allowed: np.ndarray | None = None,
                       filters: dict | None = None) -> Ranking:
        from qdrant_client import models

        indices, values = query_vector(tokens)
        if not indices:
            return []
        return self._search(models.SparseVector(indices=indices, values=values), "lexical", k, allowed, filters)

    def _search(self, query, using: str, k: int, allowed: np.ndarray | None, filters: dict | None) -> Ranking:
        points = self.client.query_points(self.collection, query=query, using=using, limit=k,
                                          query_filter=self._filter(allowed, filters), with_payload=False).points
        # A point without a row was added after this index was loaded (an update in flight): skipped.
        return [(self.rows[str(p.id)], float(p.score)) for p in points if str(p.id) in self.rows]

    def _filter(self, allowed: np.ndarray | None, filters: dict | None):
        from index.vectors.qdrant_payload import payload_filter, rows_filter

        if filters and (translated := payload_filter(filters)) is not None:
            return translated
        if allowed is None:
            return None
        return rows_filter([self.point_ids[row] for row in allowed])

    def document_frequency(self, view: str, token: str) -> int:
        from qdrant_client import models

        key = (view, token)
        if key not in self._frequencies:
            condition = models.FieldCondition(key=f"terms.{view}", match=models.MatchValue(value=token))
            self._frequencies[key] = self.client.count(self.collection, count_filter=models.Filter(must=[condition]),
                                                       exact=True).count
        return self._frequencies[key]

    def sentence_similarities(self, row: int, vector: np.ndarray) -> np.ndarray:
        if self.sentence_counts[row] == 0:
            return np.zeros(0, dtype=np.float32)
        point = self.client.retrieve(self.collection, ids=[self.point_ids[row]], with_vectors=["sentences"],
                                     with_payload=False)[0]
        return np.asarray(point.vector["sentences"], dtype=np.float32) @ vector

    def stored_vectors(self) -> tuple[np.ndarray | None, np.ndarray]:
        """Every vector, read back in row order; (None, no sentences) when the collection does not
        hold exactly this index's passages, so a rebuild embeds afresh rather than misplace one."""
        found: dict[str, dict] = {}
        offset = None
        while True:
            points, offset = self.client.scroll(self.collection, limit=256, offset=offset, with_payload=False,
                                                with_vectors=["dense", "sentences"])
            found.update((str(p.id), p.vector) for p in points)
            if offset is None:
                break
        nothing = (None, np.zeros((0, self.dimension), dtype=np.float16))
        if set(found) != set(self.point_ids):
            return nothing
        sentences = [np.asarray(found[pid].get("sentences", []), dtype=np.float16).reshape(-1, self.dimension)
                     for pid in self.point_ids]
        if [len(s) for s in sentences] != self.sentence_counts:
            return nothing
        passage_vectors = np.asarray([found[pid]["dense"] for pid in self.point_ids], dtype=np.float32)
        return passage_vectors, np.concatenate(sentences) if sentences else nothing[1]

    def describe(self) -> dict:
        return describe_collection(self.collection, self._passage_count, self._dimension, self.average)

    def save(self, directory) -> None:
        """Nothing to write: the points are in Qdrant, the manifest names their collection."""


def describe_collection(collection: str, count: int, dimension: int, average: dict[str, float]) -> dict:
    return {"vector_store": "qdrant", "dense_index": {"type": "qdrant", "vectors": count},
            "dimension": dimension, "bm25": BM25_PARAMETERS,
            "qdrant": {"collection": collection, "average_lengths": average}}
