"""Splitting a document's clean text into passages of a few sentences.

A passage never crosses a paragraph, so it stays on one topic; a paragraph too short
to stand alone (a sub-heading) is joined to the passage that follows it. Offsets
are into the document's clean text: passage.text == document.text[start:end].
"""

import re
from dataclasses import dataclass

from index.vietnamese.sentences import split_sentences

MAX_PASSAGE_CHARS = 500
MIN_PARAGRAPH_CHARS = 80
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Passage:
    id: str
    doc_id: str
    start: int
    end: int
    text: str
    sentences: tuple[tuple[int, int], ...] = ()  # document offsets of its sentences


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def group_sentences(sentences: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Greedy grouping of consecutive sentences into spans of at most max_chars
    (a single longer sentence stays whole: it is never cut mid-sentence)."""
    groups: list[tuple[int, int]] = []
    for start, end in sentences:
        if groups and end - groups[-1][0] <= max_chars:
            groups[-1] = (groups[-1][0], end)
        else:
            groups.append((start, end))
    return groups


def passage_spans(text: str, max_chars: int = MAX_PASSAGE_CHARS,
                  min_paragraph_chars: int = MIN_PARAGRAPH_CHARS) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    carried_start: int | None = None
    for start, end in paragraph_spans(text):
        if end - start < min_paragraph_chars:
            carried_start = start if carried_start is None else carried_start
            continue
        sentences = [(start + s, start + e) for s, e in split_sentences(text[start:end])]
        groups = group_sentences(sentences, max_chars)
        if carried_start is not None:
            groups[0] = (carried_start, groups[0][1])
            carried_start = None
        spans.extend(groups)
    if carried_start is not None:  # short paragraphs at the very end
        last_end = paragraph_spans(text)[-1][1]
        if spans:
            spans[-1] = (spans[-1][0], last_end)
        else:
            spans.append((carried_start, last_end))
    return spans


def chunk_document(doc_id: str, text: str, max_chars: int = MAX_PASSAGE_CHARS) -> list[Passage]:
    passages = []
    for number, (start, end) in enumerate(passage_spans(text, max_chars)):
        sentences = tuple((start + s, start + e) for s, e in split_sentences(text[start:end]))
        passages.append(Passage(id=f"{doc_id}#{number}", doc_id=doc_id, start=start, end=end,
                                text=text[start:end], sentences=sentences))
    return passages
