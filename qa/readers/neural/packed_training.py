"""Go on training the reader from a training pack (`qa.readers.neural.pack`) on a machine with
PyTorch and numpy alone, typically one with an accelerator and no package registry:

    python -m qa.readers.neural.packed_training PACK_DIR OUT_DIR --seconds 330

It trains every weight but the word embeddings (frozen, as on two cores) with bf16 autocast on
whatever device there is, on batches of like-length windows, within a time budget: after a few
every few hundred steps it measures its recent speed and, if the planned epochs would not fit,
plans fewer steps so the learning rate still falls to zero by the end. (Early steps are several
times slower than later ones, while each new batch shape is met for the first time: on an H200 the
first 45 steps took 0.17 s each, later ones 0.03 s, so the plan is revised as the speed settles.) After each epoch it writes the trained tensors as
bf16 shards of at most 15 MiB into OUT_DIR (so a run cut short still returns its last epoch) and
logs a token-level exact match and loss on the pack's validation windows. Only this module and
`encoder` are imported there: nothing that needs `transformers`.
"""

import argparse
import contextlib
import io
import json
import lzma
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional

from qa.readers.neural.encoder import SpanReader

SHARD_PREFIX = "trained-"
SHARD_BYTES = 15 * 2**20
FROZEN = "roberta.embeddings.word_embeddings.weight"
BUCKET_BATCHES = 50  # windows are sorted by length inside runs of this many batches
REPLAN_STEPS = 200
MAX_ANSWER_TOKENS = 30


def from_int8_rows(packed: dict[str, torch.Tensor]) -> torch.Tensor:
    return packed["int8"].float() * packed["scale"]


def unpacked_weights(packed: dict) -> dict[str, torch.Tensor]:
    return {name: from_int8_rows(v) if isinstance(v, dict) else v for name, v in packed.items()}


def read_windows(path: Path) -> dict[str, dict[str, np.ndarray]]:
    arrays = np.load(io.BytesIO(lzma.decompress(path.read_bytes())))
    sets: dict[str, dict[str, np.ndarray]] = {}
    for name in arrays.files:
        group, key = name.split(".")
        sets.setdefault(group, {})[key] = arrays[name]
    return sets


class WindowSet:
    """One set of packed windows, turned into padded batches on demand."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.lengths = arrays["lengths"].astype(np.int64)
        self.starts = np.concatenate([[0], np.cumsum(self.lengths)[:-1]])
        self.tokens = arrays["tokens"].astype(np.int64)
        self.context = arrays["context"].astype(np.int64)
        self.labels = arrays["labels"].astype(np.int64)
        self.examples = arrays["examples"]

    def __len__(self) -> int:
        return len(self.lengths)

    def batch(self, rows: list[int], pad_id: int, device) -> dict[str, torch.Tensor]:
        width = int(self.lengths[rows].max())
        ids = np.full((len(rows), width), pad_id, dtype=np.int64)
        readable = np.zeros((len(rows), width), dtype=bool)
        for i, row in enumerate(rows):
            ids[i, :self.lengths[row]] = self.tokens[self.starts[row]:self.starts[row] + self.lengths[row]]
            first, end = self.context[row]
            readable[i, first:end] = True
            readable[i, 0] = True  # the CLS token: "no answer"
        as_tensor = {"ids": ids, "readable": readable, "labels": self.labels[rows]}
        batch = {k: torch.from_numpy(v).to(device, non_blocking=True) for k, v in as_tensor.items()}
        batch["mask"] = (batch["ids"] != pad_id).long()
        return batch


def length_batches(count: int, lengths, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Row numbers in batches of like length: shuffled, sorted by length within runs of
    BUCKET_BATCHES batches (little padding, yet no epoch-long sort), the batches shuffled."""
    order = list(range(count))
    rng.shuffle(order)
    run = batch_size * BUCKET_BATCHES
    batches = []
    for first in range(0, count, run):
        chunk = sorted(order[first:first + run], key=lambda i: lengths[i])
        batches += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def span_loss(start, end, batch) -> torch.Tensor:
    start = start.float().masked_fill(~batch["readable"], -1e4)
    end = end.float().masked_fill(~batch["readable"], -1e4)
    return (functional.cross_entropy(start, batch["labels"][:, 0]) +
            functional.cross_entropy(end, batch["labels"][:, 1])) / 2


def load_model(pack: Path, device) -> tuple[SpanReader, dict]:
    config = json.loads((pack / "config.json").read_text(encoding="utf-8"))
    model = SpanReader(config)
    weights = torch.load(pack / "weights.pt", map_location="cpu", weights_only=True)
    state = unpacked_weights(weights)
    state[FROZEN] = from_int8_rows(torch.load(pack / "embeddings.pt", map_location="cpu", weights_only=True))
    model.load_state_dict(state, strict=True)
    model.roberta.embeddings.word_embeddings.weight.requires_grad_(False)
    return model.to(device), config


def save_shards(model: SpanReader, out_dir: Path) -> list[str]:
    shards, current, size = [], {}, 0
    for name, tensor in model.state_dict().items():
        if name == FROZEN:
            continue
        value = tensor.detach().to("cpu", torch.bfloat16).contiguous()
        if current and size + value.numel() * 2 > SHARD_BYTES:
            shards.append(current)
            current, size = {}, 0
        current[name] = value
        size += value.numel() * 2
    shards.append(current)
    names = []
    for number, shard in enumerate(shards):
        path = out_dir / f"{SHARD_PREFIX}{number}.pt"
        torch.save(shard, path.with_suffix(".tmp"))
        path.with_suffix(".tmp").replace(path)
        names.append(path.name)
    return names


@torch.no_grad()
def validate(model, windows: WindowSet, pad_id: int, device, autocast) -> dict[str, float]:
    """Loss, and exact match of the best span per question over its windows against the answer's tokens."""
    model.eval()
    losses, best = [], {}
    for first in range(0, len(windows), 128):
        rows = list(range(first, min(first + 128, len(windows))))
        batch = windows.batch(rows, pad_id, device)
        with autocast:
            start, end = model(batch["ids"], batch["mask"])
        losses.append(span_loss(start, end, batch).item())
        start = start.float().masked_fill(~batch["readable"], -1e4)
        end = end.float().masked_fill(~batch["readable"], -1e4)
        start[:, 0] = end[:, 0] = -1e4  # the best span, whatever the no-answer score
        scores = start[:, :, None] + end[:, None, :]
        allowed = torch.ones_like(scores[0], dtype=torch.bool).triu().tril(MAX_ANSWER_TOKENS - 1)
        scores = scores.masked_fill(~allowed, -1e9).flatten(1)
        value, where = scores.max(dim=1)
        width = start.shape[1]
        for i, row in enumerate(rows):
            example = int(windows.examples[row])
            span = (int(where[i]) // width, int(where[i]) % width)
            right = tuple(windows.labels[row]) == span and windows.labels[row][0] != 0
            if example not in best or value[i].item() > best[example][0]:
                best[example] = (value[i].item(), right)
    model.train()
    return {"loss": round(float(np.mean(losses)), 4),
            "exact": round(sum(r for _, r in best.values()) / max(1, len(best)), 4)}


def train(pack: Path, out_dir: Path, seconds: float, batch_size: int, learning_rate: float,
          warmup_share: float, seed: int, epochs: int | None = None) -> dict:
    """Train for `epochs` passes (default: one per draw the pack holds; more cycle through the
    draws) or fewer if the time budget ends first; returns the steps taken and each epoch's record."""
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(seed)
    began = time.monotonic()
    model, config = load_model(pack, device)
    pad_id = config["pad_token_id"]
    sets = read_windows(pack / "windows.npz.xz")
    draws = [WindowSet(sets[name]) for name in sorted(sets) if name.startswith("train")]
    epochs = [draws[number % len(draws)] for number in range(epochs or len(draws))]
    validation = WindowSet(sets["validation"])
    # bf16 on an accelerator; on a CPU without bf16 instructions it is many times slower than fp32
    autocast = torch.autocast("cuda", dtype=torch.bfloat16) if device.type == "cuda" else contextlib.nullcontext()
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=learning_rate, weight_decay=0.01,
                                  fused=device.type == "cuda")
    rng = random.Random(seed)
    plans = [length_batches(len(w), w.lengths, batch_size, rng) for w in epochs]
    total = sum(len(p) for p in plans)
    warmup = max(1, int(warmup_share * total))
    print(json.dumps({"device": str(device), "windows": [len(w) for w in epochs], "steps": total,
                      "loading_s": round(time.monotonic() - began, 1), "start": validate(model, validation, pad_id,
                                                                                         device, autocast)}),
          flush=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    log, step, lap = [], 0, time.monotonic()
    planned = total
    for number, (windows, batches) in enumerate(zip(epochs, plans)):
        for rows in batches:
            if step >= total:
                break
            if step and step % REPLAN_STEPS == 0:  # fit the plan into the time left, at the recent speed
                per_step, lap = (time.monotonic() - lap) / REPLAN_STEPS, time.monotonic()
                left = seconds - (time.monotonic() - began)
                total = max(step + 1, min(planned, step + int(left / (per_step * 1.15))))
            rate = learning_rate * (step + 1) / warmup if step < warmup else \
                learning_rate * max(0.0, (total - step) / max(1, total - warmup))
            for group in optimizer.param_groups:
                group["lr"] = rate
            batch = windows.batch(rows, pad_id, device)
            with autocast:
                start, end = model(batch["ids"], batch["mask"])
            loss = span_loss(start, end, batch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            if step % REPLAN_STEPS == 0:  # reading the loss waits for the device: only now and then
                print(json.dumps({"epoch": number, "step": step, "of": total, "loss": round(loss.item(), 4),
                                  "elapsed_s": round(time.monotonic() - began, 1)}), flush=True)
        shards = save_shards(model, out_dir)
        record = {"epoch": number, "step": step, "of": total, "elapsed_s": round(time.monotonic() - began, 1),
                  "validation": validate(model, validation, pad_id, device, autocast), "shards": shards}
        log.append(record)
        print(json.dumps(record), flush=True)
        (out_dir / "packed_training_log.json").write_text(json.dumps(log, indent=2), encoding="utf-8")
        if step >= total:
            break
    return {"steps": step, "epochs": log}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pack", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seconds", type=float, default=330, help="time budget, loading included")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=5e-5)
    parser.add_argument("--warmup-share", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, help="passes over the data (default: one per draw in the pack)")
    args = parser.parse_args(argv)
    summary = train(args.pack, args.out, args.seconds, args.batch_size, args.learning_rate, args.warmup_share,
                    args.seed, args.epochs)
    print(json.dumps({"done": summary["steps"]}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
