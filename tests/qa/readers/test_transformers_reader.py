"""The transformers reader on tiny question-answering models built here: nothing is downloaded."""

import json
from pathlib import Path

import pytest
import torch

from qa.readers.transformers_reader import ReaderSpan, TransformersReader

REPOSITORY = Path(__file__).resolve().parents[3]
DOCUMENTS = [json.loads(line)["text"] for line in
             (REPOSITORY / "corpus" / "seeds.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
# Quảng Ninh's resolution on digital transformation; the Bắc Ninh document below never mentions its date.
QUESTION = "Ban Thường vụ Tỉnh ủy ban hành Nghị quyết số 09-NQ/TU ngày nào?"
ANSWER = "5/2/2022"
ANSWER_PARAGRAPH = next(p for p in DOCUMENTS[0].split("\n\n") if ANSWER in p)
PASSAGES = [DOCUMENTS[4].split("\n\n")[3], ANSWER_PARAGRAPH, DOCUMENTS[1].split("\n\n")[0]]
# The answer in a middle window of a passage read in about a dozen windows.
LONG_PASSAGE = "\n\n".join(DOCUMENTS[4].split("\n\n")[:6] + [ANSWER_PARAGRAPH] + DOCUMENTS[4].split("\n\n")[6:12])
WINDOW, STRIDE = 128, 32


def build_tokenizer(texts: list[str]):
    """A small WordPiece tokenizer trained on the corpus, keeping Vietnamese accents."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True, strip_accents=False)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece()
    tokenizer.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=2000, special_tokens=specials))
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    return PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]", model_max_length=512,
                                   model_input_names=["input_ids", "token_type_ids", "attention_mask"])


def tiny_bert_config(vocab_size: int):
    from transformers import BertConfig

    return BertConfig(vocab_size=vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                      intermediate_size=64, max_position_embeddings=512,
                      hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)


@pytest.fixture(scope="module")
def tokenizer():
    return build_tokenizer(DOCUMENTS)


@pytest.fixture(scope="module")
def tiny_model_dir(tokenizer, tmp_path_factory):
    """An untrained BERT question-answering model: its spans are arbitrary but must keep the contract."""
    from transformers import BertForQuestionAnswering

    path = tmp_path_factory.mktemp("tiny-bert-qa")
    torch.manual_seed(0)
    BertForQuestionAnswering(tiny_bert_config(len(tokenizer))).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def answer_windows(tokenizer, text: str) -> list[dict]:
    """The reader's windows of `text` that hold the whole answer, labelled with its token positions."""
    first = text.index(ANSWER)
    encoded = tokenizer(QUESTION, text, truncation="only_second", max_length=WINDOW, stride=STRIDE,
                        return_overflowing_tokens=True, return_offsets_mapping=True)
    windows = []
    for w, offsets in enumerate(encoded["offset_mapping"]):
        context = [i for i, s in enumerate(encoded.sequence_ids(w)) if s == 1]
        starts = [i for i in context if offsets[i][0] == first]
        ends = [i for i in context if offsets[i][1] == first + len(ANSWER)]
        if starts and ends:
            windows.append({"input_ids": encoded["input_ids"][w], "token_type_ids": encoded["token_type_ids"][w],
                            "start_positions": starts[0], "end_positions": ends[0]})
    return windows


@pytest.fixture(scope="module")
def trained_model_dir(tokenizer, tmp_path_factory):
    """The tiny model fitted on one question and its answer, alone and inside a long passage."""
    from transformers import BertForQuestionAnswering

    windows = answer_windows(tokenizer, ANSWER_PARAGRAPH) + answer_windows(tokenizer, LONG_PASSAGE)
    batch = tokenizer.pad([{k: w[k] for k in ("input_ids", "token_type_ids")} for w in windows], return_tensors="pt")
    for label in ("start_positions", "end_positions"):
        batch[label] = torch.tensor([w[label] for w in windows])
    torch.manual_seed(0)
    model = BertForQuestionAnswering(tiny_bert_config(len(tokenizer)))
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(60):
        optimizer.zero_grad()
        model(**batch).loss.backward()
        optimizer.step()
    path = tmp_path_factory.mktemp("trained-bert-qa")
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def reader(tiny_model_dir):
    reader = TransformersReader(str(tiny_model_dir), max_seq_length=WINDOW, doc_stride=STRIDE)
    reader.warm_up()
    return reader


def assert_contract(spans: list[ReaderSpan], passages: list[str]):
    assert spans == sorted(spans, key=lambda s: -s.score)
    for span in spans:
        assert 0 <= span.passage_index < len(passages)
        assert passages[span.passage_index][span.start:span.end] == span.text
        assert span.text and span.text == span.text.strip()
        assert 0.0 <= span.score <= 1.0
    assert len({(s.passage_index, s.start, s.end) for s in spans}) == len(spans)


def test_spans_are_exact_substrings_of_the_passages(reader):
    spans = reader.find_spans(QUESTION, PASSAGES, top_n=10)
    assert len(spans) == 10
    assert_contract(spans, PASSAGES)
    assert reader.find_spans(QUESTION, PASSAGES) == spans[:1]


def test_spans_stay_inside_the_passage_and_within_the_answer_length(tokenizer, reader):
    spans = reader.find_spans(QUESTION, PASSAGES, top_n=30)
    for span in spans:
        assert QUESTION not in span.text
        assert len(tokenizer(span.text, add_special_tokens=False)["input_ids"]) <= reader.max_answer_tokens


def test_long_passages_are_read_in_overlapping_windows(reader):
    long_passage = "\n\n".join([PASSAGES[0]] * 12)  # about 1,200 tokens, ten windows of 128
    spans = reader.find_spans(QUESTION, [long_passage], top_n=40)
    assert_contract(spans, [long_passage])
    assert max(s.start for s in spans) > len(long_passage) // 2


def test_empty_inputs(reader):
    assert reader.find_spans(QUESTION, []) == []
    assert reader.find_spans(QUESTION, ["", "  \n"]) == []
    spans = reader.find_spans(QUESTION, ["", PASSAGES[1]], top_n=3)
    assert {s.passage_index for s in spans} == {1}
    with pytest.raises(ValueError, match="question must not be empty"):
        reader.find_spans("  ", PASSAGES)
    with pytest.raises(ValueError, match="top_n must be at least 1"):
        reader.find_spans(QUESTION, PASSAGES, top_n=0)


def test_a_very_long_question_still_leaves_room_for_the_passage(reader):
    spans = reader.find_spans(" ".join([QUESTION] * 40), PASSAGES, top_n=3)
    assert_contract(spans, PASSAGES)


def test_trained_model_finds_the_answer_also_in_the_middle_of_a_long_passage(trained_model_dir):
    reader = TransformersReader(str(trained_model_dir), max_seq_length=WINDOW, doc_stride=STRIDE)
    best = reader.find_spans(QUESTION, PASSAGES)[0]
    assert (best.passage_index, best.text) == (1, ANSWER)
    assert best.score > 0.5

    best = reader.find_spans(QUESTION, [PASSAGES[0], LONG_PASSAGE])[0]
    assert (best.passage_index, best.start, best.text) == (1, LONG_PASSAGE.index(ANSWER), ANSWER)
    assert best.score > 0.5


def test_an_xlm_roberta_tokenizer_works_too(tmp_path):
    """The bundled embedder's tokenizer: SentencePiece pieces, `</s></s>` between the pair, no type ids."""
    from transformers import AutoTokenizer, XLMRobertaConfig, XLMRobertaForQuestionAnswering

    bundled = REPOSITORY / "models" / "multilingual-e5-small"
    if not (bundled / "tokenizer.json").exists():
        pytest.skip("bundled model not present: run `make model`")
    tokenizer = AutoTokenizer.from_pretrained(bundled, local_files_only=True)
    config = XLMRobertaConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                              intermediate_size=64, max_position_embeddings=514, pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(0)
    XLMRobertaForQuestionAnswering(config).save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    reader = TransformersReader(str(tmp_path), max_seq_length=96, doc_stride=24)
    passages = PASSAGES + ["\n\n".join([PASSAGES[2]] * 5)]
    spans = reader.find_spans(QUESTION, passages, top_n=20)
    assert len(spans) == 20
    assert_contract(spans, passages)


def test_a_model_without_a_question_answering_head_is_refused(tokenizer, tmp_path):
    from transformers import BertModel

    BertModel(tiny_bert_config(len(tokenizer))).save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    with pytest.raises(RuntimeError, match="has no trained question-answering head.*point QA_READER_MODEL"):
        TransformersReader(str(tmp_path)).warm_up()


def test_a_missing_model_says_how_to_fix_it(tmp_path):
    reader = TransformersReader(str(tmp_path / "missing"))
    with pytest.raises(RuntimeError, match="cannot load reader model .* offline: point QA_READER_MODEL at a local"):
        reader.warm_up()
    with pytest.raises(RuntimeError, match="unset it to use the rule-based extractor"):
        TransformersReader("no-such-org/no-such-reader").find_spans(QUESTION, PASSAGES)


def test_settings_are_checked_before_loading():
    with pytest.raises(ValueError, match="reader model must be a question-answering model name or a local path"):
        TransformersReader("")
    with pytest.raises(ValueError, match="max_answer_tokens must be at least 1"):
        TransformersReader("x", max_answer_tokens=0)
    with pytest.raises(ValueError, match="doc_stride must not be negative"):
        TransformersReader("x", doc_stride=-1)
    with pytest.raises(ValueError, match="max_seq_length must exceed doc_stride by at least 32 tokens"):
        TransformersReader("x", max_seq_length=128, doc_stride=100)


def test_the_service_answers_through_the_reader_when_one_is_set(fake_index, tiny_model_dir):
    """QA_READER_MODEL path end to end: the tiny model's span comes back cited like any answer."""
    from fastapi.testclient import TestClient

    from index.embedder import HashingEmbedder
    from qa.api.app import create_app
    from qa.settings import Settings

    settings = Settings(index_dir=fake_index.path, embed_model="hashing-fake",
                        reader_model=str(tiny_model_dir), reader_min_score=0.0)
    with TestClient(create_app(settings, embedder=HashingEmbedder())) as client:
        body = client.post("/v1/ask", json={"question": "Tỷ lệ phủ sóng 4G đạt bao nhiêu?"}).json()
        assert body["answer"]
        citation = body["citations"][0]
        document = client.get(f"/v1/documents/{citation['doc_id']}").json()
        assert document["text"][citation["start"]:citation["end"]] == citation["quote"]
        assert document["text"][body["answer_start"]:body["answer_end"]] == body["answer"]
        assert body["answer"] in citation["quote"]


def test_a_reader_that_cannot_load_leaves_the_service_unhealthy_with_the_reason(fake_index, tmp_path):
    from fastapi.testclient import TestClient

    from index.embedder import HashingEmbedder
    from qa.api.app import create_app
    from qa.settings import Settings

    settings = Settings(index_dir=fake_index.path, embed_model="hashing-fake", reader_model=str(tmp_path / "none"))
    with TestClient(create_app(settings, embedder=HashingEmbedder())) as client:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert "QA_READER_MODEL" in response.json()["detail"]


def test_read_gives_the_pipeline_candidates_at_document_offsets(trained_model_dir):
    import numpy as np

    from index.chunking import Passage
    from qa.question import analyse_question
    from qa.readers.base import Evidence, EvidencePassage

    reader = TransformersReader(str(trained_model_dir), max_seq_length=WINDOW, doc_stride=STRIDE, candidates=2)
    document = DOCUMENTS[0]
    start = document.index(ANSWER_PARAGRAPH)
    end = start + len(ANSWER_PARAGRAPH)
    passage = Passage("p1", "d1", start, end, ANSWER_PARAGRAPH, ((start, end),))
    evidence = Evidence((EvidencePassage(passage, 1.0, document, (0.9,), (1.0,)),), np.zeros(4, np.float32),
                        lambda token: 0, 1)
    candidates = reader.read(analyse_question(QUESTION), evidence)
    assert len(candidates) == 2 and candidates[0].score >= candidates[1].score
    best = candidates[0]
    assert (best.doc_id, best.passage_id, best.text, best.answer_type, best.reader) == ("d1", "p1", ANSWER, "date",
                                                                                         "transformers")
    assert document[best.start:best.end] == ANSWER


def test_the_number_of_candidates_is_checked():
    with pytest.raises(ValueError, match="candidates must be at least 1"):
        TransformersReader("x", candidates=0)
