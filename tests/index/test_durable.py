"""The one fsync helper: what each change flushes, checked by recording the fsync calls."""

import os

import pytest

from index.corpus_store import atomic_write, remove_durably
from index.durable import fsync_path, fsync_tree


@pytest.fixture
def flushed(monkeypatch):
    """The paths (or descriptors' paths) fsynced, in order."""
    paths, real_open = [], os.open
    descriptors = {}

    def recording_open(path, flags, *args, **kwargs):
        descriptor = real_open(path, flags, *args, **kwargs)
        descriptors[descriptor] = os.fspath(path)
        return descriptor

    monkeypatch.setattr(os, "open", recording_open)
    monkeypatch.setattr(os, "fsync", lambda descriptor: paths.append(descriptors.get(descriptor, "a file")))
    return paths


def test_fsync_path_flushes_a_folder(tmp_path, flushed):
    fsync_path(tmp_path)
    assert flushed == [str(tmp_path)]


def test_fsync_tree_flushes_every_entry_then_the_folder(tmp_path, flushed):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.json").write_text("{}")
    (tmp_path / "b.npy").write_bytes(b"")
    fsync_tree(tmp_path)
    assert sorted(flushed[:-1]) == sorted(str(tmp_path / name) for name in ("sub", "sub/a.json", "b.npy"))
    assert flushed[-1] == str(tmp_path)


def test_fsync_path_of_a_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        fsync_path(tmp_path / "missing")


def test_corpus_changes_flush_the_file_then_its_folder(tmp_path, flushed):
    target = tmp_path / "doc.jsonl"
    atomic_write(target, b"{}\n")
    assert flushed == ["a file", str(tmp_path)]
    flushed.clear()
    remove_durably(target)
    assert flushed == [str(tmp_path)] and not target.exists()
