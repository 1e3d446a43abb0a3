"""What the API and CLI share: the loaded index, the embedder and the retriever, and
the one writer that changes the corpus and swaps a rebuilt index in. It takes plain
arguments: the app factory and the CLI turn the settings into them."""

import asyncio
import functools
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from index.build import build_index
from index.corpus import read_corpus
from index.corpus_store import DocumentConflict, delete_document, save_document
from index.documents import Document
from index.embedder import SentenceEmbedder
from index.store import IndexNotReady, LoadedIndex, load_index
from index.write_lock import index_write_lock
from qa.answer_cache import AnswerCache, question_key
from qa.answering import AnswerResult, QuestionAnswerer
from qa.build_watch import published_build
from qa.readers.factory import READERS, make_reader, neural_engine
from qa.readers.neural.budget import ReadingBudget
from qa.readers.neural.bundle import BUNDLED_READER_DIR
from qa.retrieval import PassageRetriever

log = logging.getLogger(__name__)
# What loading a published build may raise when it is missing, half removed or not ours to read.
LOAD_ERRORS = (IndexNotReady, OSError, ValueError, KeyError, RuntimeError)


class QAService:
    """Holds one loaded index at a time; `index` is None until a load succeeds."""

    def __init__(self, index_dir: Path, corpus_dir: Path, *, embedder=None, embed_model: str | None = None,
                 embed_batch_size: int = 32, model_workers: int = 1, dense_weight: float = 0.3,
                 min_confidence: float = 0.5, reader: str = "rules", reader_dir: Path = BUNDLED_READER_DIR,
                 reading: ReadingBudget = ReadingBudget(),
                 reader_model: str | None = None, reader_min_score: float = 0.3, answer_cache_size: int = 1024,
                 qdrant=None, processes: int = 1, shared_answers=None):
        if embedder is None and not embed_model:
            raise ValueError("QAService needs an embedder or the name of an embedding model (embed_model)")
        self.index_dir, self.corpus_dir = Path(index_dir), Path(corpus_dir)
        self.dense_weight, self.min_confidence = dense_weight, min_confidence
        if reader not in READERS:
            raise ValueError(f"reader must be one of {', '.join(READERS)}, not {reader!r}")
        self.reader_kind, self.reader_dir, self.reading = reader, Path(reader_dir), reading
        self.reader_model, self.reader_min_score = reader_model, reader_min_score
        self.answer_cache_size = answer_cache_size
        self.qdrant = qdrant  # an index.vectors.qdrant_target.QdrantTarget when passages live in Qdrant
        # Workers answering at once, in this process and in the other `processes` on this machine,
        # share the cores rather than each claiming all of them.
        threads = max(1, (os.cpu_count() or 1) // (model_workers * processes))
        self.embedder = embedder or SentenceEmbedder(embed_model, batch_size=embed_batch_size, query_threads=threads)
        self.index: LoadedIndex | None = None
        self.build_id: str | None = None  # the name of the build folder served
        self.failed_build: str | None = None  # a published build that would not load: not retried
        self.retriever: PassageRetriever | None = None
        self.answerer: QuestionAnswerer | None = None
        self.load_error: str | None = None
        # Model work runs on one dedicated thread: torch keeps its thread team warm there
        # (a new request thread each time cost ~10 ms), and two CPU-bound requests would only
        # slow each other down on a small machine. The event loop stays free meanwhile.
        self.executor = ThreadPoolExecutor(max_workers=model_workers, thread_name_prefix="qa-model")
        # Corpus changes and rebuilds run one at a time on their own thread, so questions
        # keep being answered from the current index meanwhile.
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-writer")
        self.write_lock = threading.Lock()
        self.reader = None  # a transformers reader (QA_READER_MODEL), or None
        self.engine = None  # the neural reader's ONNX model, shared by every index served
        self.answers = AnswerCache(answer_cache_size)
        # With QA_REDIS_URL, a qa.shared_state.answer_cache.SharedAnswerCache: answers shared between
        # replicas, under the build they came from; `answers` is then its fallback while Redis is down.
        self.shared_answers = shared_answers

    async def run(self, function, *args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(function, *args, **kwargs))

    async def write(self, function, *args):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.writer, functools.partial(function, *args))

    def load(self) -> None:
        """Load the index and warm the model; on failure keep the reason for /healthz."""
        try:
            index = self.load_published()
            self.embedder.warm_up()
            self.reader = self.make_reader()
            if self.reader is None:
                self.engine = neural_engine(self.reader_kind, self.reader_dir,
                                            threads=getattr(self.embedder, "query_threads", None))
        except (IndexNotReady, RuntimeError) as error:
            self.load_error = str(error)
            return
        self.serve(index)

    def serve(self, index: LoadedIndex) -> None:
        """Answer from index from now on. Requests in flight hold the previous answerer
        (with its own retriever and index) and finish with it."""
        retriever = PassageRetriever(index, self.embedder, dense_weight=self.dense_weight)
        # A transformers reader's span probability has its own threshold (QA_READER_MIN_SCORE);
        # the shipped readers' scores are calibrated for min_confidence.
        if self.reader is not None:
            reader, min_confidence = self.reader, self.reader_min_score
        else:
            reader, min_confidence = make_reader(self.reader_kind, index.passages, self.engine, self.min_confidence,
                                                 self.reading), self.min_confidence
        answerer = QuestionAnswerer(retriever, reader, min_confidence=min_confidence)
        answerer.warm_up()
        self.answers = AnswerCache(self.answer_cache_size)  # answers of the old index go
        self.index, self.retriever, self.answerer = index, retriever, answerer
        self.build_id = published_build(index.path).name
        self.load_error = None

    def load_published(self) -> LoadedIndex:
        return load_index(published_build(self.index_dir), embedding_model=self.embedder.model_name,
                          qdrant=self.qdrant)

    def follow_published(self) -> bool:
        """Serve the build published since the last look, by another process or `qa index build`;
        True when one was loaded. Called off the request path (qa.build_watch); skipped while this
        process is changing the corpus itself, since it serves its own build when done."""
        if not self.write_lock.acquire(blocking=False):
            return False
        try:
            return self.serve_published()
        finally:
            self.write_lock.release()

    def serve_published(self) -> bool:
        build = published_build(self.index_dir).name
        if build in (self.build_id, self.failed_build):
            return False
        if self.index is None:  # nothing loaded yet: the models are not warm either
            self.load()
            return self.index is not None
        try:
            self.serve(self.load_published())
        except LOAD_ERRORS as error:
            self.failed_build = build
            log.warning("the published build %s did not load (%s): still serving %s", build, error, self.build_id)
            return False
        log.info("serving the published build %s", self.build_id)
        return True

    def cached_answer(self, question: str, top_k: int, filters: dict | None) -> AnswerResult | None:
        key = question_key(question, top_k, filters)
        if self.shared_answers is not None:
            return self.shared_answers.get(self.build_id, key, self.answers)
        return self.answers.get(key)

    def ask(self, question: str, top_k: int, filters: dict | None) -> AnswerResult:
        # The build, cache and answerer of one moment: a swap meanwhile must not file this answer
        # under the new build.
        answers, build_id, answerer = self.answers, self.build_id, self.require_answerer()
        result = answerer.ask(question, top_k=top_k, filters=filters)
        key = question_key(question, top_k, filters)
        if self.shared_answers is not None:
            self.shared_answers.put(build_id, key, result, answers)
        else:
            answers.put(key, result)
        return result

    @contextmanager
    def changing_corpus(self):
        """The writer's locks: this process's, then the machine's (other workers, `qa index build`).
        Another process may have published since this one last looked: the change starts from its build."""
        with self.write_lock, index_write_lock(self.index_dir):
            self.serve_published()
            yield

    def save_document(self, document: Document) -> tuple[bool, dict]:
        """Write the document durably, then rebuild and serve; (created, manifest)."""
        with self.changing_corpus():
            created = save_document(self.corpus_dir, document)
            return created, self.rebuild()

    def delete_document(self, doc_id: str) -> dict | None:
        """Remove the document durably, then rebuild and serve; None when there was none."""
        with self.changing_corpus():
            if [d.id for d in read_corpus(self.corpus_dir)] == [doc_id]:
                raise DocumentConflict("the last document cannot be removed: add another first")
            if not delete_document(self.corpus_dir, doc_id):
                return None
            return self.rebuild()

    def rebuild(self) -> dict:
        """The index again from the corpus, re-embedding only texts the current one lacks; in Qdrant
        only the changed documents' points are written."""
        manifest = build_index(self.corpus_dir, self.index_dir, self.embedder,
                               show_progress=False, previous=self.index, qdrant=self.qdrant, in_place=True)
        self.serve(self.load_published())
        return manifest

    def make_reader(self):
        if not self.reader_model:
            return None
        from qa.readers.transformers_reader import TransformersReader

        reader = TransformersReader(self.reader_model)
        reader.warm_up()
        return reader

    def require_retriever(self) -> PassageRetriever:
        if self.retriever is None:
            raise IndexNotReady(self.load_error or "index not loaded")
        return self.retriever

    def require_answerer(self) -> QuestionAnswerer:
        if self.answerer is None:
            raise IndexNotReady(self.load_error or "index not loaded")
        return self.answerer
