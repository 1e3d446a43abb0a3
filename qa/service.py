"""What the API and CLI share: the loaded index, the embedder and the retriever."""

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor

from index.embedder import SentenceEmbedder
from index.store import IndexNotReady, LoadedIndex, load_index
from qa.answering import QuestionAnswerer
from qa.retrieval import PassageRetriever
from qa.settings import Settings


class QAService:
    """Holds one loaded index at a time; `index` is None until a load succeeds."""

    def __init__(self, settings: Settings, embedder=None):
        self.settings = settings
        self.embedder = embedder or SentenceEmbedder(settings.embed_model, batch_size=settings.embed_batch_size)
        self.index: LoadedIndex | None = None
        self.retriever: PassageRetriever | None = None
        self.answerer: QuestionAnswerer | None = None
        self.load_error: str | None = None
        # Model work runs on one dedicated thread: torch keeps its thread team warm there
        # (a new request thread each time cost ~10 ms), and two CPU-bound requests would only
        # slow each other down on a small machine. The event loop stays free meanwhile.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-model")

    async def run(self, function, *args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(function, *args, **kwargs))

    def load(self) -> None:
        """Load the index and warm the model; on failure keep the reason for /healthz."""
        try:
            index = load_index(self.settings.index_dir, embedding_model=self.embedder.model_name)
            self.embedder.warm_up()
            reader = self.make_reader()
        except (IndexNotReady, RuntimeError) as error:
            self.load_error = str(error)
            return
        retriever = PassageRetriever(index, self.embedder, dense_weight=self.settings.dense_weight)
        answerer = QuestionAnswerer(retriever, min_confidence=self.settings.min_confidence,
                                    reader=reader, reader_min_score=self.settings.reader_min_score)
        answerer.warm_up()
        self.index, self.retriever, self.answerer = index, retriever, answerer
        self.load_error = None

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
