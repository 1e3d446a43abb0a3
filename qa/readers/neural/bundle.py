"""The shipped reader's folder: file names, and the checks made before it is loaded."""

import hashlib
import json
from pathlib import Path

MODEL_FILE = "reader.onnx"
TOKENIZER_FILE = "tokenizer.json"
MANIFEST = "reader.json"
BUNDLED_READER_DIR = Path(__file__).parent / "bundled"
REBUILD = "restore it from git (`git checkout -- {folder}`) or re-export it with `qa reader export`"


class ReaderBundleError(RuntimeError):
    """The reader folder is missing a file, or a file is not the one the manifest names."""


def read_manifest(folder: Path) -> dict:
    """The manifest, after checking every file it names has the recorded SHA-256."""
    fix = REBUILD.format(folder=folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReaderBundleError(f"no readable reader manifest {folder / MANIFEST}: {fix}") from error
    for name in (MODEL_FILE, TOKENIZER_FILE):
        expected = manifest.get("files", {}).get(name)
        path = folder / name
        if not path.is_file():
            raise ReaderBundleError(f"reader file {path} is missing: {fix}")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != expected:
            raise ReaderBundleError(f"reader file {path} does not match its manifest (sha256 {digest[:12]}…, "
                                    f"expected {str(expected)[:12]}…): {fix}")
    return manifest


def bundle_tokenizer(folder: Path):
    """The bundle's pruned tokenizer, with XLM-R's special tokens, for character offsets."""
    from transformers import PreTrainedTokenizerFast

    return PreTrainedTokenizerFast(tokenizer_file=str(folder / TOKENIZER_FILE), bos_token="<s>", eos_token="</s>",
                                   sep_token="</s>", cls_token="<s>", unk_token="<unk>", pad_token="<pad>",
                                   mask_token="<mask>", model_max_length=512)
