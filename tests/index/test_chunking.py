from index.chunking import chunk_document, group_sentences, paragraph_spans, passage_spans

TEXT = (
    "Cách làm sáng tạo\n\n"
    "Để phát triển xã hội số, các địa phương thời gian qua cũng có cách làm hay. "
    "TX Quảng Yên đã triển khai mô hình Chợ 4.0 tại chợ Rừng. "
    "Người dân được hướng dẫn thanh toán không dùng tiền mặt.\n\n"
    "Toàn tỉnh đã có hơn 3,4 triệu tài khoản cá nhân, hơn 60.000 tài khoản doanh nghiệp. "
    "Tỷ lệ phủ sóng 4G đạt 99,8%."
)


def test_paragraph_spans_cover_non_empty_paragraphs():
    spans = paragraph_spans(TEXT)
    assert [TEXT[s:e] for s, e in spans][0] == "Cách làm sáng tạo"
    assert len(spans) == 3


def test_group_sentences_respects_max_chars_but_never_cuts_a_sentence():
    assert group_sentences([(0, 40), (41, 80), (81, 300)], max_chars=100) == [(0, 80), (81, 300)]


def test_short_heading_joins_the_next_passage_and_offsets_hold():
    passages = chunk_document("doc", TEXT, max_chars=500)
    assert passages[0].text.startswith("Cách làm sáng tạo\n\nĐể phát triển")
    for passage in passages:
        assert TEXT[passage.start:passage.end] == passage.text
        assert passage.doc_id == "doc"
    assert [p.id for p in passages] == [f"doc#{n}" for n in range(len(passages))]


def test_passages_never_cross_paragraphs_and_numbers_stay_whole():
    passages = chunk_document("doc", TEXT, max_chars=120)
    assert all("\n\n" not in p.text.split("Cách làm sáng tạo\n\n")[-1] for p in passages)
    joined = " ".join(p.text for p in passages)
    for figure in ("3,4 triệu", "60.000", "99,8%", "4.0"):
        assert figure in joined


def test_trailing_short_paragraph_is_kept():
    text = "Một đoạn văn đủ dài để thành một đoạn riêng biệt trong tài liệu này, hơn tám mươi ký tự.\n\nMinh Hà"
    spans = passage_spans(text)
    assert text[spans[-1][0]:spans[-1][1]].endswith("Minh Hà")
