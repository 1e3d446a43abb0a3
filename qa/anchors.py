"""What a question pins down, checked against where an answer stands, whichever reader found it.

A question naming a province is answered only from passages about it; one naming a year, a
code, a date, a period ("9 tháng năm 2023"), a role ("Chủ tịch UBND tỉnh") or an index ("DTI")
trusts an answer less when the answer's context does not name them too (`anchor_factor`); so does
one using names ("Pháp") its document mostly never writes with a capital, and one counting a unit
("bao nhiêu tổ công nghệ số") whose answer's sentence does not name it.
Pure functions on the analysed question and plain text.
"""

from functools import lru_cache

from index.vietnamese.text import fold_diacritics, normalize_for_matching
from qa.keywords import evidence_words
from qa.question import NAME_WORD, YEAR, AnalysedQuestion

CONTEXT_CHARS = 600  # document text before a passage that still sets its year and subject
MISSING_ANCHOR_FACTOR = 0.4
DISTANT_ANCHOR_FACTOR = 0.75
NAMED_INDEX_FACTOR = 0.6  # softer: an index is often paraphrased ("DTI" as "về chuyển đổi số")
# Units written as a symbol in documents ("99,8%"): their words need not be there.
SYMBOL_UNITS = frozenset({("phan", "tram"), ("phan",)})
ROLE_BODY_REACH = 5  # words between a title and its body ("Chủ tịch | UBND | tỉnh"; UBND reads as 4)


def about_named_provinces(passage_text: str, metadata: dict, provinces: tuple[str, ...]) -> bool:
    """A passage can answer for a province its document is about or that it names."""
    if not provinces:
        return True
    covered = set(metadata.get("provinces") or [metadata.get("province")])
    if covered & set(provinces):
        return True
    text = fold_diacritics(normalize_for_matching(passage_text))
    return any(fold_diacritics(normalize_for_matching(name)) in text for name in provinces)


def context_before(document_text: str, passage_start: int) -> str:
    """The document text just before a passage: it still sets the passage's year and subject."""
    return document_text[max(0, passage_start - CONTEXT_CHARS):passage_start]


def holds_role(text: str, title: tuple[str, ...], body: tuple[str, ...]) -> bool:
    """Whether the text names the role itself: the title, not a deputy's ("Phó Chủ tịch"),
    followed by the body the question names ("Chủ tịch UBND tỉnh", not "Chủ tịch Hội đồng")."""
    words = evidence_words(text)
    for index in range(len(words) - len(title) + 1):
        if tuple(words[index:index + len(title)]) != title or (index and words[index - 1] == "pho"):
            continue
        after = words[index + len(title):index + len(title) + ROLE_BODY_REACH + len(body)]
        if not body or any(tuple(after[i:i + len(body)]) == body for i in range(len(after))):
            return True
    return False


@lru_cache(maxsize=1024)
def context_evidence(context: str) -> tuple[frozenset[str], str]:
    """A passage's words with its context, as a set and as one spaced string; the sentences of
    a passage share them."""
    found = evidence_words(context)
    return frozenset(found), f" {' '.join(found)} "


@lru_cache(maxsize=256)
def name_words(text: str) -> frozenset[str]:
    """A text's words folded with their case kept, to meet a question's `names` in; a word in
    capitals ("HUYỆN BẢO THẮNG", a heading) also as a name ("Bao", "Thang")."""
    found = set(NAME_WORD.findall(fold_diacritics(text)))
    return frozenset(found | {word.capitalize() for word in found if word.isupper()})


def names_asked_unit(sentence_words: set[str], question: AnalysedQuestion) -> bool:
    """Whether a sentence names what a "bao nhiêu …" question counts: the unit's head word and
    half its words ("1.473 Tổ công nghệ số cộng đồng" for "bao nhiêu tổ công nghệ số")."""
    units = [unit for unit in question.asked_units if unit[:2] not in SYMBOL_UNITS and unit[:1] not in SYMBOL_UNITS]
    return not units or any(unit[0] in sentence_words and 2 * sum(w in sentence_words for w in unit) >= len(unit)
                            for unit in units)


def anchor_factor(question: AnalysedQuestion, sentence: str, passage_text: str, before: str,
                  document_text: str | None = None) -> float:
    """How far an answer's sentence and its context (the passage, the text `before` it) name
    what the question does: its year, its anchors, the role and the index it asks about; and
    whether its document (title and text; the context when not given) writes the names the
    question uses: a paragraph may call its subject only "ông" while its title names him.
    1 when all are there."""
    factor = 1.0
    context = before + " " + passage_text
    if question.years and not set(question.years) & set(YEAR.findall(context)):
        factor *= MISSING_ANCHOR_FACTOR  # the question's year is nowhere near this answer
    passage_words, folded_context = context_evidence(context)
    sentence_words = set(evidence_words(sentence))
    if any(anchor not in passage_words for anchor in question.anchors):
        factor *= MISSING_ANCHOR_FACTOR  # "Quyết định 1575/QĐ-UBND" is not "1574/QĐ-UBND"
    elif any(anchor not in sentence_words for anchor in question.anchors):
        factor *= DISTANT_ANCHOR_FACTOR  # named nearby, not by the sentence that answers
    if not names_asked_unit(sentence_words, question):
        factor *= MISSING_ANCHOR_FACTOR  # "bao nhiêu tổ công nghệ số" is not answered by a share of files
    written = name_words(context if document_text is None else document_text) if question.names else frozenset()
    if 2 * sum(name not in written for name in question.names) > len(question.names):
        # "dân số của Pháp" is not answered by a document that never names Pháp; a title's
        # capitals ("Đề án Chính quyền số") may be written otherwise, so only most missing counts
        factor *= MISSING_ANCHOR_FACTOR
    if question.asked_role and not holds_role(context, *question.asked_role):
        factor *= MISSING_ANCHOR_FACTOR  # "Chủ tịch UBND tỉnh" is not answered by a "Phó Chủ tịch"
    if any(not any(f" {form} " in folded_context for form in forms) for forms in question.named_indexes):
        factor *= NAMED_INDEX_FACTOR  # a question about the PCI is not answered by the PAR index
    return factor


def anchored_confidence(score: float, factor: float) -> float:
    """A reader's score scaled by its answer's anchor factor: the confidence abstention compares."""
    return round(min(max(score * factor, 0.0), 1.0), 4)
