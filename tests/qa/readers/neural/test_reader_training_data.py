import json
import random

import pytest

from qa.readers.neural.training_data import (
    Example, MixPart, draw, epoch_examples, hard_negative_contexts, parse_mix, split_validation, to_example)

ROW = {"id": "a:1", "context": "Năm 2023, Quảng Ninh dẫn đầu chỉ số DTI với 16/20 chỉ số thành phần.",
       "question": "Quảng Ninh dẫn đầu chỉ số nào?", "answers": [{"text": "DTI", "answer_start": 36}],
       "is_impossible": False, "source": "demo.train"}


def write_rows(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_parse_mix_reads_weights_and_defaults_to_one(tmp_path):
    write_rows(tmp_path / "a.jsonl", [ROW])
    assert parse_mix(["a.jsonl=0.5", "a.jsonl"], tmp_path) == [MixPart(tmp_path / "a.jsonl", 0.5),
                                                                MixPart(tmp_path / "a.jsonl", 1.0)]


def test_parse_mix_refuses_a_missing_file_and_a_bad_weight(tmp_path):
    with pytest.raises(FileNotFoundError, match="give FILE"):
        parse_mix(["missing.jsonl"], tmp_path)
    write_rows(tmp_path / "a.jsonl", [ROW])
    with pytest.raises(ValueError, match="must be positive"):
        parse_mix(["a.jsonl=0"], tmp_path)
    with pytest.raises(ValueError, match="mix is empty"):
        parse_mix([], tmp_path)


def test_an_example_keeps_the_answer_offsets_and_an_impossible_row_has_none():
    example = to_example(ROW)
    assert example.context[example.answer[0]:example.answer[1]] == "DTI"
    assert to_example({**ROW, "is_impossible": True, "answers": []}).answer is None


def test_validation_sources_are_held_out_whole():
    rows = [ROW, {**ROW, "source": "demo.dev"}]
    kept, held = split_validation(rows, {"demo.dev"})
    assert [r["source"] for r in kept] == ["demo.train"] and [r["source"] for r in held] == ["demo.dev"]


def test_draw_repeats_whole_weights_and_samples_the_fraction():
    rows = list(range(10))
    drawn = draw(rows, 1.5, random.Random(0))
    assert len(drawn) == 15 and set(drawn) == set(rows)


def test_a_hard_negative_shares_rare_words_but_not_the_answer():
    own = "Tỉnh Quảng Ninh đạt 16/20 chỉ số thành phần DTI năm 2023."
    other = "Tỉnh Bắc Ninh đạt 12/20 chỉ số thành phần DTI năm 2023."
    unrelated = "Hà Giang có nhiều núi đá."
    example = Example("Quảng Ninh đạt bao nhiêu chỉ số thành phần DTI?", own, (20, 25), ("16/20",), "demo")
    negatives = hard_negative_contexts([example], [own, other, unrelated], 1.0, random.Random(0))
    assert [n.context for n in negatives] == [other] and negatives[0].answer is None


def test_an_epoch_is_the_same_for_the_same_seed(tmp_path):
    write_rows(tmp_path / "a.jsonl", [ROW, {**ROW, "id": "a:2", "question": "Năm nào?",
                                            "answers": [{"text": "2023", "answer_start": 4}]}])
    parts = parse_mix(["a.jsonl"], tmp_path)
    assert epoch_examples(parts, set(), 0.0, 3) == epoch_examples(parts, set(), 0.0, 3)


def test_a_share_of_questions_lose_their_diacritics_and_the_draw_stays_the_same(tmp_path):
    rows = [{**ROW, "id": f"a:{n}", "question": f"Tỉnh nào xếp thứ {n}?"} for n in range(200)]
    write_rows(tmp_path / "a.jsonl", rows)
    parts = parse_mix(["a.jsonl"], tmp_path)
    accented, folded = epoch_examples(parts, set(), 0.0, 3), epoch_examples(parts, set(), 0.0, 3, unaccented_rate=0.3)
    changed = [(a, f) for a, f in zip(accented, folded) if a != f]
    assert 30 < len(changed) < 90
    assert all(f.question == a.question.replace("Tỉnh nào xếp thứ", "Tinh nao xep thu")
               and f.context == a.context and f.answer == a.answer for a, f in changed)
