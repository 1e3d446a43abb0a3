"""The one settings object. Read only at the edges (CLI, app factory); every
field can be set as an environment variable with the QA_ prefix (QA_INDEX_DIR...)."""

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from qa.readers.neural.budget import PASSAGES_READ, PASSAGES_WHEN_DOUBTED, TOKENS_WHEN_DOUBTED, ReadingBudget
from qa.readers.neural.bundle import BUNDLED_READER_DIR

BUNDLED_MODEL_DIR = Path("models/multilingual-e5-small")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QA_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder of documents to index")
    index_dir: Path = Field(Path("var/index"), description="Where the served index lives (a link to its build)")
    embed_model: str = Field(str(BUNDLED_MODEL_DIR),
                             description="sentence-transformers model: local path or installed name")
    embed_batch_size: int = Field(32, ge=1, le=1024)
    dense_weight: float = Field(0.3, ge=0.0, le=1.0, description="Share of the dense score in hybrid fusion")
    default_top_k: int = Field(5, ge=1, le=50)
    max_top_k: int = Field(50, ge=1, le=200)
    max_question_chars: int = Field(1000, ge=10)
    min_confidence: float = Field(0.5, ge=0.0, le=1.0, description="Below this the service abstains")
    reader: Literal["hybrid", "neural", "rules"] = Field(
        "hybrid", description="Who reads the evidence: the shipped neural reader with the rules as a typed "
                              "second opinion (hybrid), the neural reader alone, or the rules alone")
    reader_dir: Path = Field(BUNDLED_READER_DIR, description="Folder of the exported neural reader")
    reader_passages: int = Field(PASSAGES_READ, ge=1, le=10, description="Top passages the neural reader reads: its latency")
    reader_tokens: int | None = Field(None, ge=16, le=2048,
                                      description="Context tokens the neural reader reads at most, sentences "
                                                  "closest to the question first (unset: its passages whole)")
    reader_passages_when_doubted: int = Field(
        PASSAGES_WHEN_DOUBTED, ge=0, le=9, description="Next passages the neural reader reads, one at a time, while it "
                                                       "doubts its best span (each about 45 ms more)")
    reader_tokens_when_doubted: int = Field(TOKENS_WHEN_DOUBTED, ge=12, le=2048,
                                            description="Context tokens of each passage read when doubted, sentences "
                                                        "closest to the question first")
    reader_model: str | None = Field(None, description="Instead of QA_READER: a transformers question-answering "
                                                       "model (name or local path)")
    allowed_origins: Annotated[list[str], NoDecode] = Field(["http://localhost:8000", "http://127.0.0.1:8000"],
                                       description="Origins whose pages may call the API from a browser (CORS): "
                                                   "a JSON list or comma-separated")
    answer_cache_size: int = Field(1024, ge=0, description="Answers to repeated questions kept in memory (0: none)")
    admin_token: str | None = Field(None, description="Token for POST/DELETE /v1/documents; unset: ingestion is off")
    max_document_bytes: int = Field(5_000_000, ge=1000, description="Largest document an administrator may post")
    max_request_bytes: int = Field(16_384, ge=1024, description="Largest request body, documents aside")
    rate_limit_per_minute: float = Field(60, ge=0, description="Questions per minute per client on /v1/ask (0: no limit)")
    rate_limit_burst: int = Field(20, ge=1, description="Questions a client may ask at once before the rate applies")
    rate_limit_exempt: Annotated[list[str], NoDecode] = Field(
        ["127.0.0.1", "::1"], description="Client addresses never rate limited (this machine: checks, benchmarks)")
    trust_forwarded_for: bool = Field(False, description="Behind a reverse proxy: key clients by X-Forwarded-For")
    model_workers: int = Field(1, ge=1, le=16, description="Questions answered at once; more than one "
                               "splits the cores between them (throughput up, single-question latency down)")
    ask_timeout_seconds: float = Field(10.0, gt=0, description="An answer taking longer gets a 503")
    reader_min_score: float = Field(0.3, ge=0.0, le=1.0, description="Reader answers below this abstain")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        "INFO", description="Level of the JSON logs on stderr (and of uvicorn's own)")
    log_questions: bool = Field(False, description="Put the question text in request logs; off by default, "
                                                   "since questions may hold personal data")
    feedback_db: Path = Field(Path("var/feedback.sqlite3"), description="SQLite file of the feedback on answers")
    recent_answers: int = Field(10_000, ge=0, description="Answers kept by request id for feedback to name "
                                                           "(0: feedback is off)")
    vector_store: Literal["embedded", "qdrant"] = Field(
        "embedded", description="Where passages are searched: FAISS and bm25s files in the index folder, "
                                "or a Qdrant collection (README: Qdrant)")
    qdrant_url: str | None = Field(None, description="Qdrant server (http://host:6333) for QA_VECTOR_STORE=qdrant")
    qdrant_path: Path | None = Field(None, description="Instead of a server: Qdrant's local mode in this folder "
                                                       "(one process, brute-force search; for trying it out)")
    qdrant_api_key: str | None = Field(None, description="Qdrant API key, when the server asks for one")
    qdrant_collection: str = Field("passages", pattern=r"^[A-Za-z0-9_-]{1,64}$",
                                   description="Alias naming the collection in service; builds make "
                                               "<name>-build-<n> collections")
    qdrant_shards: int = Field(1, ge=1, le=256, description="Shards of a collection a build creates")
    qdrant_replication_factor: int = Field(1, ge=1, le=16, description="Copies of each shard on a cluster")
    workers: int = Field(1, ge=1, le=64, description="`qa serve` processes on this machine sharing its port; "
                                                     "they split the cores (README: Deployment)")
    redis_url: str | None = Field(None, description="Redis (redis://host:6379/0) sharing rate limits, cached "
                                                    "answers and answers feedback may name between replicas; "
                                                    "unset: kept in each process")
    answer_cache_seconds: int = Field(3600, ge=1, description="With QA_REDIS_URL: how long a shared answer is kept")
    writer_url: str | None = Field(None, description="Set on replicas that do not change documents: the writer's "
                                                     "address, which POST/DELETE /v1/documents answer 409 with")
    index_poll_seconds: float = Field(2.0, ge=0, description="How often the index link is checked for a build "
                                                             "published by another process (0: never)")

    @field_validator("log_level", mode="before")
    @classmethod
    def level_name(cls, value):
        """QA_LOG_LEVEL=info works as well as INFO."""
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("allowed_origins", "rate_limit_exempt", mode="before")
    @classmethod
    def origins_list(cls, value):
        """Administrators write lists as JSON or, more often, separated by commas."""
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else text.split(",")
        return [origin.strip().rstrip("/") for origin in value if origin.strip()]

    def qdrant_target(self):
        """Where passages live when they are in Qdrant (an `index.vectors.qdrant_target.QdrantTarget`);
        None for the embedded store."""
        if self.vector_store != "qdrant":
            return None
        from index.vectors.qdrant_target import QdrantTarget  # not on the CLI's start-up path

        return QdrantTarget(collection=self.qdrant_collection, url=self.qdrant_url, path=self.qdrant_path,
                            api_key=self.qdrant_api_key, shards=self.qdrant_shards,
                            replication_factor=self.qdrant_replication_factor)

    def reading_budget(self) -> ReadingBudget:
        """How much of the evidence the neural reader reads (`QA_READER_PASSAGES`, `QA_READER_TOKENS`, …)."""
        return ReadingBudget(self.reader_passages, self.reader_tokens, self.reader_passages_when_doubted,
                             self.reader_tokens_when_doubted)

    def service_arguments(self) -> dict:
        """QAService's keyword arguments: the one place the settings become the service's."""
        return {"index_dir": self.index_dir, "corpus_dir": self.corpus_dir, "embed_model": self.embed_model,
                "embed_batch_size": self.embed_batch_size, "model_workers": self.model_workers,
                "dense_weight": self.dense_weight, "min_confidence": self.min_confidence,
                "reader": self.reader, "reader_dir": self.reader_dir, "reading": self.reading_budget(),
                "reader_model": self.reader_model, "reader_min_score": self.reader_min_score,
                "answer_cache_size": self.answer_cache_size, "qdrant": self.qdrant_target(),
                "processes": self.workers}
