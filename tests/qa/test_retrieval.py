import pytest

from qa.retrieval import PassageRetriever, matches_filters


def test_each_mode_ranks_the_passage_sharing_the_words(fake_index):
    retriever = PassageRetriever(fake_index, fake_embedder())
    for mode in ("hybrid", "bm25", "dense"):
        hits = retriever.search("tỷ lệ phủ sóng 4G", k=3, mode=mode)
        assert "99,8%" in hits[0].passage.text, mode


def test_unaccented_question_finds_the_accented_passage(fake_index):
    hits = PassageRetriever(fake_index, fake_embedder()).search("ty le phu song 4G", k=3, mode="bm25")
    assert "99,8%" in hits[0].passage.text


def test_a_question_typed_without_marks_is_read_with_those_its_corpus_writes(fake_index):
    retriever = PassageRetriever(fake_index, fake_embedder())
    question = retriever.analyse("ty le phu song 4G la bao nhieu")
    assert question.expanded.startswith("tỷ lệ phủ sóng 4G là bao nhiêu") and question.fold
    assert retriever.search("ty le phu song 4G", k=1)[0].passage.text == \
        retriever.search("tỷ lệ phủ sóng 4G", k=1)[0].passage.text


def test_filters_keep_only_matching_documents(fake_index):
    retriever = PassageRetriever(fake_index, fake_embedder())
    hits = retriever.search("chỉ số DTI", k=5, filters={"province": "Bắc Ninh"})
    assert hits and {h.passage.doc_id for h in hits} == {"bn"}
    assert retriever.search("chỉ số DTI", k=5, filters={"province": "Hà Nội"}) == []


def test_matches_filters_on_scalars_and_lists():
    metadata = {"province": "Quảng Ninh", "provinces": ["Quảng Ninh", "Bắc Ninh"]}
    assert matches_filters(metadata, {"provinces": "Bắc Ninh"})
    assert matches_filters(metadata, {"province": "Quảng Ninh"})
    assert not matches_filters(metadata, {"province": "Bắc Ninh"})


def test_bad_mode_and_weight_are_rejected(fake_index):
    with pytest.raises(ValueError, match="mode must be one of hybrid, bm25, dense"):
        PassageRetriever(fake_index, fake_embedder()).search("x", mode="sparse")
    with pytest.raises(ValueError, match="dense_weight must be between 0 and 1"):
        PassageRetriever(fake_index, fake_embedder(), dense_weight=2)


def fake_embedder():
    from index.embedder import HashingEmbedder
    return HashingEmbedder()
