"""Where passages are searched: the VectorStore interface (`base`) and its backends. Only the
backends import a search library (faiss, bm25s)."""

from index.vectors.base import Ranking, VectorStore
from index.vectors.faiss_bm25 import FaissBm25Store

__all__ = ["FaissBm25Store", "Ranking", "VectorStore"]
