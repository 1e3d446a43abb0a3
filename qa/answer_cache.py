"""Answers to repeated questions, kept in memory for the index that produced them.

A portal's visitors ask the same few questions again and again ("tỷ lệ phủ sóng 4G…");
answering one again costs ~30 ms of model and extraction work, looking it up microseconds.
The service makes a new cache with every index it loads, so an answer never outlives the
documents it was drawn from.
"""

import json
import threading
from collections import OrderedDict

from index.vietnamese.text import normalize_for_matching


def question_key(question: str, top_k: int, filters: dict | None) -> str:
    """Questions that differ only in case, spacing or Unicode form share an answer;
    accents are kept, since "hoa" and "hòa" may be different questions."""
    return json.dumps([" ".join(normalize_for_matching(question).split()), top_k, sorted((filters or {}).items())],
                      ensure_ascii=False, default=str)


class AnswerCache:
    """A thread-safe LRU map of question key to answer; size 0 keeps nothing."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[str, object] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: str):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                self.hits += 1
                return self.entries[key]
            self.misses += 1
            return None

    def put(self, key: str, answer) -> None:
        if self.size <= 0:
            return
        with self.lock:
            self.entries[key] = answer
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
