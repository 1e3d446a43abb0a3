"""A question analysed once: its text cleaned, folded and expanded, what it asks for (the
answer type), what it pins down (provinces, years, codes, periods, a role, an index), its
keywords and its retrieval query. Retrieval, every reader and the answer checks read this one
object; nothing downstream cleans or expands the question again.
"""

import re
from dataclasses import dataclass

from index.vietnamese.abbreviations import ABBREVIATIONS, expand_question, spelled_out
from index.vietnamese.lexicon import TITLES
from index.vietnamese.marks import MarkModel, restore_marks
from index.vietnamese.provinces import PROVINCE_ABBREVIATIONS, province_mentions
from index.vietnamese.text import fold_diacritics, has_diacritics, normalize_for_matching, normalize_whitespace, to_nfc
from index.vietnamese.tokens import folded_tokens, lexical_tokens
from qa.answer_types import ExpectedAnswer, classify_clean_question
from qa.keywords import evidence_spans, evidence_words, words

# A year, also inside a date ("5/2/2022"), but not a part of a larger number ("12.019").
YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d%]|[.,]\d)")

# Words that ask rather than describe: they never count as evidence. Compared with their
# accents when the question has them ("tài khoản" is not "tại"); folded otherwise, less the
# folded forms too ambiguous to drop ("tai" is also "tài", "co" also "cơ").
QUESTION_WORDS = frozenset(normalize_for_matching(word) for word in """
    bao nhiêu mấy là gì nào ai đâu khi lúc thế sao vì tại ra được không chưa có hay hỏi cho mình em
    tôi bạn ơi à nhỉ vậy thì của về với và các những một ở từ đến trong trên dưới theo như bn ntn
    hiện nay tính đã đang sẽ bị ko k thứ xếp hạng
    giờ rồi ạ hả nhé nha luôn đc thế vậy chứ biết xem giúp
""".split())
# How a rank question phrases the rank itself ("đứng thứ mấy toàn quốc"): no evidence of
# what is ranked, and every rank in a sentence has them.
RANK_PHRASING = frozenset(normalize_for_matching(word) for word in "đứng xếp vị trí toàn quốc cả nước".split())
RANK_CUES = ("thứ mấy", "hạng mấy", "thứ bao nhiêu", "hạng bao nhiêu", "xếp thứ", "đứng thứ", "xếp hạng")
AMBIGUOUS_WHEN_FOLDED = frozenset({"tai", "co", "da", "ra"})
FOLDED_QUESTION_WORDS = frozenset(fold_diacritics(word) for word in QUESTION_WORDS) - AMBIGUOUS_WHEN_FOLDED


@dataclass(frozen=True)
class AnalysedQuestion:
    text: str                      # cleaned: NFC, plain whitespace
    folded: str                    # lowercase, without diacritics
    expanded: str                  # with abbreviation expansions (and marks restored when typed
                                   # without): embedded for dense search, read by the neural reader
    # BM25 tokens of the expanded text per lexical view: "folded" always, "words" when the
    # question was typed with diacritics (the words view is sharper; the folded one forgives
    # a wrong or missing tone mark, and is all an unaccented question can match).
    lexical_tokens: dict[str, list[str]]
    expected: ExpectedAnswer
    provinces: tuple[str, ...]     # provinces the question names
    years: tuple[str, ...]         # years the question names
    keywords: tuple[str, ...]      # folded content words of the expanded question
    asked_units: tuple[tuple[str, ...], ...] = ()  # folded words counted: "bao nhiêu mục tiêu, nhiệm vụ"
    fold: bool = True              # typed without diacritics: match words without them
    anchors: tuple[str, ...] = ()  # codes and dates the question names: an answer's passage must hold them
    named_indexes: tuple[tuple[str, ...], ...] = ()  # "DTI" and the other ways to write it
    slot_words: tuple[str, ...] = ()  # folded words just before "gì/nào/đâu": the answer follows them
    asked_role: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # "ai" after a title: (title, body)
    names: tuple[str, ...] = ()  # words of the names it uses ("Pháp"), folded, capital kept


# "thứ mấy toàn quốc" asks for a rank: what follows is not a unit.
QUANTITY_CUE = re.compile(r"(?<!\w)(?<!thu )(?<!hang )(?:bao nhieu|may|bn)\s+(?P<units>[^?.!;]+)")
UNIT_STOP_WORDS = frozenset("""
    la co duoc da dang se cua o trong tren cho theo vao nam thang ngay hien nay roi vay the a
    nhi ha khong chua do nhu voi tu den khi va thi ma so
""".split())
GENERIC_UNITS = frozenset({"cai", "con", "chiec"})
MAX_UNIT_WORDS = 3


def asked_units(folded: str) -> tuple[tuple[str, ...], ...]:
    """What 'bao nhiêu …' counts: the words after the cue, split at ',' or 'và'."""
    match = QUANTITY_CUE.search(folded)
    if not match:
        return ()
    units = []
    for part in re.split(r",|\bva\b", match["units"]):
        words = []
        for word in part.split():
            if word in UNIT_STOP_WORDS or not word.isalpha():
                break
            words.append(word)
        if words and words[0] not in GENERIC_UNITS:
            units.append(tuple(words[:MAX_UNIT_WORDS]))
        if not words:
            break
    return tuple(units)


WH_SLOT = re.compile(r"((?:[^\W\d_]+ ){1,2})(?:gi|nao|dau)(?!\w)")
# Words before a wh-word's noun that are not part of it: "với hội nào" asks for a "hội".
SLOT_FILLERS = frozenset({"la", "nhung", "cac", "co", "o", "tai", "gom", "voi", "vao", "cua", "cho", "tu",
                          "trong", "tren"})
# "ở đâu" is answered "tại …" as often as "ở …".
# "ở đâu" / "tại đâu" hang on a place preposition, found in a sentence with its marks: folded,
# "tai" is also the "tài" of "tài khoản" and "o" the "ô" of "ô tô".
SLOT_SYNONYMS = {"o": ("ở", "tại"), "tai": ("tại", "ở")}


def slot_words(folded: str) -> tuple[str, ...]:
    """The words a wh-word hangs on: "gồm những trụ cột nào" -> ("tru", "cot"); "bằng gì" -> ("bang",)."""
    match = None
    for match in WH_SLOT.finditer(folded):
        pass
    if not match:
        return ()
    found = match.group(1).split()
    while len(found) > 1 and found[0] in SLOT_FILLERS:
        found = found[1:]
    return tuple(found)


# Codes, dates and technical names the answer's passage must hold: 1574/QĐ-UBND, 09-NQ/TU,
# 7/3/2019, 3/63, 5G (a question about 5G stations is not answered by a count of all stations),
# and the months of a period ("9 tháng năm 2023" is not the whole year).
ANCHOR = re.compile(r"\d+(?:[/-][\w]+)+|(?<!\w)\d+[^\W\d_]{1,3}(?!\w)|(?<![\w.,])\d{1,2}(?=\s+(?:tháng|thang)\s+(?:đầu\s+|dau\s+)?(?:năm|nam)\b)")


def anchors(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(words(" ".join(m.group() for m in ANCHOR.finditer(text)))))


ACRONYM = re.compile(r"(?<![\w&])[A-ZĐ]{3,}(?![\w&])")


def named_acronyms(text: str) -> tuple[tuple[str, ...], ...]:
    """Upper-case names the question uses (DTI, PCI, PAPI, ICT), each with its long form:
    a rank "về chỉ số PAR" does not answer a question about the PCI."""
    found = []
    for token in dict.fromkeys(ACRONYM.findall(text)):
        if token.lower() in PROVINCE_ABBREVIATIONS:
            continue
        forms = [fold_diacritics(token.lower())]
        if long := ABBREVIATIONS.get(token):
            forms.append(fold_diacritics(long.lower()))
        found.append(tuple(forms))
    return tuple(found)


def named_provinces(text: str) -> tuple[str, ...]:
    names = list(province_mentions(text))
    for token in re.findall(r"\b[A-Za-zĐđ]{2,4}\b", text):
        if token.isupper() and (name := PROVINCE_ABBREVIATIONS.get(token.lower())):
            names.append(name)
    return tuple(dict.fromkeys(names))


# The titles entity extraction knows, folded, longest first: "phó chủ tịch" before "chủ tịch".
FOLDED_TITLES = sorted((tuple(fold_diacritics(title).split()) for title in TITLES), key=len, reverse=True)
ROLE_BODY_WORDS = 2
ROLE_LINKS = frozenset({"cua", "o", "tai", "thuoc"})  # "Giám đốc của Sở …"
ROLE_ENDS = frozenset({"la", "ai", "hien", "nay", "hom", "do", "nao"})  # where the question resumes


def asked_role(text: str, expected: ExpectedAnswer) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The title a question for a person names, with the first words of its body, folded:
    "Chủ tịch UBND tỉnh … là ai?" -> (("chu", "tich"), ("uy", "ban"))."""
    if expected.entity_kind != "person":
        return None
    sequence = evidence_words(text)
    for index in range(len(sequence)):
        for title in FOLDED_TITLES:
            if tuple(sequence[index:index + len(title)]) == title:
                after = sequence[index + len(title):]
                while after and after[0] in ROLE_LINKS:
                    after = after[1:]
                body = []
                for word in after[:ROLE_BODY_WORDS]:
                    if word in ROLE_ENDS:
                        break
                    body.append(word)
                return title, tuple(body)
    return None


def is_name_part(text: str, start: int) -> bool:
    """A capitalised word inside a sentence belongs to a name, whatever it looks like folded:
    "Quang Ha" names a town, where "ha" alone is the particle "hả"."""
    return start > 0 and text[start].isupper() and text[:start].rstrip()[-1:] not in ("", ".", "?", "!")


NAME_WORD = re.compile(r"[^\W\d_]+")


def named_words(text: str, provinces: tuple[str, ...]) -> tuple[str, ...]:
    """The words of names the question uses inside its sentence, folded with their capital kept:
    "Dân số của Pháp là bao nhiêu?" -> ("Phap",). An answer's context must name them too, and a
    capital tells "Pháp" (France) from "pháp" (as in "giải pháp"). Acronyms (DTI, UBND) and
    provinces, which a passage may leave to its document, are checked their own ways."""
    province_words = {word for name in provinces for word in fold_diacritics(name.lower()).split()}
    found = []
    for match in NAME_WORD.finditer(text):
        word = match.group()
        if word.isupper() or not is_name_part(text, match.start()):
            continue
        if fold_diacritics(word.lower()) not in province_words:
            found.append(fold_diacritics(word))
    return tuple(dict.fromkeys(found))


def retrieval_views(expanded: str, accented: bool) -> dict[str, list[str]]:
    views = {"folded": folded_tokens(expanded)}
    if accented:  # expansions add accents the person did not type
        views["words"] = lexical_tokens(expanded)
    return views


def analyse_question(raw: str, marks: MarkModel | None = None) -> AnalysedQuestion:
    """What a question asks and how to match it; `marks`, learned from the corpus asked, puts the
    diacritics back on a question typed without them for what reads it as text (its embedding
    and the neural reader). Matching words stays folded: a wrong mark there would miss."""
    text = normalize_whitespace(to_nfc(raw))
    folded = fold_diacritics(text.lower())
    fold = not has_diacritics(text)
    expanded = expand_question(restore_marks(marks, text) if fold and marks is not None else text)
    expected = classify_clean_question(text)
    stop_words = FOLDED_QUESTION_WORDS if fold else QUESTION_WORDS
    if expected.cue in RANK_CUES:
        stop_words = stop_words | ({fold_diacritics(w) for w in RANK_PHRASING} if fold else RANK_PHRASING)
    keywords = tuple(dict.fromkeys(word for word, start, _ in evidence_spans(expanded, fold)
                                   if word not in stop_words or is_name_part(expanded, start)))
    provinces = named_provinces(text)
    # what it counts, read with abbreviations spelled out ("bao nhiêu TTHC"): folded, an
    # upper-case "BN" (Bắc Ninh) would read as texting for "bao nhiêu"
    counted = asked_units(fold_diacritics(spelled_out(text).lower()))
    return AnalysedQuestion(text=text, folded=folded, expanded=expanded,
                            lexical_tokens=retrieval_views(expanded, accented=not fold), expected=expected,
                            provinces=provinces, years=tuple(dict.fromkeys(YEAR.findall(text))),
                            keywords=keywords, asked_units=counted, fold=fold, anchors=anchors(text),
                            named_indexes=named_acronyms(text),
                            slot_words=slot_words(folded), asked_role=asked_role(text, expected),
                            names=named_words(text, provinces))
