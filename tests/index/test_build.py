import json
import os

import pytest

from index.build import build_index, builds_dir
from index.embedder import HashingEmbedder
from index.store import IndexNotReady, load_index


def test_build_writes_a_loadable_index_with_manifest(small_corpus, tmp_path):
    manifest = build_index(small_corpus, tmp_path / "index", HashingEmbedder(), show_progress=False)
    loaded = load_index(tmp_path / "index", embedding_model="hashing-fake")
    assert manifest["counts"]["documents"] == 3
    assert loaded.manifest["corpus_hash"] == manifest["corpus_hash"]
    assert loaded.manifest["dense_index"]["type"] == "flat"
    assert set(loaded.manifest["versions"]) >= {"faiss-cpu", "bm25s", "pyvi", "python"}
    for passage in loaded.passages:
        assert loaded.documents[passage.doc_id].text[passage.start:passage.end] == passage.text


def test_rebuild_swaps_atomically_and_keeps_few_builds(small_corpus, tmp_path):
    index_path = tmp_path / "index"
    for _ in range(3):
        build_index(small_corpus, index_path, HashingEmbedder(), show_progress=False)
    assert index_path.is_symlink()
    assert len(list(builds_dir(index_path).iterdir())) == 2
    load_index(index_path)


def test_crash_mid_build_leaves_the_old_index_in_service(small_corpus, tmp_path):
    index_path = tmp_path / "index"
    build_index(small_corpus, index_path, HashingEmbedder(), show_progress=False)
    served = os.readlink(index_path)

    class CrashingEmbedder(HashingEmbedder):
        def embed_passages(self, texts, show_progress=False):
            raise KeyboardInterrupt("killed mid-build")

    with pytest.raises(KeyboardInterrupt):
        build_index(small_corpus, index_path, CrashingEmbedder(), show_progress=False)
    assert os.readlink(index_path) == served
    assert load_index(index_path).manifest["counts"]["documents"] == 3
    assert not [p for p in builds_dir(index_path).iterdir() if p.name.endswith(".partial")]


def test_missing_index_says_which_command_builds_it(tmp_path):
    with pytest.raises(IndexNotReady, match=r"no index at .*: run `qa index build`"):
        load_index(tmp_path / "nothing")


def test_manifest_mismatch_says_what_to_rebuild(small_corpus, tmp_path):
    build_index(small_corpus, tmp_path / "index", HashingEmbedder(), show_progress=False)
    with pytest.raises(IndexNotReady, match=r"embedded with 'hashing-fake', settings ask for 'other-model'.*qa index build"):
        load_index(tmp_path / "index", embedding_model="other-model")
    manifest_path = tmp_path / "index" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["counts"]["passages"] += 1
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexNotReady, match="inconsistent"):
        load_index(tmp_path / "index")
