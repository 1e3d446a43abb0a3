"""Following the build another process publishes: a replica sharing the index folder serves it
without a restart, and a build that will not load leaves the current one serving."""

import logging
import logging.handlers
import threading
import time

import pytest

from index.build import build_index
from index.documents import Document
from index.embedder import HashingEmbedder
from index.write_lock import index_write_lock
from qa.build_watch import BuildWatcher, published_build
from qa.service import QAService

NEW_DOCUMENT = Document(id="ha-long-2024", title="Hạ Long số hoá",
                        text="Năm 2024, thành phố Hạ Long có 45 điểm phát wifi miễn phí.")


def replica(fake_index, small_corpus) -> QAService:
    service = QAService(fake_index.path, small_corpus, embedder=HashingEmbedder())
    service.load()
    return service


def test_a_replica_serves_the_build_the_writer_published(fake_index, small_corpus):
    writer, other = replica(fake_index, small_corpus), replica(fake_index, small_corpus)
    assert other.follow_published() is False  # nothing new yet
    writer.save_document(NEW_DOCUMENT)
    assert writer.build_id == published_build(fake_index.path).name != other.build_id
    assert other.follow_published() is True
    assert other.build_id == writer.build_id and "ha-long-2024" in other.index.documents
    assert other.index.path == published_build(fake_index.path)  # loaded from the build, not through the link


def test_a_writer_starts_from_the_build_another_published(fake_index, small_corpus):
    first, second = replica(fake_index, small_corpus), replica(fake_index, small_corpus)
    first.save_document(NEW_DOCUMENT)
    second.delete_document("bn")  # its own index is a build behind: it catches up first
    assert set(second.index.documents) == {"qn", "qn-dvc", "ha-long-2024"}


def test_a_build_that_does_not_load_is_skipped(fake_index, small_corpus):
    # The qa loggers do not propagate once an app configured them: listen on the logger itself.
    warnings = logging.handlers.BufferingHandler(100)
    logging.getLogger("qa.service").addHandler(warnings)
    service = replica(fake_index, small_corpus)
    build_index(small_corpus, fake_index.path, HashingEmbedder(), show_progress=False)
    (published_build(fake_index.path) / "passages.jsonl").write_text("", encoding="utf-8")
    served = service.build_id
    assert service.follow_published() is False and service.follow_published() is False
    assert service.build_id == served and service.index is not None
    logging.getLogger("qa.service").removeHandler(warnings)
    assert [r.getMessage().split(" (")[0] for r in warnings.buffer] == \
        [f"the published build {published_build(fake_index.path).name} did not load"]


def test_a_replica_started_before_any_build_serves_the_first(small_corpus, tmp_path):
    service = QAService(tmp_path / "index", small_corpus, embedder=HashingEmbedder())
    service.load()
    assert service.index is None and "qa index build" in service.load_error
    build_index(small_corpus, tmp_path / "index", HashingEmbedder(), show_progress=False)
    assert service.follow_published() is True and service.index is not None


def test_the_watcher_checks_until_stopped():
    calls = threading.Semaphore(0)

    def check():
        calls.release()
        raise OSError("a poll that fails is logged, and the next one still runs")

    watcher = BuildWatcher(check, 0.01).start()
    assert calls.acquire(timeout=5) and calls.acquire(timeout=5)
    watcher.stop()
    assert not watcher.thread.is_alive()
    with pytest.raises(ValueError, match="seconds must be above 0"):
        BuildWatcher(check, 0)


def test_the_machine_lock_lets_one_writer_in_at_a_time(tmp_path):
    order = []

    def second_writer():
        with index_write_lock(tmp_path / "index"):
            order.append("second")

    with index_write_lock(tmp_path / "index"):
        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join(timeout=5)
    assert order == ["first", "second"]
