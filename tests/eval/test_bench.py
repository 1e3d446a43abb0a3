"""The benchmark's pure parts: percentiles, throughput, question mixes, the synthetic corpus,
composed vectors and the tables. No server and no real model: a few seconds."""

import random

import numpy as np
import pytest

from eval.bench_table import markdown_tables
from eval.composed_embedder import ComposedEmbedder
from eval.latency import latency_summary, percentile, speedup, stage_summaries, throughput
from eval.load import LoadRun, letters, new_questions, repeated_questions, tagged_question
from eval.server import memory_kib
from eval.synthetic import (
    PASSAGES_PER_DOCUMENT,
    seed_sentences,
    sentence_template,
    synthetic_documents,
    vary_numbers,
    with_province,
    with_tag,
)
from index.build import build_index, write_jsonl
from index.chunking import MAX_PASSAGE_CHARS, chunk_document
from index.corpus import clean_text
from index.documents import Document
from index.embedder import HashingEmbedder
from index.store import load_index

SEED = Document(id="seed", title="Hạ tầng số", text=(
    "Theo thống kê, 100% dân số tại Quảng Ninh được phủ sóng mạng di động, tỷ lệ phủ sóng 4G đạt 99,8%. "
    "Ngày 5/2/2022, Ban Thường vụ Tỉnh ủy ban hành Nghị quyết số 09-NQ/TU về chuyển đổi số.\n\n"
    "Năm 2022, Bắc Ninh xếp thứ 6/63 tỉnh, thành phố về Chỉ số chuyển đổi số DTI. "
    "Tỉnh đã cung cấp 1.000 dịch vụ công trực tuyến toàn trình cho người dân và doanh nghiệp."))


def test_percentile_interpolates_between_ranks():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == pytest.approx(50.5)
    assert percentile(values, 0.99) == pytest.approx(99.01)
    assert percentile([7.0], 0.95) == 7.0
    assert percentile([3.0, 1.0, 2.0], 1.0) == 3.0


def test_percentile_rejects_empty_input_and_bad_fractions():
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile([1.0], 1.5)


def test_latency_summary_rounds_and_counts():
    summary = latency_summary([10.0, 20.0, 30.0, 40.0])
    assert summary == {"requests": 4, "p50_ms": 25.0, "p95_ms": 38.5, "p99_ms": 39.7, "mean_ms": 25.0}
    assert latency_summary([])["p50_ms"] is None


def test_stage_summaries_read_the_first_asks_of_a_request_log():
    ask = '{{"event": "request", "path": "/v1/ask", "retrieve_ms": {0}, "read_ms": {1}, "extract_ms": 1.0}}'
    lines = ["INFO: started", '{"event": "request", "path": "/healthz"}', ask.format(10.0, 50.0),
             '{"event": "request", "path": "/v1/ask", "status": 422}', ask.format(20.0, 0.0), ask.format(99.0, 99.0)]
    stages = stage_summaries(lines, requests=2)
    assert stages["retrieve"]["requests"] == 2 and stages["retrieve"]["p50_ms"] == 15.0
    assert stages["read"]["p95_ms"] == 47.5 and stages["extract"]["mean_ms"] == 1.0


def test_throughput_and_speedup():
    assert throughput(300, 15.0) == 20.0
    with pytest.raises(ValueError, match="seconds must be positive"):
        throughput(1, 0)
    assert speedup(40.0, 4.0) == 10.0
    assert speedup(None, 4.0) is None


def test_load_run_summary_counts_only_successes_in_throughput():
    run = LoadRun(clients=8, seconds=2.0, latencies_ms=[100.0] * 50, errors=1)
    summary = run.summary()
    assert summary["throughput_rps"] == 25.0
    assert summary["errors"] == 1
    assert summary["requests"] == 50


def test_new_questions_never_repeat_and_repeated_ones_do():
    assert [letters(n) for n in (0, 25, 26, 701, 702)] == ["a", "z", "aa", "zz", "aaa"]
    asked = list(zip(range(1000), new_questions(["Ai?", "Bao nhiêu?"])))
    texts = [text for _, text in asked]
    assert len(set(texts)) == 1000
    assert texts[0] == tagged_question("Ai?", 0) == "Ai? (xqa)"
    assert not any(character.isdigit() for text in texts for character in text)
    cycle = repeated_questions(["Ai?", "Bao nhiêu?"])
    assert [next(cycle) for _ in range(3)] == ["Ai?", "Bao nhiêu?", "Ai?"]


def test_memory_kib_reads_peak_and_current_resident_set():
    status = "Name:\tpython\nVmPeak:\t 900 kB\nVmHWM:\t  812345 kB\nVmRSS:\t  800000 kB\nThreads:\t4\n"
    assert memory_kib(status) == {"VmHWM": 812345, "VmRSS": 800000}


def test_variations_keep_the_shape_of_numbers_and_the_template():
    sentence = "Ngày 5/2/2022, Quảng Ninh ban hành Nghị quyết số 09-NQ/TU, phủ sóng 99,8%."
    varied = with_province(vary_numbers(sentence, random.Random(1)), "Cà Mau")
    assert "Cà Mau" in varied and "Quảng Ninh" not in varied
    assert "-NQ/TU" in varied and varied.count("/") == sentence.count("/")
    year = varied.split(", ")[0].split("/")[-1]
    assert 2015 <= int(year) <= 2030
    assert with_tag(varied, 17).endswith(" (mục 17).")
    assert sentence_template(with_tag(varied, 17)) == sentence_template(sentence)


def test_synthetic_corpus_has_the_passages_asked_for_all_distinct():
    seeds = seed_sentences([SEED])
    assert len(seeds) == 4
    documents = synthetic_documents(seeds, passages=21, seed=3)
    assert len(documents) == 3 and all(d.metadata["source"] == "synthetic" for d in documents)
    assert documents == synthetic_documents(seeds, passages=21, seed=3)  # deterministic
    passages = [p for d in documents for p in chunk_document(d.id, clean_text(d.text))]
    assert len(passages) == 21
    assert all(len(p.text) <= MAX_PASSAGE_CHARS or len(p.sentences) == 1 for p in passages)
    sentences = [p.text[s - p.start:e - p.start] for p in passages for s, e in p.sentences]
    assert len(set(sentences)) == len(sentences)
    assert {sentence_template(s) for s in sentences} <= {sentence_template(s) for s in seeds}
    assert len(documents[0].text.split("\n\n")) == PASSAGES_PER_DOCUMENT


def test_composed_embedder_embeds_each_template_once_and_averages_sentences():
    model = HashingEmbedder()
    composed = ComposedEmbedder(model, sentence_template)
    first, second = "Quảng Ninh có 12 xã.", "Bắc Ninh có 40 phường."
    vectors = composed.embed_passages([f"{first} {second}", "Cà Mau có 99 xã.", second])
    assert composed.sentences_embedded == 2  # "<tỉnh> có 0 xã." and "<tỉnh> có 0 phường."
    expected = model.embed_passages([first])[0] + model.embed_passages([second])[0]
    assert np.allclose(vectors[0], expected / np.linalg.norm(expected))
    assert np.allclose(vectors[1], model.embed_passages([first])[0])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert composed.model_name == model.model_name


def test_a_composed_index_of_a_synthetic_corpus_loads(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "synthetic.jsonl", (d.to_json() for d in synthetic_documents(seed_sentences([SEED]), 12)))
    build_index(corpus, tmp_path / "index", ComposedEmbedder(HashingEmbedder(), sentence_template), show_progress=False)
    index = load_index(tmp_path / "index", embedding_model=HashingEmbedder.model_name)
    assert len(index.passages) == index.vectors.passage_count == 12


def test_markdown_tables_show_every_measurement():
    one_client = {"new_questions": latency_summary([30.0, 40.0]), "repeated_questions": latency_summary([2.0, 3.0]),
                  "cache_speedup_p50": 14.0}
    run = {**LoadRun(8, 10.0, [200.0] * 250).summary(), "mix": "new"}
    serving = {"label": "seed index", "index": {"passages": 131, "bytes": 3 * 1024 * 1024},
               "one_client": one_client, "concurrent": [run],
               "memory_kib": {"after_load": {"VmHWM": 700_000}, "after_runs": {"VmHWM": 750_000, "VmRSS": 600_000}}}
    build = {"label": "synthetic, real model", "vectors": "real model", "passages": 2000, "sentences": 3100,
             "seconds": 600.0, "seconds_per_1000_passages": 300.0, "index_bytes": 20 * 1024 * 1024}
    table = markdown_tables({"builds": {"real": build}, "serving": {"seed": serving}, "settings": {"clients": [8]}})
    assert "| synthetic, real model | 2,000 | 3,100 | real model | 600 s | 300.0 s | 20 MiB |" in table
    assert "| 1 client, new questions: p50 / p95 / p99 | 35 / 39.5 / 39.9 ms |" in table
    assert "| 8 clients, new questions: throughput; p50 / p95 / p99; errors | 25 req/s; 200 / 200 / 200 ms; 0 errors |" in table
    assert "| 8 clients, repeated questions: throughput; p50 / p95 / p99; errors | — |" in table
    assert "14×" in table and "684 MiB / 732 MiB; 586 MiB" in table
