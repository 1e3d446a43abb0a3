"""Sentence embedders: the real sentence-transformers one and a deterministic fake.

Both return L2-normalised float32 rows so that inner product is cosine similarity.
"""

import hashlib

import numpy as np

from index.offline import forbid_model_downloads

QUERY_PROMPT = "query"
PASSAGE_PROMPT = "passage"


class SentenceEmbedder:
    """Wraps a sentence-transformers model given by a local path or an installed name.

    The model loads in `warm_up()`, not in `__init__`, so settings can be checked
    cheaply and the heavy load happens once, where the caller chooses.
    """

    def __init__(self, model: str, batch_size: int = 32, max_seq_length: int = 512, query_threads: int | None = None):
        if not model:
            raise ValueError("embedding model must be a model name or a local path")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.model_name = model
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self.query_threads = query_threads  # cores one question's encoding may use; None: all
        self._model = None
        self._query_encoder = None

    def warm_up(self) -> None:
        if self._model is not None:
            return
        forbid_model_downloads()
        from sentence_transformers import SentenceTransformer

        try:
            model = SentenceTransformer(self.model_name, device="cpu", local_files_only=True)
        except OSError as error:
            raise RuntimeError(
                f"cannot load embedding model {self.model_name!r} offline: point QA_EMBED_MODEL at a "
                "local sentence-transformers directory, or run `make model` for the bundled one"
            ) from error
        model.max_seq_length = min(self.max_seq_length, model.max_seq_length or self.max_seq_length)
        self._model = model
        self._query_encoder = self._onnx_query_encoder(model)

    def _onnx_query_encoder(self, model):
        from index.onnx_encoder import OnnxQueryEncoder, query_encoder_path

        path = query_encoder_path(self.model_name)
        if not path.is_file():
            return None
        try:
            return OnnxQueryEncoder(path, model.tokenizer, max_length=model.max_seq_length,
                                    threads=self.query_threads)
        except ImportError:  # onnxruntime missing: PyTorch answers, only slower
            return None

    @property
    def dimension(self) -> int:
        self.warm_up()
        return int(self._model.get_embedding_dimension())

    def _encode(self, texts: list[str], prompt_name: str, show_progress: bool) -> np.ndarray:
        self.warm_up()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prompt = prompt_name if prompt_name in (self._model.prompts or {}) else None
        vectors = self._model.encode(texts, prompt_name=prompt, batch_size=self.batch_size,
                                     normalize_embeddings=True, convert_to_numpy=True,
                                     show_progress_bar=show_progress)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return self._encode(texts, PASSAGE_PROMPT, show_progress)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.warm_up()
        if self._query_encoder is None or not texts:
            return self._encode(texts, QUERY_PROMPT, False)
        prefix = (self._model.prompts or {}).get(QUERY_PROMPT, "")
        return self._query_encoder.encode([prefix + text for text in texts])


class HashingEmbedder:
    """Deterministic fake for fast unit tests: bag of hashed lowercase words.

    Texts sharing words get similar vectors, which is enough to test ranking code
    without loading a model.
    """

    model_name = "hashing-fake"

    def __init__(self, dimension: int = 64):
        self.dimension = dimension

    def warm_up(self) -> None:
        pass

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for word in text.lower().split():
            bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
            vector[bucket % self.dimension] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_passages(texts)

