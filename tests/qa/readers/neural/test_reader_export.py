"""The export keeps what the model computes: pruned tokenizer, int8 ONNX and the PyTorch model
agree on a handful of corpus sentences (slow: exports the real 12-layer backbone)."""

import json

import numpy as np
import onnxruntime
import pytest
import torch

from qa.readers.neural.bundle import bundle_tokenizer
from qa.readers.neural.export import export_onnx, load_trained, prune_embeddings, quantise
from qa.readers.neural.reading import onnx_logits, torch_logits
from qa.readers.neural.vocabulary import kept_ids, pruned_tokenizer_json, used_token_ids
from qa.readers.neural.windows import cut_windows

pytestmark = pytest.mark.slow
QUESTIONS = ["Tỷ lệ phủ sóng 4G của Quảng Ninh là bao nhiêu?", "Nghị quyết 09-NQ/TU ban hành ngày nào?"]
CONTEXTS = ["Tỷ lệ phủ sóng 4G đạt 99,8% dân số, hơn 3,4 triệu tài khoản đã được mở.",
            "Ngày 5/2/2022, Ban Thường vụ Tỉnh ủy đã ban hành Nghị quyết số 09-NQ/TU về chuyển đổi số."]


@pytest.fixture(scope="module")
def exported(bundled_model_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("reader")
    torch.manual_seed(0)
    tokenizer, model = load_trained(bundled_model_dir, bundled_model_dir)  # a random, seeded answer head
    model.eval()
    tokenizer_json = json.loads((bundled_model_dir / "tokenizer.json").read_text(encoding="utf-8"))
    kept = kept_ids(used_token_ids(tokenizer, QUESTIONS + CONTEXTS), tokenizer_json)
    (folder / "tokenizer.json").write_text(json.dumps(pruned_tokenizer_json(tokenizer_json, kept)), encoding="utf-8")
    original = torch_logits(model, tokenizer.pad_token_id)(cut_windows(tokenizer, QUESTIONS, CONTEXTS, 128, 32))
    prune_embeddings(model, kept)
    export_onnx(model, folder / "float.onnx")
    quantise(folder / "float.onnx", folder / "reader.onnx")
    return folder, tokenizer, original


def test_the_pruned_tokenizer_splits_the_texts_as_the_original(exported):
    folder, tokenizer, _ = exported
    pruned = bundle_tokenizer(folder)
    for text in QUESTIONS + CONTEXTS:
        assert pruned.tokenize(text) == tokenizer.tokenize(text)
    assert pruned.unk_token_id == 3 and pruned("xin chào")["input_ids"][0] == 0


def test_the_int8_model_computes_what_the_pytorch_model_did(exported):
    folder, _, (start, end) = exported
    pruned = bundle_tokenizer(folder)
    session = onnxruntime.InferenceSession(str(folder / "reader.onnx"), providers=["CPUExecutionProvider"])
    int8_start, int8_end = onnx_logits(session, pruned.pad_token_id)(cut_windows(pruned, QUESTIONS, CONTEXTS, 128, 32))
    for ours, theirs in ((int8_start, start), (int8_end, end)):
        assert np.corrcoef(ours.ravel(), theirs.ravel())[0, 1] > 0.98
