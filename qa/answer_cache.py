"""Answers to repeated questions, kept in memory for the index that produced them.

A portal's visitors ask the same few questions again and again ("tỷ lệ phủ sóng 4G…");
answering one again costs ~30 ms of model and extraction work, looking it up microseconds.
The service makes a new cache with every index it loads, so an answer never outlives the
documents it was drawn from.
"""

import json

from index.vietnamese.text import normalize_for_matching
from qa.lru import LruMap


def question_key(question: str, top_k: int, filters: dict | None) -> str:
    """Questions that differ only in case, spacing or Unicode form share an answer;
    accents are kept, since "hoa" and "hòa" may be different questions."""
    return json.dumps([" ".join(normalize_for_matching(question).split()), top_k, sorted((filters or {}).items())],
                      ensure_ascii=False, default=str)


class AnswerCache(LruMap):
    """A thread-safe LRU map of question key to answer, counting its hits; size 0 keeps nothing."""

    def __init__(self, size: int):
        super().__init__(max(size, 0))
        self.hits = self.misses = 0

    def get(self, key: str):
        answer = super().get(key)
        with self.lock:  # counted under the lock: two threads may miss at once
            if answer is None:
                self.misses += 1
            else:
                self.hits += 1
        return answer
