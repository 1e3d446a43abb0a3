"""The shipped neural reader on ONNX Runtime: reads short contexts, returns spans with a calibrated
probability that the context answers the question at all.

Loading checks the bundle first (every file's SHA-256 against the manifest, the tokenizer, the
two logit outputs), so a broken copy fails at start-up with what to do, not on a citizen's question.
"""

import os
from pathlib import Path

from index.offline import forbid_model_downloads
from qa.readers.neural.bundle import (BUNDLED_READER_DIR, MODEL_FILE, REBUILD, ReaderBundleError, bundle_tokenizer,
                                      read_manifest)
from qa.readers.neural.reading import Reading, onnx_logits, read_windows
from qa.readers.neural.windows import cut_windows

OUTPUTS = {"start_logits", "end_logits"}


class OnnxReader:
    """Reads (question, contexts) with the exported int8 model; loads in `warm_up()`."""

    def __init__(self, folder: Path = BUNDLED_READER_DIR, threads: int | None = None, max_length: int | None = None):
        self.folder = Path(folder)
        self.threads = threads or min(2, os.cpu_count() or 1)
        self.max_length = max_length
        self.manifest: dict = {}
        self._session = None
        self._tokenizer = None

    def warm_up(self) -> None:
        if self._session is not None:
            return
        import onnxruntime

        forbid_model_downloads()
        self.manifest = read_manifest(self.folder)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        # Idle threads sleep rather than spin: the question's embedding (torch) runs just before
        # on the same two cores, and spinning ONNX threads slowed each read by a third (p50).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(str(self.folder / MODEL_FILE), options,
                                               providers=["CPUExecutionProvider"])
        if {output.name for output in session.get_outputs()} != OUTPUTS:
            raise ReaderBundleError(f"{self.folder / MODEL_FILE} has no question-answering head "
                                    f"(outputs {sorted(o.name for o in session.get_outputs())}): "
                                    + REBUILD.format(folder=self.folder))
        tokenizer = bundle_tokenizer(self.folder)
        if tokenizer.convert_tokens_to_ids("<unk>") != 3 or tokenizer("xin chào")["input_ids"][0] != 0:
            raise ReaderBundleError(f"{self.folder} has a tokenizer that does not match its model: "
                                    + REBUILD.format(folder=self.folder))
        self._tokenizer, self._session = tokenizer, session

    def count_tokens(self, text: str) -> int:
        """Tokens of a text as the reader reads it (no special tokens)."""
        self.warm_up()
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

    def read(self, question: str, contexts: list[str], stride: int | None = None) -> list[list[Reading]]:
        """For each context, its windows' best spans, best first (empty when none)."""
        self.warm_up()
        if not contexts:
            return []
        max_length = self.max_length or self.manifest["max_length"]
        windows = cut_windows(self._tokenizer, [question] * len(contexts), contexts, max_length,
                              stride if stride is not None else self.manifest["stride"])
        readings = read_windows(onnx_logits(self._session, self._tokenizer.pad_token_id), windows, contexts)
        return [readings.get(n, []) for n in range(len(contexts))]
