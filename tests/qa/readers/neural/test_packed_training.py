"""Training from a pack on a machine with PyTorch alone: the plain-PyTorch network computes what
`transformers` computes, windows survive the trip, and a tiny packed run returns shards that merge
into a checkpoint `qa reader export` reads."""

import json
import random

import numpy as np
import pytest
import torch

from qa.readers.neural.encoder import SpanReader
from qa.readers.neural.pack import (CONFIG, EMBEDDINGS, WEIGHTS, WINDOWS, checkpoint_from_shards, int8_rows,
                                    packed_weights, write_windows)
from qa.readers.neural.packed_training import (FROZEN, WindowSet, from_int8_rows, read_windows, train,
                                               unpacked_weights)
from qa.readers.neural.windows import NO_ANSWER, Window

TINY = {"hidden_size": 16, "num_attention_heads": 2, "num_hidden_layers": 2, "intermediate_size": 32,
        "vocab_size": 40, "max_position_embeddings": 64, "type_vocab_size": 1, "pad_token_id": 1,
        "layer_norm_eps": 1e-12, "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1}


def window(example: int, question: list[int], context: list[int], label=NO_ANSWER) -> Window:
    ids = [0] + question + [2, 2] + context + [2]
    first = len(question) + 3
    mask = [first <= i < first + len(context) for i in range(len(ids))]
    return Window(example, ids, mask, [(0, 0)] * len(ids), label)


def toy_windows(count: int, seed: int) -> list[Window]:
    rng = random.Random(seed)
    windows = []
    for number in range(count):
        context = [rng.randrange(5, 40) for _ in range(rng.randrange(4, 12))]
        answer = rng.randrange(len(context))
        label = (4 + answer, 4 + answer) if number % 3 else NO_ANSWER
        windows.append(window(number, [rng.randrange(5, 40)], context, label))
    return windows


@pytest.mark.slow
def test_the_plain_network_computes_what_transformers_computes(bundled_model_dir):
    from transformers import AutoModelForQuestionAnswering

    torch.manual_seed(0)
    theirs = AutoModelForQuestionAnswering.from_pretrained(bundled_model_dir, local_files_only=True).eval()
    ours = SpanReader(json.loads((bundled_model_dir / "config.json").read_text(encoding="utf-8"))).eval()
    ours.load_state_dict(theirs.state_dict(), strict=False)
    ids = torch.tensor([[0, 100, 200, 2, 2, 300, 400, 500, 2], [0, 100, 2, 2, 300, 2, 1, 1, 1]])
    mask = (ids != 1).long()
    with torch.no_grad():
        expected = theirs(input_ids=ids, attention_mask=mask)
        start, end = ours(ids, mask)
    real = mask.bool()
    assert torch.allclose(start[real], expected.start_logits[real], atol=1e-4)
    assert torch.allclose(end[real], expected.end_logits[real], atol=1e-4)


def test_int8_rows_stay_within_half_a_step_of_the_weights():
    matrix = torch.randn(64, 128)
    packed = int8_rows(matrix)
    step = matrix.abs().amax(dim=1, keepdim=True) / 127
    assert ((from_int8_rows(packed) - matrix).abs() <= step / 2 + 1e-7).all()


def test_small_tensors_travel_as_they_are_and_the_word_embeddings_not_at_all():
    weights = {"big": torch.randn(128, 64), "bias": torch.randn(64), FROZEN: torch.randn(100, 64)}
    back = unpacked_weights(packed_weights(weights))
    assert set(back) == {"big", "bias"}
    assert torch.equal(back["bias"], weights["bias"])


def test_windows_come_back_token_for_token_with_their_readable_tokens(tmp_path):
    windows = toy_windows(7, seed=1)
    write_windows(tmp_path / WINDOWS, {"train0": windows})
    unpacked = WindowSet(read_windows(tmp_path / WINDOWS)["train0"])
    batch = unpacked.batch([2, 5], pad_id=1, device="cpu")
    for row, original in zip(range(2), (windows[2], windows[5])):
        length = len(original.input_ids)
        assert batch["ids"][row, :length].tolist() == original.input_ids
        assert batch["ids"][row, length:].eq(1).all()
        assert batch["readable"][row].tolist()[:length] == [i == 0 or m for i, m in enumerate(original.context_mask)]
        assert tuple(batch["labels"][row].tolist()) == original.label


def test_a_tiny_packed_run_returns_shards_that_merge_into_a_checkpoint(tmp_path):
    pack, out = tmp_path / "pack", tmp_path / "out"
    pack.mkdir()
    torch.manual_seed(0)
    start = SpanReader(TINY).state_dict()
    (pack / CONFIG).write_text(json.dumps(TINY), encoding="utf-8")
    torch.save(packed_weights(start), pack / WEIGHTS)
    torch.save(int8_rows(start[FROZEN]), pack / EMBEDDINGS)
    write_windows(pack / WINDOWS, {"train0": toy_windows(64, seed=2), "train1": toy_windows(64, seed=3),
                                   "validation": toy_windows(16, seed=4)})
    summary = train(pack, out, seconds=60, batch_size=8, learning_rate=1e-3, warmup_share=0.1, seed=0)
    assert summary["steps"] == 16 and len(summary["epochs"]) == 2
    merged = checkpoint_from_shards(out, tmp_path / "checkpoint.pt")
    weights = torch.load(tmp_path / "checkpoint.pt", weights_only=False)["weights"]
    assert merged == len(start) - 1 and FROZEN not in weights
    model = SpanReader(TINY)
    missing = model.load_state_dict(weights, strict=False).missing_keys
    assert missing == [FROZEN]
    moved = [name for name in weights if not torch.allclose(weights[name], start[name], atol=1e-2)]
    assert moved, "training changed no weight"
    assert np.isfinite(json.loads((out / "packed_training_log.json").read_text())[-1]["validation"]["loss"])
