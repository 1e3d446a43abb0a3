"""Models load from local files only: the networks this service runs on reach no model hub."""

import os


def forbid_model_downloads() -> None:
    """Make transformers and huggingface_hub fail fast instead of trying a download.

    setdefault: a deployment that does have a mirror may still say otherwise."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
