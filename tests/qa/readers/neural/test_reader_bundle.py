import json

import pytest

from qa.readers.neural.bundle import MANIFEST, MODEL_FILE, TOKENIZER_FILE, ReaderBundleError, read_manifest
from qa.readers.neural.export import sha256


def make_bundle(folder):
    (folder / MODEL_FILE).write_bytes(b"model")
    (folder / TOKENIZER_FILE).write_text("{}", encoding="utf-8")
    files = {name: sha256(folder / name) for name in (MODEL_FILE, TOKENIZER_FILE)}
    (folder / MANIFEST).write_text(json.dumps({"files": files, "max_length": 256}), encoding="utf-8")


def test_a_bundle_whose_files_match_its_manifest_loads(tmp_path):
    make_bundle(tmp_path)
    assert read_manifest(tmp_path)["max_length"] == 256


def test_a_changed_file_is_refused_with_what_to_do(tmp_path):
    make_bundle(tmp_path)
    (tmp_path / MODEL_FILE).write_bytes(b"other model")
    with pytest.raises(ReaderBundleError, match=r"does not match its manifest .*qa reader export"):
        read_manifest(tmp_path)


def test_a_missing_file_or_manifest_is_refused(tmp_path):
    with pytest.raises(ReaderBundleError, match="no readable reader manifest"):
        read_manifest(tmp_path)
    make_bundle(tmp_path)
    (tmp_path / TOKENIZER_FILE).unlink()
    with pytest.raises(ReaderBundleError, match="is missing"):
        read_manifest(tmp_path)
