"""Follow-up questions rewritten from the last turn: swaps, references, ellipsis, and questions
that stand alone left as they are. Real phrasing, with and without diacritics."""

import json
import random
from pathlib import Path

import pytest

from qa.followups import Turn, resolve_question

ROOT = Path(__file__).resolve().parents[2]


def turns(*pairs):
    """Turns from questions, or (question, answer) pairs; each resolved as itself."""
    return [Turn(p) if isinstance(p, str) else Turn(p[0], answer=p[1]) for p in pairs]


@pytest.mark.parametrize(("history", "question", "resolved"), [
    # a province swapped
    (["Quảng Ninh xếp thứ mấy về DTI năm 2022?"], "còn Bắc Ninh thì sao?", "Bắc Ninh xếp thứ mấy về DTI năm 2022?"),
    (["Quảng Ninh xếp thứ mấy về DTI năm 2022?"], "vậy Bắc Ninh?", "Bắc Ninh xếp thứ mấy về DTI năm 2022?"),
    (["QN xếp thứ mấy về DTI năm 2022?"], "thế còn Bắc Ninh thì sao ạ?", "Bắc Ninh xếp thứ mấy về DTI năm 2022?"),
    # a year swapped, not the target year
    (["Bắc Ninh xếp thứ mấy về DTI năm 2022?"], "năm 2021 thì sao?", "Bắc Ninh xếp thứ mấy về DTI năm 2021?"),
    (["Năm 2020 tỷ lệ hồ sơ nộp trực tuyến ở Quảng Ninh đạt bao nhiêu?"], "còn năm 2019?",
     "Năm 2019 tỷ lệ hồ sơ nộp trực tuyến ở Quảng Ninh đạt bao nhiêu?"),
    # typed without diacritics: the inserted values are too
    (["Bac Ninh xep thu may ve DTI nam 2022"], "con nam 2021 thi sao", "Bac Ninh xep thu may ve DTI nam 2021"),
    (["Bac Ninh xep thu may ve DTI nam 2021"], "con Quang Ninh nam 2022", "Quang Ninh xep thu may ve DTI nam 2022"),
    # a national scope is a place
    (["Tỷ lệ hộ gia đình có kết nối cáp quang ở Quảng Ninh là bao nhiêu?"], "còn cả nước thì sao?",
     "Tỷ lệ hộ gia đình có kết nối cáp quang ở cả nước là bao nhiêu?"),
    # a subject sharing its tail or head word, or a sibling term
    (["Năm 2022 chính quyền số của Quảng Ninh đạt bao nhiêu điểm?"], "còn kinh tế số thì sao?",
     "Năm 2022 kinh tế số của Quảng Ninh đạt bao nhiêu điểm?"),
    (["Nghi quyet 09 cua Quang Ninh co bao nhieu muc tieu ve chinh quyen so?"], "con kinh te so thi sao",
     "Nghi quyet 09 cua Quang Ninh co bao nhieu muc tieu ve kinh te so"),
    (["Quảng Ninh có bao nhiêu tài khoản cá nhân được định danh?"], "còn tài khoản doanh nghiệp?",
     "Quảng Ninh có bao nhiêu tài khoản doanh nghiệp được định danh?"),
    (["Quảng Ninh cung cấp bao nhiêu dịch vụ công trực tuyến mức độ 4?"], "còn mức độ 3 thì sao?",
     "Quảng Ninh cung cấp bao nhiêu dịch vụ công trực tuyến mức độ 3?"),
    (["Có bao nhiêu thủ tục được cung cấp dịch vụ công trực tuyến toàn trình?"], "còn một phần thì sao?",
     "Có bao nhiêu thủ tục được cung cấp dịch vụ công trực tuyến một phần?"),
    # a phrase with nothing to replace is asked the same way, the last question (less what it
    # counted) as its topic
    (["Bắc Ninh đặt mục tiêu kinh tế số chiếm bao nhiêu GRDP đến năm 2030?"], "còn tỷ trọng trong từng ngành?",
     "Tỷ trọng trong từng ngành là bao nhiêu (Bắc Ninh đặt mục tiêu kinh tế số chiếm đến năm 2030)?"),
])
def test_swaps(history, question, resolved):
    assert resolve_question(question, turns(*history)) == resolved


@pytest.mark.parametrize(("history", "question", "resolved"), [
    # the noun as the last question named it, with its number
    (["Kế hoạch 59/KH-UBND của Quảng Ninh có bao nhiêu mục tiêu?"], "kế hoạch đó có bao nhiêu nhiệm vụ?",
     "Kế hoạch 59/KH-UBND có bao nhiêu nhiệm vụ ở Quảng Ninh?"),
    (["Kế hoạch số 37/KH-UBND đề ra bao nhiêu chỉ tiêu?"], "kế hoạch trên được ban hành khi nào?",
     "Kế hoạch số 37/KH-UBND được ban hành khi nào?"),
    (["Chính phủ ban hành Nghị quyết 17/NQ-CP ngày nào?"],
     "đến tháng 8/2020 Quảng Ninh hoàn thành bao nhiêu chỉ tiêu của nghị quyết đó?",
     "Đến tháng 8/2020 Quảng Ninh hoàn thành bao nhiêu chỉ tiêu của Nghị quyết 17/NQ-CP?"),
    (["Quảng Ninh có bao nhiêu Tổ công nghệ số cộng đồng?"], "các tổ này có bao nhiêu thành viên?",
     "Các Tổ công nghệ số cộng đồng có bao nhiêu thành viên ở Quảng Ninh?"),
    # the province of the conversation
    (["Tỷ lệ phủ sóng 4G ở Quảng Ninh là bao nhiêu?"], "tỉnh này có bao nhiêu trạm phát sóng di động?",
     "Tỉnh Quảng Ninh có bao nhiêu trạm phát sóng di động?"),
    (["ty le phu song 4G cua Quang Ninh la bao nhieu"], "so thue bao dien thoai o do dat ty le bao nhieu",
     "So thue bao dien thoai o Quang Ninh dat ty le bao nhieu"),
    # the last answer, when the last question asked for it
    ([("Hội đồng nhân dân tỉnh nào phê duyệt Đề án Chuyển đổi số giai đoạn 2024-2030?", "Bắc Ninh")],
     "tỉnh đó đạt tỷ lệ kích hoạt tài khoản định danh bao nhiêu?",
     "Tỉnh Bắc Ninh đạt tỷ lệ kích hoạt tài khoản định danh bao nhiêu?"),
    ([("Quyết định 1574/QĐ-UBND thành lập hội đồng gì?", "Hội đồng thẩm định Đề án Chính quyền số")],
     "ai làm chủ tịch hội đồng đó?", "Ai làm chủ tịch Hội đồng thẩm định Đề án Chính quyền số?"),
    ([("Bắc Ninh ban hành nghị quyết nào về chuyển đổi số?", "52-NQ/TU")], "nghị quyết đó do cơ quan nào ban hành?",
     "Nghị quyết 52-NQ/TU do cơ quan nào ban hành ở Bắc Ninh?"),
])
def test_references(history, question, resolved):
    assert resolve_question(question, turns(*history)) == resolved


def test_a_reference_reaches_back_past_the_last_turn():
    history = turns("Nghị quyết 09-NQ/TU xác định bao nhiêu mục tiêu?", "Tỷ lệ phủ sóng 4G ở Quảng Ninh là bao nhiêu?")
    assert resolve_question("nghị quyết đó ban hành ngày nào?", history) == \
        "Nghị quyết 09-NQ/TU ban hành ngày nào ở Quảng Ninh?"


@pytest.mark.parametrize(("history", "question", "resolved"), [
    # the question's own count put in the place of the last one's
    (["Kế hoạch 37/KH-UBND đề ra bao nhiêu chỉ tiêu?"], "và bao nhiêu nhiệm vụ?",
     "Kế hoạch 37/KH-UBND đề ra bao nhiêu nhiệm vụ?"),
    (["Nghị quyết 09-NQ/TU xác định bao nhiêu mục tiêu cụ thể?"], "còn bao nhiêu nhiệm vụ, giải pháp?",
     "Nghị quyết 09-NQ/TU xác định bao nhiêu nhiệm vụ, giải pháp?"),
    # a relational noun or a verb with no subject: the last question is its topic
    (["Tỷ lệ doanh nghiệp nộp thuế điện tử ở Quảng Ninh năm 2023 là bao nhiêu?"], "mục tiêu là bao nhiêu?",
     "Mục tiêu là bao nhiêu (Tỷ lệ doanh nghiệp nộp thuế điện tử ở Quảng Ninh năm 2023)?"),
    (["Năm 2023 các nhà mạng cung cấp miễn phí bao nhiêu chữ ký số?"], "đạt bao nhiêu phần trăm mục tiêu?",
     "Đạt bao nhiêu phần trăm mục tiêu (Năm 2023 các nhà mạng cung cấp miễn phí chữ ký số)?"),
])
def test_ellipsis(history, question, resolved):
    assert resolve_question(question, turns(*history)) == resolved


def test_without_history_a_follow_up_is_answered_as_it_is():
    assert resolve_question("còn Bắc Ninh thì sao?", []) == "còn Bắc Ninh thì sao?"


def test_the_resolved_question_of_the_last_turn_is_what_is_rewritten():
    history = [Turn("còn Bắc Ninh thì sao?", resolved_question="Bắc Ninh xếp thứ mấy về DTI năm 2022?")]
    assert resolve_question("năm 2021 thì sao?", history) == "Bắc Ninh xếp thứ mấy về DTI năm 2021?"


@pytest.mark.parametrize("question", [
    "Tình hình chuyển đổi số ở Quảng Ninh như thế nào?",
    "Con số hộ gia đình có cáp quang ở Quảng Ninh là bao nhiêu?",
    "Nghị quyết do cơ quan nào ban hành?",
    "Có bao nhiêu xã trên địa bàn tỉnh có Tổ công nghệ số cộng đồng?",
    "Trong đó có bao nhiêu dự án thành phần đã hoàn thành?",
    "TTHC là gì?",
])
def test_questions_that_stand_alone_are_never_rewritten(question):
    history = turns(("Quảng Ninh xếp thứ mấy về DTI năm 2022?", "thứ 3/63"))
    assert resolve_question(question, history) == question


def read_rows(*names):
    return [json.loads(line) for name in names
            for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_no_question_of_the_gold_dev_and_held_out_sets_is_rewritten_after_another():
    """Every question of those sets stands alone: asked after five others, each comes back as it is."""
    rows = read_rows("gold.jsonl", "dev.jsonl", "heldout.jsonl")
    picker = random.Random(15)
    rewritten = []
    for row in rows:
        for previous in picker.sample(rows, 5):
            history = [Turn(previous["question"], answer=(previous["answers"] or [None])[0])]
            if resolve_question(row["question"], history) != row["question"]:
                rewritten.append((previous["question"], row["question"]))
    assert rewritten == []


def test_the_follow_up_set_is_well_formed():
    corpus = {row["id"]: row["text"] for row in read_rows("../corpus/seeds.jsonl")}
    conversations = read_rows("followups.jsonl")
    assert len(conversations) >= 30
    for conversation in conversations:
        assert 2 <= len(conversation["turns"]) <= 3, conversation["id"]
        assert not conversation["turns"][0]["followup"], "a conversation opens with a question that stands alone"
        for turn in conversation["turns"]:
            assert turn["evidence"] in corpus[turn["doc_id"]]
            assert turn["answers"][0] in turn["evidence"]


def test_a_province_added_to_an_unaccented_question_is_unaccented_too():
    history = turns("ty le phu song 4G cua Quang Ninh la bao nhieu")
    assert resolve_question("con so tram phat song thi bao nhieu", history) == \
        "So tram phat song thi bao nhieu o Quang Ninh"
