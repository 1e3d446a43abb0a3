"""Which reader answers (`QA_READER`): "hybrid" (the default), "neural" or "rules"."""

from collections.abc import Sequence
from pathlib import Path

from index.chunking import Passage
from qa.readers.base import Reader
from qa.readers.neural.budget import ReadingBudget

READERS = ("hybrid", "neural", "rules")


def make_reader(kind: str, corpus: Sequence[Passage], engine=None, min_confidence: float = 0.5,
                reading: ReadingBudget = ReadingBudget()) -> Reader:
    """The reader of that kind over a corpus; `engine` is the shared OnnxReader (loaded once per
    process, not once per index) for the kinds that need it; the neural reader reads within
    `reading` and believes its spans from `min_confidence`, as the hybrid does."""
    from qa.readers.rules.reader import RulesReader

    if kind not in READERS:
        raise ValueError(f"reader must be one of {', '.join(READERS)}, not {kind!r}")
    rules = RulesReader(corpus)
    if kind == "rules":
        return rules
    from qa.readers.hybrid import HybridReader
    from qa.readers.neural.reader import NeuralReader

    neural = NeuralReader(engine, reading, believed_at=min_confidence)
    return neural if kind == "neural" else HybridReader(neural, rules, min_confidence)


def neural_engine(kind: str, folder: Path, threads: int | None = None):
    """The shared ONNX engine, loaded and checked now, or None for the rule-based reader."""
    if kind == "rules":
        return None
    from qa.readers.neural.onnx_reader import OnnxReader

    engine = OnnxReader(folder, threads=threads)
    engine.warm_up()
    return engine
