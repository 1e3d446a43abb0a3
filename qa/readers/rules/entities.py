"""Entity candidates in one sentence: people, organisations, locations and other names.

qa.readers.rules.spans.typed_spans calls `entity_spans` with the sentence's numeric atoms and the codes it
found; a name never runs through a code or a URL. Every entity is a SpanCandidate of answer type
"entity" with an `entity_kind` ("person", "organization", "location" or "name").

Words are read from left to right (`_entities_at`); at each one, the longest category phrase
starting there decides:
- a place word ("xã Hà Lâu") takes the capitalised words after it, where the value starts;
- an organisation's or a thing's head ("Sở Kế hoạch và Đầu tư", "Cổng dịch vụ công quốc gia")
  takes the words after it, and a person's name at its end is split off;
- a standalone organisation ("UBND") may take a place after it ("UBND tỉnh Quảng Ninh");
- a title or an honorific ("Chủ tịch", "ông") makes the capitalised words after it a person's
  name, without the title.
Otherwise a run of capitalised words is a province, a person or another name
(`_proper_run`). Short quoted titles, URLs and e-mail addresses are names too; of overlapping entities the longest
is kept.

Limits, on purpose: words are matched as written, without a dictionary or a model. An
organisation's name ends at the first function word or frequent verb (STOP_WORDS) or
punctuation; lists of names stay separate candidates.
"""

import re

from index.vietnamese import lexicon
from index.vietnamese.provinces import ALIASES, PROVINCES
from qa.readers.rules.name_words import (CAPITALISED_ROLES, is_acronym, is_name_stop, is_name_syllable, is_proper,
                                         phrase_at, proper_run_end, read_words, starts_category)  # fmt: skip
from qa.readers.rules.span_parts import VERSION_ATOM, Core, SpanCandidate, Word, normalized, overlaps, span

SURNAMES = normalized(lexicon.SURNAMES)
# Capitalised abbreviations of common nouns, not names: "100% TTHC", "GRDP".
COMMON_ACRONYMS = normalized(lexicon.COMMON_ACRONYMS)
PLACE_NAMES = normalized((*PROVINCES, *ALIASES))
MAX_NAME_WORDS = 10
MAX_PERSON_WORDS = 4
MAX_QUOTED_WORDS = 12

_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")
_URL_ATOM = re.compile(r"(?:https?://|www\.)", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_QUOTED = re.compile(r"[“\"]([^“”\"]{1,150})[”\"]")


def is_web_address(text: str) -> bool:
    """A URL or an e-mail address, as entity candidates take them."""
    return bool(_URL_ATOM.match(text) or _EMAIL.fullmatch(text))


def entity_spans(sentence: str, atoms: list[re.Match], codes: list[Core]) -> list[SpanCandidate]:
    """Entities of `sentence`, none overlapping; a code or a URL (among `atoms`) breaks a name."""
    urls = [Core(atom.start(), atom.start(), atom.end(), "entity", "none")
            for atom in atoms if _URL_ATOM.match(atom.group())]  # fmt: skip
    urls += [Core(m.start(), m.start(), m.end(), "entity", "none") for m in _EMAIL.finditer(sentence)
             if not overlaps(m.start(), m.end(), urls)]  # fmt: skip
    words = read_words(sentence, codes + urls)
    found = [span(sentence, url.start, url.start, url.end, "entity", "name") for url in urls]
    found += _quoted_names(sentence)
    index = 0
    while index < len(words):
        spans, index = _entities_at(sentence, words, index)
        found += spans
    return _without_overlaps(found)


def _entities_at(sentence: str, words: list[Word], index: int) -> tuple[list[SpanCandidate], int]:
    """The entities that start at words[index], and the index to go on from."""
    role, length = phrase_at(words, index)
    after = index + length
    if role in ("honorific", "title"):
        end = proper_run_end(words, after, MAX_PERSON_WORDS)
        if end > after and (role == "honorific" or _is_titled_name(words, after, end)):
            return [_entity(sentence, words, after, end, "person")], end
        if role == "title":
            return [], after
    elif role == "location":
        start = after
        if after < len(words) and words[after].joined and phrase_at(words, after)[0] == "location":
            start = after + phrase_at(words, after)[1]  # "chợ thị trấn Đầm Hà": a place in a place
        end = proper_run_end(words, start, MAX_NAME_WORDS)
        if end > start:
            return [_entity(sentence, words, index, end, "location", value_index=after)], end
    elif role in ("organization", "name"):
        end = _continuation_end(words, after, lowercase_after_and=role == "organization")
        if end == after:
            return [], after
        return _split_person_tail(sentence, words, index, end, role), end
    elif role == "standalone":
        return _standalone_organization(sentence, words, index, after)
    if is_proper(words[index].text):
        return _proper_run(sentence, words, index)
    return [], index + 1


def _is_titled_name(words: list[Word], start: int, end: int) -> bool:
    """ "Thủ tướng Phạm Minh Chính"; not "Chủ tịch UBND", "Giám đốc Sở ..." (an organisation)."""
    return (end - start >= 2 and phrase_at(words, start)[0] is None
            and not any(is_acronym(word.text) for word in words[start:end]))  # fmt: skip


def _continuation_end(words: list[Word], index: int, lowercase_after_and: bool) -> int:
    """End of the words naming an organisation or a thing after its head: any words up to
    punctuation, a number, a stop word or MAX_NAME_WORDS. "và" joins a capitalised word that is no
    new head ("Sở Kế hoạch và Đầu tư", not "Ban Kinh tế Trung ương và Bộ ..."), and for an
    organisation a lowercase word too ("Cục Công nghệ thông tin và truyền thông")."""
    end = index
    while end < len(words) and end - index < MAX_NAME_WORDS and words[end].joined:
        word = words[end]
        if word.text[0].isdigit() and not (end > index and VERSION_ATOM.fullmatch(word.text)):
            break
        if word.norm == "và" and not _continues_after_and(words, end + 1, lowercase_after_and):
            break
        if word.norm != "và" and is_name_stop(words, end):
            break
        end += 1
    return end


def _continues_after_and(words: list[Word], index: int, lowercase: bool) -> bool:
    if index >= len(words) or not words[index].joined or is_name_stop(words, index):
        return False
    if is_proper(words[index].text):
        return phrase_at(words, index)[0] not in CAPITALISED_ROLES
    return lowercase


def _standalone_organization(sentence: str, words: list[Word], index: int, after: int):
    """ "UBND", "UBND tỉnh", "UBND TP Hạ Long", "Viettel Quảng Ninh"; "Chính phủ số" is none."""
    following = words[after] if after < len(words) and words[after].joined else None
    if following is not None and following.norm in ("số", "điện"):  # "Chính phủ điện tử"
        return [], after
    end = after
    role, length = phrase_at(words, after) if following is not None else (None, 0)
    if role == "location":
        end = proper_run_end(words, after + length, MAX_NAME_WORDS)
    elif following is not None and role is None:
        end = proper_run_end(words, after, MAX_NAME_WORDS)
    return [_entity(sentence, words, index, end, "organization")], end


def _split_person_tail(sentence: str, words: list[Word], start: int, end: int, role: str):
    """A person's name right after an organisation ("Bộ Thông tin và Truyền thông Nguyễn Mạnh
    Hùng") is split off where a surname starts the trailing capitalised syllables."""
    kind = "organization" if role == "organization" else "name"
    tail = end
    while tail > max(start + 1, end - MAX_PERSON_WORDS) and is_name_syllable(words[tail - 1].text):
        tail -= 1
    for split in range(tail, end - 1):
        name = words[split:end]
        if name[0].norm in SURNAMES and " ".join(word.norm for word in name) not in PLACE_NAMES:
            return [_entity(sentence, words, start, split, kind),
                    _entity(sentence, words, split, end, "person")]  # fmt: skip
    return [_entity(sentence, words, start, end, kind)]


def _proper_run(sentence: str, words: list[Word], index: int) -> tuple[list[SpanCandidate], int]:
    """Capitalised words without a category word: a person, a province or another name.

    A lowercase word may bridge two capitalised ones ("Quốc gia Paygov"), except right after the
    first word of a sentence or clause, which is capitalised anyway ("Hạ tầng Internet"). A
    single capitalised word is skipped unless it is an acronym: it is mostly such a first word or
    the start of a common noun ("Chính quyền số"); so is a function word ("Để Nghị quyết").
    """
    if is_name_stop(words, index):
        return [], index + 1
    end = index + 1
    while end < len(words) and words[end].joined and not starts_category(words, end):
        if is_proper(words[end].text) or VERSION_ATOM.fullmatch(words[end].text):  # "Chợ 4.0"
            end += 1
        elif (end > index + 1 or words[index].joined) and _bridges(words, end):
            end += 2
        else:
            break
    if end == index + 1 and not _is_name_acronym(words[index]):
        return [], end
    kind = _proper_run_kind(sentence, words, index, end)
    return [_entity(sentence, words, index, end, kind)], end


def _bridges(words: list[Word], index: int) -> bool:
    """Whether the lowercase word at `index` joins two capitalised words of one name."""
    word, following = words[index], index + 1
    return (word.text.isalpha() and word.text.islower() and not is_name_stop(words, index)
            and phrase_at(words, index)[0] is None and following < len(words)
            and words[following].joined and is_proper(words[following].text)
            and not starts_category(words, following))  # fmt: skip


def _is_name_acronym(word: Word) -> bool:
    """ "VNeID", "SMAS", "QN_DTI"; not "TTHC", "GRDP" or a Roman numeral ("XV")."""
    return (is_acronym(word.text) and word.norm not in COMMON_ACRONYMS
            and not _ROMAN_NUMERAL.fullmatch(word.text))  # fmt: skip


def _proper_run_kind(sentence: str, words: list[Word], start: int, end: int) -> str:
    """A province (PLACE_NAMES), a person (a surname and 2-3 more syllables, or a title after a
    comma: "Ngô Hải Phan, Cục trưởng ..."), or a name."""
    run = words[start:end]
    if " ".join(word.norm for word in run) in PLACE_NAMES:
        return "location"
    syllables = all(is_name_syllable(word.text) for word in run)
    if not (syllables and 2 <= len(run) <= MAX_PERSON_WORDS):
        return "name"
    if run[0].norm in SURNAMES and len(run) >= 3:
        return "person"
    comma_then_title = (end < len(words) and sentence[run[-1].end : words[end].start].strip() == ","
                        and phrase_at(words, end, any_case=True)[0] == "title")  # fmt: skip
    return "person" if comma_then_title else "name"


def _entity(sentence: str, words: list[Word], start: int, end: int, kind: str,
            value_index: int | None = None) -> SpanCandidate:  # fmt: skip
    value_start = words[start if value_index is None else value_index].start
    return span(sentence, words[start].start, value_start, words[end - 1].end, "entity", kind)


def _quoted_names(sentence: str) -> list[SpanCandidate]:
    """A short quoted title that starts with a capital: “Thành phố vì tương lai”."""
    names = []
    for match in _QUOTED.finditer(sentence):
        content = match.group(1)
        start = match.start(1) + len(content) - len(content.lstrip())
        end = match.end(1) - (len(content) - len(content.rstrip()))
        words = sentence[start:end].split()
        if words and words[0][0].isupper() and len(words) <= MAX_QUOTED_WORDS:
            names.append(span(sentence, start, start, end, "entity", "name"))
    return names


def _without_overlaps(candidates: list[SpanCandidate]) -> list[SpanCandidate]:
    """Keep the longest of overlapping entities, earliest first; a quoted title wins a tie."""
    kept: list[SpanCandidate] = []
    for candidate in sorted(candidates, key=lambda span: (span.start, span.start - span.end)):
        if all(candidate.start >= other.end or other.start >= candidate.end for other in kept):
            kept.append(candidate)
    return kept
