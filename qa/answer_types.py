"""What kind of answer a question expects, read from its question words ("bao nhiêu", "xã nào").

Questions are matched on their folded form, so "ty le ... la bao nhieu" reads like "tỷ lệ ... là
bao nhiêu". A word typed with diacritics must carry the cue's own marks, though: "máy tính" is not
"mấy", "ải" is not "ai". Unaccented text keeps the ambiguity (see `_is_question_may`).

Precedence, when a question holds several cues. Strong cues are question words; weak cues only
name a topic ("tỷ lệ", "xếp thứ") and decide alone only when there is no strong cue.
1. code    "số hiệu", "quyết định số mấy": the question asks for the document, so its date or
           count words do not matter.
2. date    "năm nào", "ngày bao nhiêu" beat "bao nhiêu"/"mấy": "năm bao nhiêu" asks for a year.
3. percent "bao nhiêu phần trăm", "mấy %" beat the bare "bao nhiêu".
4. number  "bao nhiêu", "mấy", "thứ mấy". A weak percent cue turns it into percent
           ("tỷ lệ ... là bao nhiêu"); the caller falls back to number when a ratio like
           "1,3 thuê bao/người" is the real answer.
5. entity  "ai", "cơ quan nào", "xã nào", "tên là gì"; then any other "<noun> nào" as a name.
6. text    "vì sao", "như thế nào", "là gì", "gì": a question word, so it beats the weak cues
           ("Vì sao tỷ lệ nhập cư … cao?" asks for a reason, not a share).
Weak cues, in order percent then number, decide only questions with none of the above.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from index.vietnamese.text import (
    fold_diacritics,
    has_diacritics,
    normalize_for_matching,
    normalize_tone_placement,
    normalize_whitespace,
    to_nfc,
)

ANSWER_TYPES = ("number", "percent", "date", "code", "entity", "text")
ENTITY_KINDS = ("person", "organization", "location", "name")


@dataclass(frozen=True)
class ExpectedAnswer:
    answer_type: str  # one of ANSWER_TYPES
    entity_kind: str | None  # for "entity": one of ENTITY_KINDS, else None
    cue: str | None  # the question phrase that decided it, e.g. "bao nhiêu", "xã nào"


# Documents whose number a question may ask for: "quyết định số mấy", "văn bản nào".
DOCUMENT_WORDS = (
    "nghị quyết", "quyết định", "kế hoạch", "thông tư", "nghị định", "chỉ thị", "công văn",
    "văn bản", "qđ", "nq", "kh",
)
DOCUMENT_ASKS = ("nào", "số nào", "số mấy", "số bao nhiêu", "số gì", "số")
CODE_CUES = ("số hiệu", "ký hiệu", "kí hiệu", "mã số") + tuple(
    f"{document} {ask}" for document in DOCUMENT_WORDS for ask in DOCUMENT_ASKS
)
DATE_CUES = (
    "ngày nào", "ngày bao nhiêu", "ngày mấy", "khi nào", "bao giờ", "năm nào", "năm bao nhiêu",
    "năm mấy", "tháng nào", "tháng mấy", "tháng bao nhiêu", "quý nào", "thời gian nào",
    "thời điểm nào", "giai đoạn nào", "từ năm nào", "từ bao giờ", "từ khi nào", "lúc nào",
    "hồi nào", "mấy giờ",
)
PERCENT_CUES = (
    "bao nhiêu phần trăm", "mấy phần trăm", "bao nhiêu %", "mấy %", "bn %", "bn phần trăm",
)
NUMBER_CUES = (
    "bao nhiêu", "mấy", "bn", "thứ mấy", "hạng mấy", "thứ bao nhiêu", "hạng bao nhiêu",
    "tăng mấy bậc", "bao nhiêu bậc", "bao xa", "bao lâu",
)
PERSON_CUES = ("ai", "người nào")
# "Đơn vị" is a body or a commune alike: any kind of name answers it.
ANY_ENTITY_CUES = ("đơn vị nào",)
ORGANIZATION_CUES = (
    "cơ quan nào", "tổ chức nào", "doanh nghiệp nào", "sở nào", "bộ nào", "ban nào",
    "nhà mạng nào", "công ty nào", "tập đoàn nào", "ngân hàng nào", "bệnh viện nào", "trường nào",
    "cục nào", "hội đồng nào", "hội nào", "viện nào", "ủy ban nào", "tổng cục nào", "văn phòng nào",
    "trung tâm nào", "công an nào",
)
LOCATION_CUES = (
    "ở đâu", "tại đâu", "nơi đâu", "chỗ nào", "xã nào", "huyện nào", "phường nào", "thị xã nào",
    "thị trấn nào", "tỉnh nào", "thành phố nào", "tp nào", "tx nào", "quận nào", "thôn nào",
    "địa phương nào", "địa bàn nào", "nơi nào", "khu vực nào", "vùng nào", "chợ nào",
    "nước nào", "quốc gia nào",
)
NAME_CUES = (
    "tên là gì", "tên gì", "tên viết tắt", "tên gọi", "ứng dụng nào", "ứng dụng gì", "app nào",
    "app gì", "phần mềm nào", "phần mềm gì", "nền tảng nào", "nền tảng gì", "hệ thống nào",
    "chương trình nào", "đề án nào", "dự án nào", "mô hình nào", "chỉ số nào", "trang web nào",
    "website nào", "cổng nào",
)
WEAK_PERCENT_CUES = ("tỷ lệ", "tỉ lệ", "tỷ trọng", "tỉ trọng", "phần trăm", "%")
WEAK_NUMBER_CUES = ("số lượng", "tổng số", "xếp thứ", "đứng thứ", "xếp hạng")
TEXT_CUES = ("như thế nào", "thế nào", "ra sao", "vì sao", "tại sao", "là gì", "gì")

# "Địa chỉ trang dịch vụ công … là gì", "địa chỉ email … ở đâu": a web or mail address, which
# decides before "ở đâu" (a place) or "là gì" (a description) would.
WEB_ADDRESS_CUE = "địa chỉ"
_WEB_ADDRESS = re.compile(r"(?<!\w)dia chi\b.*(?<!\w)(?:la gi|gi|o dau|nao)(?!\w)")
_ONLINE_WORDS = re.compile(r"(?<!\w)(?:trang|web|website|cong thong tin|cong dich vu|email|e-mail|thu dien tu"
                           r"|truc tuyen|online|truy cap|url)(?!\w)")
# "<noun> nào" asks for a name unless the noun asks for a manner or a reason.
NOT_NAMING_BEFORE_NAO = ("thế", "cách", "lý do", "lí do", "nguyên nhân", "mức độ", "hình thức")
# Unaccented "may" is "máy" (machine) before these words, not the question word "mấy".
MACHINE_WORDS = ("tính", "quét", "móc", "chủ", "in", "ảnh", "bay", "lạnh", "giặt", "phát", "chiếu",
                 "mắn", "mặc", "khoan", "bơm", "vi tính")  # fmt: skip
# Lowercase "bn" is "bao nhiêu" after these words or before "%"/the end; "BN" is Bắc Ninh.
BN_QUANTITY_BEFORE = ("là", "có", "được", "đạt", "mất", "hết", "khoảng", "tầm", "chiếm", "tăng",
                      "giảm", "thứ", "hạng", "gồm")  # fmt: skip
# Number cues that a "tỷ lệ" in the question turns into percent; ranks ("thứ mấy") stay numbers.
PLAIN_QUANTITY_CUES = ("bao nhiêu", "mấy", "bn")


@dataclass(frozen=True)
class _Cue:
    phrase: str  # as the table writes it, reported in ExpectedAnswer.cue
    words: tuple[str, ...]  # lowercase, modern tone placement
    pattern: re.Pattern  # on the folded question


def _compile(cues: tuple[str, ...]) -> tuple[_Cue, ...]:
    """Fold each cue into a whitespace-tolerant pattern; "%" may touch the word before it."""
    compiled = []
    for phrase in cues:
        words = tuple(normalize_for_matching(phrase).split())
        folded = [fold_diacritics(word) for word in words]
        pattern = re.escape(folded[0])
        for word in folded[1:]:
            pattern += (r"\s*" if word == "%" else r"\s+") + re.escape(word)
        start = r"(?<!\w)" if folded[0][0].isalnum() else ""
        end = r"(?!\w)" if folded[-1][-1].isalnum() else ""
        compiled.append(_Cue(phrase, words, re.compile(start + pattern + end)))
    return tuple(compiled)


def _with_gi_variants(cues: tuple[str, ...]) -> tuple[str, ...]:
    """ "Which X" also reads "X gì" in everyday speech: "thành phố gì", "cơ quan gì"."""
    return cues + tuple(cue.removesuffix(" nào") + " gì" for cue in cues if cue.endswith(" nào"))


def _folded_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold_diacritics(normalize_for_matching(word)) for word in words)


_STRONG_ORDER = (
    ("code", None, _compile(CODE_CUES)),
    ("date", None, _compile(DATE_CUES)),
    ("percent", None, _compile(PERCENT_CUES)),
    ("number", None, _compile(NUMBER_CUES)),
    ("entity", "person", _compile(PERSON_CUES)),
    ("entity", None, _compile(_with_gi_variants(ANY_ENTITY_CUES))),
    ("entity", "organization", _compile(_with_gi_variants(ORGANIZATION_CUES))),
    ("entity", "location", _compile(_with_gi_variants(LOCATION_CUES))),
    ("entity", "name", _compile(_with_gi_variants(NAME_CUES))),
)
_WEAK_PERCENT = _compile(WEAK_PERCENT_CUES)
_WEAK_ORDER = (("percent", None, _WEAK_PERCENT), ("number", None, _compile(WEAK_NUMBER_CUES)))
_TEXT = _compile(TEXT_CUES)
_NOT_NAMING = _folded_set(NOT_NAMING_BEFORE_NAO)
_MACHINE_WORDS = _folded_set(MACHINE_WORDS)
_BN_QUANTITY_BEFORE = _folded_set(BN_QUANTITY_BEFORE)
_NAO = re.compile(r"(?<!\w)nao(?!\w)")
_DIGIT_NEXT = re.compile(r"\s*\d")
_PERCENT_NEXT = re.compile(r"\s*(?:%|phan tram)")
_OPENING_MARKS = " \"'“‘(-–—"  # before a question's first word
_QUESTION_END = re.compile(r"\s*[?!.…]*\s*\Z")


@dataclass(frozen=True)
class _Question:
    text: str  # NFC, modern tone placement, single spaces, lowercase
    folded: str  # `text` without diacritics, same length, so offsets agree
    cased: str  # `text` before lowercasing, to tell "bn" from "BN" and "ai" from "AI"


def classify_question(question: str) -> ExpectedAnswer:
    """The answer type a question expects, with the cue that decided it (see the module doc)."""
    return classify_clean_question(normalize_whitespace(to_nfc(question)))


def classify_clean_question(text: str) -> ExpectedAnswer:
    """classify_question for a question already in NFC with plain whitespace (qa.question)."""
    parsed = _parse(text)
    if _WEB_ADDRESS.search(parsed.folded) and _ONLINE_WORDS.search(parsed.folded):
        return ExpectedAnswer("entity", "name", WEB_ADDRESS_CUE)
    strong = _first_category(parsed, _STRONG_ORDER)
    if strong is not None:
        if strong.cue in PLAIN_QUANTITY_CUES and (percent := _best_cue(parsed, _WEAK_PERCENT)):
            return ExpectedAnswer("percent", None, percent)
        return strong
    if (which := _generic_which(parsed)) is not None:
        return ExpectedAnswer("entity", "name", which)
    if (asked := _best_cue(parsed, _TEXT)) is not None:
        return ExpectedAnswer("text", None, asked)
    return _first_category(parsed, _WEAK_ORDER) or ExpectedAnswer("text", None, None)


def _parse(question: str) -> _Question:
    cased = normalize_tone_placement(question)
    text = cased.lower()
    if len(text) != len(cased):  # a rare letter whose lowercase is longer ("İ")
        cased = text
    return _Question(text=text, folded="".join(_fold_letter(char) for char in text), cased=cased)


@lru_cache(maxsize=4096)
def _fold_letter(char: str) -> str:
    return fold_diacritics(char)[:1] or char


def _first_category(question: _Question, order) -> ExpectedAnswer | None:
    """The first category in order that the question cues, unless a later one's cue holds
    it: folded, "chi so nao" (chỉ số nào) holds "so nao", which is also "sở nào"."""
    found = [ExpectedAnswer(answer_type, kind, cue) for answer_type, kind, cues in order
             if (cue := _best_cue(question, cues)) is not None]
    if not found:
        return None
    first = found[0]
    folded = fold_diacritics(first.cue)
    return next((other for other in found[1:] if fold_diacritics(other.cue).endswith(" " + folded)), first)


def _best_cue(question: _Question, cues: tuple[_Cue, ...]) -> str | None:
    """The longest cue that the question contains, as the table writes it."""
    found = [cue.phrase for cue in cues if _contains(question, cue)]
    return max(found, key=len, default=None)


def _contains(question: _Question, cue: _Cue) -> bool:
    hits = cue.pattern.finditer(question.folded)
    return any(_is_valid_hit(question, cue, hit) for hit in hits)


def _is_valid_hit(question: _Question, cue: _Cue, hit: re.Match) -> bool:
    """A folded hit counts when every word was typed unaccented or with the cue's own marks."""
    written, expected = question.text[hit.start() : hit.end()].split(), list(cue.words)
    if len(written) != len(expected):  # "bao nhiêu%" against "bao nhiêu %"
        written, expected = ["".join(written)], ["".join(expected)]
    if not all(word == want or not has_diacritics(word) for word, want in zip(written, expected)):
        return False
    if cue.phrase == "ai":
        return _is_question_ai(question, hit)
    if "mấy" in cue.words and "may" in question.text[hit.start() : hit.end()].split():
        return _is_question_may(question, hit)
    if cue.words[0] == "bn":
        return _is_question_bn(question, hit)
    if cue.words[-1] == "số":  # "Quyết định số 1575 ...?" names the document, asks for another
        return not _DIGIT_NEXT.match(question.folded, hit.end())
    return True


def _is_question_ai(question: _Question, hit: re.Match) -> bool:
    """"ai" (who), not "AI" (artificial intelligence) nor the "Ai" of a name ("Ai Cập", "Ai Len"):
    with a capital it asks as the question's last word, or as its first before a word in lowercase."""
    written = question.cased[hit.start() : hit.end()]
    if written != "Ai":
        return written == "ai"
    if _QUESTION_END.match(question.cased, hit.end()):
        return True
    if question.cased[: hit.start()].strip(_OPENING_MARKS):
        return False
    following = question.cased[hit.end() :].split()[:1]
    return not following or not following[0][:1].isupper()


def _is_question_may(question: _Question, hit: re.Match) -> bool:
    """Unaccented "may" is "mấy" unless a "máy ..." word follows ("may tinh", "may quet")."""
    following = question.folded[hit.end() :].split()[:2]
    return not following or (
        following[0] not in _MACHINE_WORDS and " ".join(following) not in _MACHINE_WORDS
    )


def _is_question_bn(question: _Question, hit: re.Match) -> bool:
    """Colloquial "bn" (bao nhiêu), typed lowercase, after a verb or before "%" or the end."""
    start = hit.start()
    if question.cased[start : start + 2] != "bn":
        return False
    before = question.folded[:start].split()[-1:]
    after = start + 2
    return bool(set(before) & _BN_QUANTITY_BEFORE) or bool(
        _QUESTION_END.match(question.folded, after) or _PERCENT_NEXT.match(question.folded, after)
    )


def _generic_which(question: _Question) -> str | None:
    """Any other "<noun> nào" ("trụ cột nào", "chợ nào"): a question for a name."""
    for hit in _NAO.finditer(question.folded):
        if question.text[hit.start() : hit.end()] not in ("nào", "nao"):  # "não" (brain)
            continue
        before = question.folded[: hit.start()].split()
        if not before or before[-1] in _NOT_NAMING or " ".join(before[-2:]) in _NOT_NAMING:
            continue
        return question.text[: hit.start()].split()[-1] + " nào"
    return None
