"""One writer at a time among the processes that may change a corpus and publish its index
(the workers of `qa serve` on one machine, `qa index build`): an exclusive lock on a file beside
the index link, which the kernel releases when its holder dies, even by SIGKILL."""

import fcntl
from contextlib import contextmanager
from pathlib import Path


def write_lock_path(index_path: Path) -> Path:
    index_path = Path(index_path)
    return index_path.with_name(f".{index_path.name}.write-lock")


@contextmanager
def index_write_lock(index_path: Path):
    """Held while the corpus changes and its index is rebuilt and published. Not reentrant: a
    process holding it must not take it again (a second open file would wait for the first)."""
    path = write_lock_path(index_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
