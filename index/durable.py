"""Making changes on disk survive a crash: after files are written or renamed, their
contents and the folder entries that name them are flushed with fsync."""

import os
from pathlib import Path


def fsync_path(path: Path) -> None:
    """Flush a file's contents, or a folder's entries (a rename or removal in it), to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_tree(directory: Path) -> None:
    """Every file and folder under directory, then directory itself."""
    for path in [*Path(directory).rglob("*"), directory]:
        fsync_path(path)
