"""Fine-tune the bundled e5-small encoder as an extractive reader with a no-answer score.

Made to be practical on two CPU cores: the embeddings (the 250k-row word matrix is most of the
model's size, and tokens seen once would only drift) and the lowest layers frozen, so backward
stops above them; batches of windows of like length; bf16 autocast only where the CPU has bf16
instructions (without them, as on AVX2-only machines, bf16 matmuls were 100x slower than fp32 here); a checkpoint every few minutes that `--resume` continues from (same data order, same step),
and validation F1 on held-out Vietnamese questions logged as training goes.
"""

import contextlib
import json
import logging
import random
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from tqdm import tqdm

from qa.readers.neural.packed_training import length_batches as rows_of_like_length
from qa.readers.neural.reading import f1_and_exact, read_examples, torch_logits
from qa.readers.neural.training_data import Example, epoch_examples, parse_mix, validation_examples
from qa.readers.neural.windows import NO_ANSWER, Window, cut_windows, labelled

logger = logging.getLogger(__name__)
CHECKPOINT = "checkpoint.pt"
FROZEN = "roberta.embeddings.word_embeddings.weight"


@dataclass
class TrainingPlan:
    backbone: Path
    out_dir: Path
    mix: list[str]
    data_dir: Path
    backup_dir: Path | None = None
    validation_sources: list[str] = field(default_factory=lambda: ["viquad1.dev"])
    validation_size: int = 300
    epochs: int = 1
    batch_size: int = 16
    learning_rate: float = 1e-4
    warmup_share: float = 0.04
    max_length: int = 160
    stride: int = 48
    frozen_layers: int = 4  # lowest encoder layers kept as the backbone has them
    precision: str = "auto"  # "fp32", "bf16", or "auto": bf16 where the CPU has bf16 instructions
    negative_rate: float = 0.3  # share of answerable questions also paired with another context
    window_negative_rate: float = 0.3  # share of a context's answerless windows kept
    unaccented_rate: float = 0.0  # share of questions typed without diacritics
    checkpoint_minutes: float = 8.0
    threads: int = 2
    seed: int = 13


def load_model(backbone: Path, frozen_layers: int = 0):
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(backbone, local_files_only=True)
    model = AutoModelForQuestionAnswering.from_pretrained(backbone, local_files_only=True)
    frozen = ("roberta.embeddings.",) + tuple(f"roberta.encoder.layer.{i}." for i in range(frozen_layers))
    for name, parameter in model.named_parameters():
        if name.startswith(frozen):
            parameter.requires_grad_(False)
    return tokenizer, model


def has_bf16_instructions() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def precision_context(precision: str):
    use_bf16 = precision == "bf16" or (precision == "auto" and has_bf16_instructions())
    return torch.autocast("cpu", dtype=torch.bfloat16) if use_bf16 else contextlib.nullcontext()


def training_windows(tokenizer, examples: list[Example], plan: TrainingPlan, rng: random.Random) -> list[Window]:
    """Labelled windows; answerless windows of an answerable question's own context are thinned."""
    windows = cut_windows(tokenizer, [e.question for e in examples], [e.context for e in examples],
                          plan.max_length, plan.stride)
    by_example: dict[int, list[Window]] = {}
    for window in windows:
        by_example.setdefault(window.example, []).append(labelled(window, examples[window.example].answer))
    kept = []
    for number, group in by_example.items():
        if examples[number].answer is None:
            kept += rng.sample(group, min(1, len(group)))  # one window of a context without the answer
            continue
        kept += [w for w in group if w.label != NO_ANSWER or rng.random() < plan.window_negative_rate]
    return kept


def length_batches(windows: list[Window], batch_size: int, rng: random.Random) -> list[list[Window]]:
    """Batches of like-length windows, in a random order (the same as packed training's)."""
    lengths = [len(w.input_ids) for w in windows]
    return [[windows[i] for i in batch] for batch in rows_of_like_length(len(windows), lengths, batch_size, rng)]


def as_tensors(batch: list[Window], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(w.input_ids) for w in batch)
    return {
        "input_ids": torch.tensor([w.input_ids + [pad_id] * (width - len(w.input_ids)) for w in batch]),
        "attention_mask": torch.tensor([[1] * len(w.input_ids) + [0] * (width - len(w.input_ids)) for w in batch]),
    }


def readable_mask(batch: list[Window], width: int) -> torch.Tensor:
    """Where an answer may start or end: the context's tokens and the CLS token (no answer)."""
    mask = torch.zeros(len(batch), width, dtype=torch.bool)
    for row, window in enumerate(batch):
        mask[row, :len(window.context_mask)] = torch.tensor(window.context_mask)
        mask[row, 0] = True
    return mask


def span_loss(start_logits, end_logits, batch: list[Window]) -> torch.Tensor:
    mask = readable_mask(batch, start_logits.shape[1])
    starts = torch.tensor([w.label[0] for w in batch])
    ends = torch.tensor([w.label[1] for w in batch])
    start_logits = start_logits.float().masked_fill(~mask, -1e4)
    end_logits = end_logits.float().masked_fill(~mask, -1e4)
    cross_entropy = torch.nn.functional.cross_entropy
    return (cross_entropy(start_logits, starts) + cross_entropy(end_logits, ends)) / 2


def learning_rate(plan: TrainingPlan, epoch: int, step: int, steps: int) -> float:
    """Warm-up, then a linear fall to a tenth within each epoch; each epoch peaks at half the last,
    so every epoch ends on a usable model and more epochs can be added later."""
    peak = plan.learning_rate * 0.5 ** epoch
    warmup = max(1, int(plan.warmup_share * steps)) if epoch == 0 else 0
    if step < warmup:
        return peak * (step + 1) / warmup
    left = (steps - step) / max(1, steps - warmup)
    return peak * (0.1 + 0.9 * left)


def validate(model, tokenizer, examples: list[Example], plan: TrainingPlan) -> dict[str, float]:
    model.eval()
    logits = torch_logits(model, tokenizer.pad_token_id, precision_context(plan.precision))
    readings = read_examples(logits, tokenizer, [e.question for e in examples], [e.context for e in examples],
                             plan.max_length, plan.stride)
    model.train()
    return f1_and_exact([r.text for r in readings], [list(e.answers) for e in examples])


def save_checkpoint(model, optimizer, state: dict, plan: TrainingPlan) -> None:
    weights = {k: v for k, v in model.state_dict().items() if k != FROZEN}  # the rest is small
    path = plan.out_dir / CHECKPOINT
    temporary = path.with_suffix(".tmp")
    torch.save({"weights": weights, "optimizer": optimizer.state_dict(), "state": state,
                "plan": {k: str(v) for k, v in asdict(plan).items()}}, temporary)
    temporary.replace(path)
    if plan.backup_dir:  # a copy outside the work tree survives a fresh checkout
        plan.backup_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, plan.backup_dir / CHECKPOINT)


def restore_checkpoint(model, optimizer, plan: TrainingPlan) -> dict:
    candidates = [plan.out_dir / CHECKPOINT] + ([plan.backup_dir / CHECKPOINT] if plan.backup_dir else [])
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise FileNotFoundError(f"no checkpoint to resume in {plan.out_dir} or {plan.backup_dir}: "
                                f"start without --resume")
    saved = torch.load(path, map_location="cpu", weights_only=False)
    model.load_state_dict(saved["weights"], strict=False)
    optimizer.load_state_dict(saved["optimizer"])
    logger.info("resumed from %s at %s", path, saved["state"])
    return saved["state"]


def log_line(plan: TrainingPlan, record: dict) -> None:
    with (plan.out_dir / "training_log.jsonl").open("a", encoding="utf-8") as log:
        log.write(json.dumps(record, ensure_ascii=False) + "\n")


def train(plan: TrainingPlan, resume: bool = False) -> Path:
    """Train, checkpointing as it goes; returns the directory of the final model."""
    torch.set_num_threads(plan.threads)
    torch.manual_seed(plan.seed)
    plan.out_dir.mkdir(parents=True, exist_ok=True)
    tokenizer, model = load_model(plan.backbone, plan.frozen_layers)
    parts = parse_mix(plan.mix, plan.data_dir)
    sources = set(plan.validation_sources)
    held_out = validation_examples(parts, sources, plan.validation_size, plan.seed)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=plan.learning_rate, weight_decay=0.01)
    state = restore_checkpoint(model, optimizer, plan) if resume else {"epoch": 0, "batch": 0, "seen": 0}
    model.train()
    last_save = time.monotonic()
    for epoch in range(state["epoch"], plan.epochs):
        rng = random.Random(plan.seed * 1000 + epoch)
        examples = epoch_examples(parts, sources, plan.negative_rate, plan.seed * 1000 + epoch, plan.unaccented_rate)
        batches = length_batches(training_windows(tokenizer, examples, plan, rng), plan.batch_size, rng)
        logger.info("epoch %d: %d examples, %d batches", epoch, len(examples), len(batches))
        start = state["batch"] if epoch == state["epoch"] else 0
        progress = tqdm(range(start, len(batches)), initial=start, total=len(batches), desc=f"epoch {epoch}",
                        mininterval=30, smoothing=0.05)
        running = None
        for number in progress:
            batch = batches[number]
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(plan, epoch, number, len(batches))
            with precision_context(plan.precision):
                output = model(**as_tensors(batch, tokenizer.pad_token_id))
            loss = span_loss(output.start_logits, output.end_logits, batch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
            progress.set_postfix(loss=f"{running:.3f}", refresh=False)
            state = {"epoch": epoch, "batch": number + 1, "seen": state["seen"] + len(batch)}
            if time.monotonic() - last_save > plan.checkpoint_minutes * 60:
                save_checkpoint(model, optimizer, state, plan)
                scores = validate(model, tokenizer, held_out, plan)
                log_line(plan, {**state, "loss": round(running, 4), **scores, "time": time.time()})
                logger.info("checkpoint at %s: loss %.3f, validation %s", state, running, scores)
                last_save = time.monotonic()
        state = {"epoch": epoch + 1, "batch": 0, "seen": state["seen"]}
        save_checkpoint(model, optimizer, state, plan)
        scores = validate(model, tokenizer, held_out, plan)
        log_line(plan, {**state, "loss": running, **scores, "time": time.time(), "end_of_epoch": epoch})
        logger.info("epoch %d done: validation %s", epoch, scores)
    final = plan.out_dir / "model"
    model.save_pretrained(final)
    tokenizer.save_pretrained(final)
    return final
