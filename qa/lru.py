"""A small thread-safe map that forgets its least recently used entry past a size: the answer
cache and the answers feedback names keep only so many, whatever a busy portal sends."""

import threading
from collections import OrderedDict
from collections.abc import Hashable


class LruMap:
    """Key to value, at most `size` entries (0 keeps none); reading an entry keeps it longer."""

    def __init__(self, size: int):
        if size < 0:
            raise ValueError("size must be 0 or more")
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable):
        """The value, or None when the key is not kept."""
        with self.lock:
            if key not in self.entries:
                return None
            self.entries.move_to_end(key)
            return self.entries[key]

    def put(self, key: Hashable, value) -> None:
        if self.size == 0:
            return
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
