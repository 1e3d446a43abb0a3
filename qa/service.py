"""What the API and CLI share: the loaded index, the embedder and the retriever, and
the one writer that changes the corpus and swaps a rebuilt index in."""

import asyncio
import functools
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from index.build import build_index
from index.corpus import read_corpus
from index.corpus_store import DocumentConflict, delete_document, save_document
from index.documents import Document
from index.embedder import SentenceEmbedder
from index.store import IndexNotReady, LoadedIndex, load_index
from qa.answer_cache import AnswerCache, question_key
from qa.answering import AnswerResult, QuestionAnswerer
from qa.retrieval import PassageRetriever
from qa.settings import Settings


class QAService:
    """Holds one loaded index at a time; `index` is None until a load succeeds."""

    def __init__(self, settings: Settings, embedder=None):
        self.settings = settings
        # Workers answering at once share the cores rather than each claiming all of them.
        self.embedder = embedder or SentenceEmbedder(settings.embed_model, batch_size=settings.embed_batch_size,
                                                     query_threads=max(1, (os.cpu_count() or 1) // settings.model_workers))
        self.index: LoadedIndex | None = None
        self.retriever: PassageRetriever | None = None
        self.answerer: QuestionAnswerer | None = None
        self.load_error: str | None = None
        # Model work runs on one dedicated thread: torch keeps its thread team warm there
        # (a new request thread each time cost ~10 ms), and two CPU-bound requests would only
        # slow each other down on a small machine. The event loop stays free meanwhile.
        self.executor = ThreadPoolExecutor(max_workers=settings.model_workers, thread_name_prefix="qa-model")
        # Corpus changes and rebuilds run one at a time on their own thread, so questions
        # keep being answered from the current index meanwhile.
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-writer")
        self.write_lock = threading.Lock()
        self.reader = None
        self.answers = AnswerCache(settings.answer_cache_size)

    async def run(self, function, *args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(function, *args, **kwargs))

    async def write(self, function, *args):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.writer, functools.partial(function, *args))

    def load(self) -> None:
        """Load the index and warm the model; on failure keep the reason for /healthz."""
        try:
            index = load_index(self.settings.index_dir, embedding_model=self.embedder.model_name)
            self.embedder.warm_up()
            self.reader = self.make_reader()
        except (IndexNotReady, RuntimeError) as error:
            self.load_error = str(error)
            return
        self.serve(index)

    def serve(self, index: LoadedIndex) -> None:
        """Answer from index from now on. Requests in flight hold the previous answerer
        (with its own retriever and index) and finish with it."""
        retriever = PassageRetriever(index, self.embedder, dense_weight=self.settings.dense_weight)
        answerer = QuestionAnswerer(retriever, min_confidence=self.settings.min_confidence,
                                    reader=self.reader, reader_min_score=self.settings.reader_min_score)
        answerer.warm_up()
        self.answers = AnswerCache(self.settings.answer_cache_size)  # answers of the old index go
        self.index, self.retriever, self.answerer = index, retriever, answerer
        self.load_error = None

    def cached_answer(self, question: str, top_k: int, filters: dict | None) -> AnswerResult | None:
        return self.answers.get(question_key(question, top_k, filters))

    def ask(self, question: str, top_k: int, filters: dict | None) -> AnswerResult:
        answers, answerer = self.answers, self.require_answerer()
        result = answerer.ask(question, top_k=top_k, filters=filters)
        answers.put(question_key(question, top_k, filters), result)
        return result

    def save_document(self, document: Document) -> tuple[bool, dict]:
        """Write the document durably, then rebuild and serve; (created, manifest)."""
        with self.write_lock:
            created = save_document(self.settings.corpus_dir, document)
            return created, self.rebuild()

    def delete_document(self, doc_id: str) -> dict | None:
        """Remove the document durably, then rebuild and serve; None when there was none."""
        with self.write_lock:
            if [d.id for d in read_corpus(self.settings.corpus_dir)] == [doc_id]:
                raise DocumentConflict("the last document cannot be removed: add another first")
            if not delete_document(self.settings.corpus_dir, doc_id):
                return None
            return self.rebuild()

    def rebuild(self) -> dict:
        """The index again from the corpus, re-embedding only texts the current one lacks."""
        manifest = build_index(self.settings.corpus_dir, self.settings.index_dir, self.embedder,
                               show_progress=False, previous=self.index)
        self.serve(load_index(self.settings.index_dir, embedding_model=self.embedder.model_name))
        return manifest

    def make_reader(self):
        if not self.settings.reader_model:
            return None
        from qa.reader import TransformersReader

        reader = TransformersReader(self.settings.reader_model)
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
