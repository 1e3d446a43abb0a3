"""Following the build published under the index link, for processes that did not publish it:
other workers on this machine, replicas sharing the index folder, a server while `qa index build`
runs beside it. Builds are immutable folders and publishing is one rename of the link, so a
cheap readlink every few seconds is enough to notice one."""

import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)


def published_build(index_dir: Path) -> Path:
    """The build folder the index link names now (the folder itself for an index that is not a link).
    Loading from it rather than through the link means a swap mid-load cannot mix two builds."""
    return Path(os.path.realpath(index_dir))


class BuildWatcher:
    """Calls `check` every `seconds` on a daemon thread until stopped; `check` loads a newer build
    off the request path. Its errors are logged, not raised: the current build keeps serving."""

    def __init__(self, check, seconds: float):
        if seconds <= 0:
            raise ValueError("seconds must be above 0")
        self.check, self.seconds = check, seconds
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="qa-build-watch", daemon=True)

    def start(self) -> "BuildWatcher":
        self.thread.start()
        return self

    def run(self) -> None:
        while not self.stopping.wait(self.seconds):
            try:
                self.check()
            except Exception:  # noqa: BLE001 - a poll must never end the thread
                log.exception("checking for a published build failed")

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=max(5.0, self.seconds * 2))
