"""Where passages are searched: the VectorStore interface (`base`) and its backends, FAISS + bm25s
files (`faiss_bm25`, the default) and a Qdrant collection (`qdrant_store`, `qdrant_writer`, imported
only when chosen). Only the backends import a search library (faiss, bm25s, qdrant-client)."""

from index.vectors.base import Ranking, VectorStore
from index.vectors.faiss_bm25 import FaissBm25Store

__all__ = ["FaissBm25Store", "Ranking", "VectorStore"]
