"""What the API and CLI share: the loaded index, the embedder and the retriever."""

from index.embedder import SentenceEmbedder
from index.store import IndexNotReady, LoadedIndex, load_index
from qa.retrieval import PassageRetriever
from qa.settings import Settings


class QAService:
    """Holds one loaded index at a time; `index` is None until a load succeeds."""

    def __init__(self, settings: Settings, embedder=None):
        self.settings = settings
        self.embedder = embedder or SentenceEmbedder(settings.embed_model, batch_size=settings.embed_batch_size)
        self.index: LoadedIndex | None = None
        self.retriever: PassageRetriever | None = None
        self.load_error: str | None = None

    def load(self) -> None:
        """Load the index and warm the model; on failure keep the reason for /healthz."""
        try:
            index = load_index(self.settings.index_dir, embedding_model=self.embedder.model_name)
            self.embedder.warm_up()
        except (IndexNotReady, RuntimeError) as error:
            self.load_error = str(error)
            return
        self.index = index
        self.retriever = PassageRetriever(index, self.embedder, dense_weight=self.settings.dense_weight)
        self.load_error = None

    def require_retriever(self) -> PassageRetriever:
        if self.retriever is None:
            raise IndexNotReady(self.load_error or "index not loaded")
        return self.retriever
