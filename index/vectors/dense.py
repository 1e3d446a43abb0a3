"""The dense index: FAISS inner product over L2-normalised passage vectors.

Up to EXACT_SEARCH_MAX_VECTORS passages an exact flat index is both fastest to build
and fast enough to search (a 100k x 384 scan is a few ms); above it an IVF index
with ~4*sqrt(n) lists keeps query time flat while searching NPROBE lists keeps
recall near exact.
"""

import math
from pathlib import Path

import faiss
import numpy as np

EXACT_SEARCH_MAX_VECTORS = 200_000
NPROBE = 16


def build_dense_index(vectors: np.ndarray) -> faiss.Index:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    count, dimension = vectors.shape
    if count <= EXACT_SEARCH_MAX_VECTORS:
        index = faiss.IndexFlatIP(dimension)
    else:
        lists = int(4 * math.sqrt(count))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dimension), dimension, lists, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
        index.nprobe = NPROBE
    index.add(vectors)
    return index


def describe(index: faiss.Index) -> dict:
    ivf = faiss.try_extract_index_ivf(index)
    if ivf is None:
        return {"type": "flat", "vectors": index.ntotal}
    return {"type": "ivf", "vectors": index.ntotal, "lists": ivf.nlist, "nprobe": ivf.nprobe}


def save_dense_index(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_dense_index(path: Path) -> faiss.Index:
    """Memory-mapped (the flat codes stay in the page cache, shared between processes): the file
    must not change while loaded, and a published build's never does."""
    index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC)
    if (ivf := faiss.try_extract_index_ivf(index)) is not None:
        ivf.nprobe = NPROBE  # not stored in the file
    return index


def search_dense(index: faiss.Index, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
    """(passage row, cosine) pairs, best first."""
    k = min(k, index.ntotal)
    if k <= 0:
        return []
    scores, rows = index.search(np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32), k)
    return [(int(row), float(score)) for row, score in zip(rows[0], scores[0]) if row >= 0]
