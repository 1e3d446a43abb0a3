"""A synthetic corpus of any size, recombined from the seed corpus's real sentences.

For the benchmark only: build time and serving at 100,000 passages need a corpus that
large, and its text should read like the real one (sentence lengths, vocabulary, numbers
and codes) so the chunker, BM25 and the answer extractor work as hard as they would.

Each synthetic paragraph is one passage: one to three seed sentences, at most
MAX_PASSAGE_CHARS and at least MIN_PARAGRAPH_CHARS long, so the chunker neither splits
nor joins it. Numbers are redrawn and provinces replaced by the document's own; a sentence
that still repeats an earlier one gets a numbered tag, so every sentence is new text and
a build with the real model embeds all of them. Pure: the same seed gives the same corpus.
"""

import random
import re

from index.chunking import MAX_PASSAGE_CHARS, MIN_PARAGRAPH_CHARS, chunk_document
from index.documents import Document
from index.vietnamese.provinces import PROVINCES
from index.vietnamese.sentences import split_sentences

SENTENCES_PER_PASSAGE = {1: 0.55, 2: 0.35, 3: 0.10}  # the seeds average 1.6
PASSAGES_PER_DOCUMENT = 8
FIRST_SYNTHETIC_YEAR, LAST_SYNTHETIC_YEAR = 2015, 2030

_PROVINCE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in sorted(PROVINCES, key=len, reverse=True))
                       + r")(?!\w)")
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TERMINATOR = re.compile(r"[.!?…]+[”\"’'»)\]]*$")
_TAG = re.compile(r" \(mục \d+\)")


def seed_sentences(documents: list[Document]) -> list[str]:
    """The distinct sentences of the documents' passages that the splitter finds again
    when one follows another: only those can be recombined without merging."""
    sentences = dict.fromkeys(passage.text[start - passage.start:end - passage.start]
                              for document in documents for passage in chunk_document(document.id, document.text)
                              for start, end in passage.sentences)
    return [sentence for sentence in sentences if len(split_sentences(f"{sentence} {sentence}")) == 2]


def vary_numbers(text: str, rng: random.Random) -> str:
    """Every digit run redrawn with as many digits: codes keep their shape ("09-NQ/TU"),
    decimals their comma, and years stay plausible years."""
    def redraw(match: re.Match) -> str:
        digits = match.group()
        if _YEAR.fullmatch(digits):
            return str(rng.randint(FIRST_SYNTHETIC_YEAR, LAST_SYNTHETIC_YEAR))
        first = "0" if digits[0] == "0" else str(rng.randint(1, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])
    return _DIGITS.sub(redraw, text)


def with_province(text: str, province: str) -> str:
    return _PROVINCE.sub(province, text)


def with_tag(sentence: str, number: int) -> str:
    """The sentence with "(mục N)" before its final punctuation."""
    end = _TERMINATOR.search(sentence)
    cut = end.start() if end else len(sentence)
    return f"{sentence[:cut]} (mục {number}){sentence[cut:]}"


def sentence_template(text: str) -> str:
    """What stays of a synthetic sentence when its variations are masked: sentences made
    from the same seed sentence share it (the tag, provinces and numbers removed)."""
    return _DIGITS.sub("0", _PROVINCE.sub("<tỉnh>", _TAG.sub("", text)))


def new_sentence(seed: str, province: str, rng: random.Random, seen: set[str]) -> str:
    sentence = with_province(vary_numbers(seed, rng), province)
    # len(seen) grows with every sentence used, so two used tags never coincide.
    return with_tag(sentence, len(seen)) if sentence in seen else sentence


def paragraph(seeds: list[str], province: str, rng: random.Random, seen: set[str]) -> str:
    """One passage's worth of sentences; `seen` gains the sentences used."""
    wanted = rng.choices(list(SENTENCES_PER_PASSAGE), weights=list(SENTENCES_PER_PASSAGE.values()))[0]
    chosen: list[str] = []
    length = -1
    for _ in range(wanted + 50):  # bounded: a draw that does not fit is skipped
        if len(chosen) >= wanted and length >= MIN_PARAGRAPH_CHARS:
            break
        sentence = new_sentence(rng.choice(seeds), province, rng, seen)
        if chosen and length + 1 + len(sentence) > MAX_PASSAGE_CHARS:
            continue
        chosen.append(sentence)
        seen.add(sentence)
        length += 1 + len(sentence)
    return " ".join(chosen)


def synthetic_documents(seeds: list[str], passages: int, seed: int = 0) -> list[Document]:
    """Documents of PASSAGES_PER_DOCUMENT paragraphs, `passages` paragraphs in all,
    each about one province (its metadata says which, as the seeds' does)."""
    if not seeds:
        raise ValueError("no seed sentences to recombine: the seed corpus is empty")
    rng = random.Random(seed)
    seen: set[str] = set()
    documents = []
    for number, first in enumerate(range(0, passages, PASSAGES_PER_DOCUMENT)):
        province = rng.choice(PROVINCES)
        count = min(PASSAGES_PER_DOCUMENT, passages - first)
        text = "\n\n".join(paragraph(seeds, province, rng, seen) for _ in range(count))
        metadata = {"province": province, "provinces": [province], "source": "synthetic"}
        documents.append(Document(id=f"synthetic-{number:06d}", text=text, metadata=metadata,
                                  title=f"Chuyển đổi số tại {province}, bản tin {number}"))
    return documents
