"""The one settings object. Read only at the edges (CLI, app factory); every
field can be set as an environment variable with the QA_ prefix (QA_INDEX_DIR...)."""

import json
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

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
    reader_model: str | None = Field(None, description="Optional question-answering model (name or local path)")
    allowed_origins: Annotated[list[str], NoDecode] = Field(["http://localhost:8000", "http://127.0.0.1:8000"],
                                       description="Origins whose pages may call the API from a browser (CORS): "
                                                   "a JSON list or comma-separated")
    reader_min_score: float = Field(0.3, ge=0.0, le=1.0, description="Reader answers below this abstain")

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def origins_list(cls, value):
        """Administrators write origins as a JSON list or, more often, separated by commas."""
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else text.split(",")
        return [origin.strip().rstrip("/") for origin in value if origin.strip()]
