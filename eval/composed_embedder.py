"""Real-model vectors for a large synthetic corpus, at the cost of its few distinct sentences.

Embedding 100,000 passages and their sentences with the real model takes hours on two
cores. A synthetic corpus only recombines a few hundred seed sentences, so this embedder
runs the model once per sentence template (`eval.synthetic.sentence_template`) and gives
every text the normalised mean of its sentences' vectors. The index it builds has the
real model's dimension, neighbourhoods and name, so the server loads it with the real
question encoder; only the build time differs from a real build, which is why the
benchmark reports it apart.
"""

from collections.abc import Callable

import numpy as np

from index.vietnamese.sentences import split_sentences


class ComposedEmbedder:
    def __init__(self, model, template: Callable[[str], str]):
        self.model = model
        self.template = template
        self.vectors: dict[str, np.ndarray] = {}  # template -> the model's vector of its first sentence

    @property
    def model_name(self) -> str:
        return self.model.model_name

    @property
    def dimension(self) -> int:
        return self.model.dimension

    @property
    def sentences_embedded(self) -> int:
        return len(self.vectors)

    def warm_up(self) -> None:
        self.model.warm_up()

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        pieces = [[text[start:end] for start, end in split_sentences(text)] or [text] for text in texts]
        keys = [[self.template(piece) for piece in text_pieces] for text_pieces in pieces]
        self._embed_new(pieces, keys, show_progress)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        rows = {key: row for row, key in enumerate(self.vectors)}
        table = np.stack(list(self.vectors.values()))
        counts = [len(text_keys) for text_keys in keys]
        summed = np.add.reduceat(table[[rows[key] for text_keys in keys for key in text_keys]],
                                 np.cumsum([0, *counts[:-1]]), axis=0)
        return np.ascontiguousarray(summed / np.linalg.norm(summed, axis=1, keepdims=True), dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.model.embed_queries(texts)

    def _embed_new(self, pieces: list[list[str]], keys: list[list[str]], show_progress: bool) -> None:
        new: dict[str, str] = {}
        for text_pieces, text_keys in zip(pieces, keys):
            for piece, key in zip(text_pieces, text_keys):
                if key not in self.vectors:
                    new.setdefault(key, piece)
        if new:
            vectors = self.model.embed_passages(list(new.values()), show_progress=show_progress)
            self.vectors.update(zip(new, vectors))
