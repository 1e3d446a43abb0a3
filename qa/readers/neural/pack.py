"""Training packs: everything a PyTorch-only machine needs to go on training the reader, small
enough to carry (tens of MB), and the way back from what it returns to a checkpoint here.

A pack holds
- `config.json`: the network's shape and the training settings;
- `weights.pt`: a checkpoint's weights, each matrix as int8 rows with one scale per row (within
  half a step of the float weights; the training there goes on in float from them), small tensors
  in float;
- `embeddings.pt`: the frozen word embeddings of the shipped reader's pruned vocabulary, int8 rows;
- `windows.npz.xz`: training and validation windows, already tokenized by the shipped reader's
  tokenizer, so what is trained on is token for token what the service reads.

The other side (`packed_training`) returns every trained tensor but the word embeddings, as bf16
shards; `checkpoint_from_shards` turns them into a checkpoint `qa reader export --weights` takes.
"""

import io
import json
import lzma
import random
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch

from qa.readers.neural.packed_training import SHARD_PREFIX
from qa.readers.neural.training import FROZEN, TrainingPlan, training_windows
from qa.readers.neural.training_data import Example, MixPart, epoch_examples, validation_examples
from qa.readers.neural.windows import Window, cut_windows, labelled

CONFIG, WEIGHTS, EMBEDDINGS, WINDOWS = "config.json", "weights.pt", "embeddings.pt", "windows.npz.xz"
QUANTISED_MIN_SIZE = 4096  # matrices at least this large travel as int8 rows


def int8_rows(matrix: torch.Tensor) -> dict[str, torch.Tensor]:
    scale = matrix.abs().amax(dim=1, keepdim=True).clamp(min=1e-12) / 127
    return {"int8": torch.round(matrix / scale).to(torch.int8), "scale": scale.float()}


def packed_weights(weights: dict[str, torch.Tensor]) -> dict:
    return {name: int8_rows(t.float()) if t.dim() == 2 and t.numel() >= QUANTISED_MIN_SIZE else t.float()
            for name, t in weights.items() if name != FROZEN}


def original_ids(pruned_tokenizer_json: dict, backbone_tokenizer_json: dict) -> list[int]:
    """For each id of the pruned vocabulary, the backbone's id of the same piece."""
    index = {piece: number for number, (piece, _) in enumerate(backbone_tokenizer_json["model"]["vocab"])}
    return [index[piece] for piece, _ in pruned_tokenizer_json["model"]["vocab"]]


def window_arrays(windows: list[Window]) -> dict[str, np.ndarray]:
    """Windows as flat arrays: tokens end to end, and per window its length, where its context
    starts and ends, and its answer label."""
    spans = []
    for w in windows:
        inside = [i for i, m in enumerate(w.context_mask) if m]
        spans.append((inside[0], inside[-1] + 1) if inside else (0, 0))
    return {
        "tokens": np.array([t for w in windows for t in w.input_ids], dtype=np.uint16),
        "lengths": np.array([len(w.input_ids) for w in windows], dtype=np.int16),
        "context": np.array(spans, dtype=np.int16).reshape(-1, 2),
        "labels": np.array([w.label for w in windows], dtype=np.int16).reshape(-1, 2),
        "examples": np.array([w.example for w in windows], dtype=np.int32),
    }


def validation_windows(tokenizer, examples: list[Example], plan: TrainingPlan) -> list[Window]:
    windows = cut_windows(tokenizer, [e.question for e in examples], [e.context for e in examples],
                          plan.max_length, plan.stride)
    return [labelled(w, examples[w.example].answer) for w in windows]


def write_windows(path: Path, sets: dict[str, list[Window]]) -> None:
    arrays = {f"{name}.{key}": value for name, windows in sets.items()
              for key, value in window_arrays(windows).items()}
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(lzma.compress(buffer.getvalue(), preset=9))


def build_pack(plan: TrainingPlan, parts: list[MixPart], checkpoint: Path, reader_dir: Path, out_dir: Path,
               epochs: int, training: dict) -> dict:
    """Write a pack into out_dir; `epochs` draws of the mix (each its own negatives and unaccented
    questions), `training` the settings the other side trains with. Returns the pack's config."""
    from qa.readers.neural.bundle import TOKENIZER_FILE, bundle_tokenizer

    tokenizer = bundle_tokenizer(reader_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    backbone_config = json.loads((plan.backbone / "config.json").read_text(encoding="utf-8"))
    pruned_json = json.loads((reader_dir / TOKENIZER_FILE).read_text(encoding="utf-8"))
    backbone_json = json.loads((plan.backbone / "tokenizer.json").read_text(encoding="utf-8"))
    ids = torch.tensor(original_ids(pruned_json, backbone_json))
    from safetensors.torch import load_file

    backbone = load_file(plan.backbone / "model.safetensors")
    word = next(v for k, v in backbone.items() if k.endswith("word_embeddings.weight"))
    torch.save(int8_rows(word[ids].float()), out_dir / EMBEDDINGS)
    saved = torch.load(checkpoint, map_location="cpu", weights_only=False)["weights"]
    torch.save(packed_weights(saved), out_dir / WEIGHTS)

    sources = set(plan.validation_sources)
    sets = {}
    for epoch in range(epochs):
        seed = plan.seed * 1000 + 100 + epoch  # draws unlike those of the CPU epochs
        examples = epoch_examples(parts, sources, plan.negative_rate, seed, plan.unaccented_rate)
        sets[f"train{epoch}"] = training_windows(tokenizer, examples, plan, random.Random(seed))
    held_out = validation_examples(parts, sources, plan.validation_size, plan.seed)
    sets["validation"] = validation_windows(tokenizer, held_out, plan)
    write_windows(out_dir / WINDOWS, sets)
    config = {**backbone_config, "vocab_size": len(ids), "epochs": epochs, "training": training,
              "plan": {k: str(v) for k, v in asdict(plan).items()},
              "windows": {name: len(windows) for name, windows in sets.items()}}
    (out_dir / CONFIG).write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    return config


def checkpoint_from_shards(shard_dir: Path, target: Path) -> int:
    """Merge the returned bf16 shards into a checkpoint for `qa reader export`; returns tensors merged."""
    weights: dict[str, torch.Tensor] = {}
    for shard in sorted(shard_dir.glob(f"{SHARD_PREFIX}*.pt")):
        weights.update({k: v.float() for k, v in torch.load(shard, map_location="cpu", weights_only=True).items()})
    if not weights:
        raise FileNotFoundError(f"no {SHARD_PREFIX}*.pt shards in {shard_dir}")
    temporary = target.with_suffix(".tmp")
    torch.save({"weights": weights, "state": {"from": str(shard_dir)}}, temporary)
    temporary.replace(target)
    return len(weights)
