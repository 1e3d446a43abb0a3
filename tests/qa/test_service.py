"""QAService takes plain arguments; the settings become them in one place."""

import pytest

from index.embedder import HashingEmbedder
from qa.service import QAService
from qa.settings import Settings


def test_the_service_needs_an_embedder_or_a_model_name(tmp_path):
    with pytest.raises(ValueError, match="needs an embedder or the name of an embedding model"):
        QAService(tmp_path / "index", tmp_path / "corpus")


def test_settings_become_the_service_arguments(tmp_path):
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus", embed_model="hashing-fake",
                        dense_weight=0.7, min_confidence=0.2, reader_min_score=0.4, answer_cache_size=3,
                        model_workers=2)
    service = QAService(**settings.service_arguments(), embedder=HashingEmbedder())
    assert (service.index_dir, service.corpus_dir) == (tmp_path / "index", tmp_path / "corpus")
    assert (service.dense_weight, service.min_confidence, service.reader_min_score) == (0.7, 0.2, 0.4)
    assert service.reader_model is None and service.answers.size == 3


def test_a_loaded_service_answers_from_its_index(fake_index, tmp_path):
    service = QAService(fake_index.path, tmp_path, embedder=HashingEmbedder())
    service.load()
    assert service.load_error is None
    assert service.ask("Tỷ lệ phủ sóng 4G của Quảng Ninh đạt bao nhiêu?", 5, None).answer == "99,8%"
