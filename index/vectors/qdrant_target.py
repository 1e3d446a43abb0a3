"""Where a Qdrant collection lives, as the settings say: made at the edges (CLI, app factory, tests)
and handed to the index builder and loader. Connecting waits for first use, so choosing the
embedded store never imports qdrant-client."""

from dataclasses import dataclass
from pathlib import Path

MISSING_CLIENT = "the Qdrant backend needs qdrant-client: pip install -e '.[qdrant]'"


@dataclass
class QdrantTarget:
    """Where the collection lives: a server (`url`), a local-mode folder (`path`, one process,
    brute force) or a client made elsewhere (tests pass `QdrantClient(":memory:")`). `collection`
    is the alias searches follow; shards and replicas apply when a build creates a collection."""

    collection: str = "passages"
    url: str | None = None
    path: Path | None = None
    api_key: str | None = None
    shards: int = 1
    replication_factor: int = 1
    client: object | None = None

    def connect(self):
        if self.client is None:
            try:
                from qdrant_client import QdrantClient
            except ImportError:
                raise RuntimeError(MISSING_CLIENT) from None
            if self.url:
                self.client = QdrantClient(url=self.url, api_key=self.api_key, timeout=30)
            elif self.path:
                self.client = QdrantClient(path=str(self.path))
            else:
                raise RuntimeError("QA_VECTOR_STORE=qdrant needs QA_QDRANT_URL (a server) or QA_QDRANT_PATH "
                                   "(a local folder)")
        return self.client

    def close(self) -> None:
        """Local mode locks its folder for one client: let the next one in."""
        if self.client is not None:
            self.client.close()
            self.client = None
