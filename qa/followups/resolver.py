"""Follow-up questions rewritten from the conversation's last turn, before they are analysed.

"còn Bắc Ninh thì sao?" after "Quảng Ninh xếp thứ mấy về DTI năm 2022?" is
"Bắc Ninh xếp thứ mấy về DTI năm 2022?". Three forms, tried in this order:

- a swap: a cue ("còn …", "… thì sao", "vậy …") around slot values and no question of its
  own: the values replace the last question's (province, national scope, year, document code,
  index name), a remaining phrase replaces the term it shares a head or tail word with, or a
  sibling term ("toàn trình" / "một phần"); otherwise it is added as a qualifier;
- a reference: "tỉnh này", "ở đó", "nghị quyết đó", "kế hoạch trên" take their referent from the
  last turn: its answer when that turn asked for it ("tỉnh nào?" → "Bắc Ninh"), else the noun
  phrase it named ("Kế hoạch số 59/KH-UBND");
- an ellipsis: a cued or subjectless question ("và bao nhiêu nhiệm vụ?", "mục tiêu là bao
  nhiêu?") puts its question in the last one's place, or keeps the last one as its topic.

A rewritten question inherits the province and year it leaves out. A question with none of
these cues stands alone and is returned unchanged, as is any question without history.
Pure functions: no model, no state.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from index.vietnamese.text import fold_diacritics, has_diacritics, normalize_whitespace, to_nfc
from qa.answer_types import classify_clean_question
from qa.followups import lexicon
from qa.followups.slots import (Slot, Word, all_slots, as_typed, find_sequence, joined, province_slots,
                                text_words, year_slots)
from qa.question import FOLDED_QUESTION_WORDS, is_name_part, slot_words


@dataclass(frozen=True)
class Turn:
    """One earlier turn of the conversation, as the client sends it back."""
    question: str
    resolved_question: str | None = None
    answer: str | None = None  # what was answered: the referent of "tỉnh đó" after "tỉnh nào?"

    @property
    def resolved(self) -> str:
        return self.resolved_question or self.question


def resolve_question(question: str, history: Sequence[Turn]) -> str:
    """The question to answer: rewritten from the last turn when it leans on it, else `question`."""
    if not history or not question.strip():
        return question
    text = normalize_whitespace(to_nfc(question))
    last = history[-1]
    previous = normalize_whitespace(to_nfc(last.resolved))
    fold = not has_diacritics(text)
    words = text_words(text, fold)
    first, end, cued = strip_cues(words, fold)
    if first >= end:
        return question
    core = text[words[first].start:words[end - 1].end]
    mark = "?" if text.rstrip().endswith("?") else ""
    if is_swap(core, words[first:end], fold, cued):
        return finish(swap(previous, core), mark)
    referents = referent_replacements(text, words[first:end], fold, history)
    if referents:
        rewritten = replace_spans(text, referents)[words[first].start:]
        rewritten = rewritten[:len(rewritten) - (len(text) - words[end - 1].end)]
        return finish(inherit(rewritten, history), mark)
    if is_subjectless(core, fold):
        return finish(put_in_place(core, previous, fold) or with_topic(core, previous), mark)
    if cued:
        return finish(put_in_place(core, previous, fold) or inherit(core, history), mark)
    return question


def finish(rewritten: str, mark: str) -> str:
    rewritten = normalize_whitespace(rewritten).rstrip(" ?.,;")
    return rewritten[:1].upper() + rewritten[1:] + mark if rewritten else rewritten


# --- cues ---

def matches(words: list[Word], index: int, phrase: tuple[str, ...], fold: bool) -> bool:
    if index < 0 or index + len(phrase) > len(words):
        return False
    return all(words[index + k].form == cue_form(part, fold) for k, part in enumerate(phrase))


def cue_form(word: str, fold: bool) -> str:
    return fold_diacritics(word) if fold else word


def strip_cues(words: list[Word], fold: bool) -> tuple[int, int, bool]:
    """(first, end) of the words left once the follow-up cues are dropped, and whether any was."""
    particles = {cue_form(p, fold) for p in lexicon.TRAILING_PARTICLES}
    first, end, cued = 0, len(words), False
    for _ in range(2):  # "thì sao nhỉ": particles, then the cue, then particles again
        while end > first and words[end - 1].form in particles:
            end -= 1
        for phrase in lexicon.TRAIL_CUES:
            if end - len(phrase) > first and matches(words, end - len(phrase), phrase, fold):
                end, cued = end - len(phrase), True
                break
    for phrase in lexicon.LEAD_CUES:
        after = first + len(phrase)
        if matches(words, first, phrase, fold) and after < end and words[after].form != cue_form("nào", fold):
            first, cued = after, True
            break
    return first, end, cued


def is_swap(core: str, words: list[Word], fold: bool, cued: bool) -> bool:
    """A remainder with no question of its own: "Bắc Ninh", "năm 2021", "kinh tế số"."""
    asking = {cue_form(w, fold) for w in lexicon.QUESTION_WORDS}
    if any(w.form in asking for w in words) or len(words) > lexicon.MAX_SWAP_WORDS:
        return False
    return cued or (len(words) <= 4 and bool(all_slots(core) or scope_slots(core)))


# --- swaps ---

FILLERS = frozenset(fold_diacritics(w) for w in "ở tại của với đối về riêng năm tỉnh thì còn là đối_với".split())


def scope_slots(text: str) -> list[Slot]:
    words = text_words(text, fold=True)
    found = []
    for scope in lexicon.NATIONAL_SCOPES:
        index = find_sequence(words, scope)
        if index is not None:
            found.append(Slot("province", text[words[index].start:words[index + len(scope) - 1].end],
                              words[index].start, words[index + len(scope) - 1].end))
    return found


def swap(previous: str, core: str) -> str:
    """The last question with the core's slot values in place of its own."""
    previous = strip_end(previous)
    replacements, used = [], []
    places = province_slots(core) + scope_slots(core)
    if places:
        used += places
        value = places[0].value if places[0].value[:1].isupper() else core[places[0].start:places[0].end]
        targets = province_slots(previous) + scope_slots(previous)
        replacements += [(t.start, t.end, as_typed(value, previous)) for t in targets] or \
            [(len(previous), len(previous), f" ở {as_typed(value, previous)}")]
    for kind, label in (("year", "năm "), ("code", ""), ("index", "")):
        mine = [s for s in all_slots(core) if s.kind == kind]
        if not mine:
            continue
        used += mine
        target = main_slot(previous, kind)
        replacements.append((target.start, target.end, mine[0].value) if target else
                            (len(previous), len(previous), f" {as_typed(label, previous)}{mine[0].value}"))
    rest = [w for w in text_words(core, fold=True)
            if w.form not in FILLERS and not any(s.start <= w.start < s.end for s in used)]
    phrase = core[rest[0].start:rest[-1].end] if rest and any(w.form.isalpha() for w in rest) else None
    subject = subject_replacement(previous, phrase) if phrase else None
    swapped = replace_spans(previous, replacements + ([subject] if subject else []))
    if phrase and not subject:
        # Nothing in the last question to put it in place of: the phrase is asked the same way,
        # and what the last question counted ("bao nhiêu GRDP") is no longer what is asked.
        return with_topic(asked_like(phrase, swapped), without_counted(swapped))
    return swapped


def asked_like(phrase: str, question: str) -> str:
    """phrase asked with the question's own question words: "tỷ trọng …" -> "tỷ trọng … là bao nhiêu"."""
    expected = classify_clean_question(question)
    cue = expected.cue
    if not cue or not set(fold_diacritics(cue).split()) & {fold_diacritics(w) for w in lexicon.QUESTION_WORDS}:
        # a topic word ("tỷ lệ") decided the type, not a question word
        cue = "bao nhiêu" if expected.answer_type in ("number", "percent") else None
    if cue is None:
        return phrase
    link = "là " if expected.answer_type in ("number", "percent", "text") or cue == "ai" else ""
    return f"{phrase} {as_typed(link + cue, question)}"


def main_slot(text: str, kind: str) -> Slot | None:
    """The slot of that kind a swap replaces: for years, the one not set as a target ("đến năm 2025")."""
    slots = [s for s in all_slots(text) if s.kind == kind]
    if kind == "year":
        plain = [s for s in slots if fold_diacritics(text[:s.start].lower()).split()[-2:-1] != ["den"]]
        slots = plain or slots
    return slots[-1] if slots else None


def subject_replacement(previous: str, phrase: str) -> tuple[int, int, str] | None:
    """Where a swapped phrase goes: over the phrase sharing its head word, over a sibling term,
    or over the phrase sharing its tail word; None when nothing fits."""
    accented = has_diacritics(previous) and has_diacritics(phrase)
    mine, theirs = text_words(phrase, fold=not accented), text_words(previous, fold=not accented)
    if len(mine) >= 2 and (span := shared_head(previous, theirs, mine)):
        return span[0], span[1], phrase
    for group in lexicon.SIBLING_TERMS:
        members = [tuple(cue_form(m, not accented).split()) for m in group]
        if any(find_sequence(mine, m) is not None for m in members):
            for member in members:
                at = find_sequence(theirs, member)
                if at is not None and find_sequence(mine, member) is None:
                    return theirs[at].start, theirs[at + len(member) - 1].end, phrase
    if len(mine) >= 2 and (span := shared_tail(previous, theirs, mine)):
        return span[0], span[1], phrase
    return None


def is_stop(word: Word) -> bool:
    """A word ending a phrase, compared with its accents when it has any: "độ" is not "do"."""
    return word.form in lexicon.PHRASE_STOPS or (word.form.isascii() and word.form in FOLDED_STOPS)


FOLDED_STOPS = frozenset(fold_diacritics(w) for w in lexicon.PHRASE_STOPS)


def shared_head(text: str, theirs: list[Word], mine: list[Word]) -> tuple[int, int] | None:
    """"tài khoản doanh nghiệp" over "tài khoản cá nhân", "mức độ 3" over "mức độ 4"."""
    at = find_sequence(theirs, (mine[0].form,))
    if at is None or is_stop(mine[0]) or (at > 0 and theirs[at - 1].form[:1].isdigit()):
        return None
    end = at
    while end + 1 < len(theirs) and not is_stop(theirs[end + 1]) and joined(text, theirs, end, end + 1) \
            and not any(s.start == theirs[end + 1].start for s in all_slots(text)):
        end += 1
    return (theirs[at].start, theirs[end].end) if end > at else None


def shared_tail(text: str, theirs: list[Word], mine: list[Word]) -> tuple[int, int] | None:
    """"kinh tế số" over "chính quyền số": the last word ends a phrase in both."""
    for at in range(len(theirs)):
        if theirs[at].form != mine[-1].form or is_stop(mine[-1]):
            continue
        if at + 1 < len(theirs) and not is_stop(theirs[at + 1]) and joined(text, theirs, at, at + 1):
            continue
        start = at
        while start > 0 and not is_stop(theirs[start - 1]) and theirs[start - 1].form.isalpha() \
                and joined(text, theirs, start - 1, start) and at - start + 1 < len(mine):
            start -= 1
        if start < at:
            return theirs[start].start, theirs[at].end
    return None


# --- references ---

def referent_replacements(text: str, words: list[Word], fold: bool,
                          history: Sequence[Turn]) -> list[tuple[int, int, str]]:
    demonstratives = {cue_form(w, fold) for w in lexicon.DEMONSTRATIVES}
    prepositions = {cue_form(w, fold) for w in lexicon.PLACE_PREPOSITIONS}
    not_referring = {cue_form(w, fold) for w in lexicon.NOT_REFERRING_BEFORE}
    found = []
    for k, word in enumerate(words):
        if word.form not in demonstratives or k == 0:
            continue
        following = words[k + 1] if k + 1 < len(words) else None
        if words[k - 1].form in prepositions:
            if provinces := conversation_provinces(history):
                found.append((word.start, word.end, as_typed(provinces[0], text)))
            continue
        if words[k - 1].form in not_referring or not points_back(word, following, fold):
            continue
        replacement = referent(text, words, k, history)
        if replacement:
            found.append(replacement)
    return found


def points_back(word: Word, following: Word | None, fold: bool) -> bool:
    """"trên" refers only before a verb ("kế hoạch trên được …", not "trên địa bàn"); typed
    without accents, "do" is "đó" unless a body follows ("do cơ quan nào")."""
    form = fold_diacritics(word.form)
    if form == "tren" or (fold and form == "do"):
        return following is None or (is_stop(following) and fold_diacritics(following.form) not in {"co", "ai"})
    return True


def referent(text: str, words: list[Word], k: int, history: Sequence[Turn]) -> tuple[int, int, str] | None:
    """The replacement of "<noun> <demonstrative>" ending at words[k]: the last answer when the
    last turn asked for the noun, else the noun as the latest turn naming it named it."""
    last = history[-1]
    previous = last.resolved
    for size in (2, 1):
        if k - size < 0:
            continue
        noun = tuple(fold_diacritics(w.form) for w in words[k - size:k])
        if all(fold_diacritics(w) in DETERMINER_FORMS for w in noun):
            continue
        start, end = words[k - size].start, words[k].end
        if noun in FOLDED_PLACE_NOUNS:
            provinces = conversation_provinces(history)
            if provinces:
                name = as_typed(provinces[0], text)
                kept = text[start:words[k - 1].end] + " " if noun[0] == "tinh" else ""
                return start, end, kept + name
            return None
        if last.answer and asked_for(previous, noun):
            answer = last.answer.strip()
            noun_text = text[start:words[k - 1].end]
            starts_with_noun = fold_diacritics(answer.lower()).startswith(" ".join(noun))
            return start, end, answer if starts_with_noun or noun in FOLDED_PERSON_NOUNS else f"{noun_text} {answer}"
        for turn in reversed(history):
            if phrase := noun_phrase(turn.resolved, noun):
                return start, end, phrase
    return None


DETERMINER_FORMS = frozenset(fold_diacritics(w) for w in lexicon.DETERMINERS)
FOLDED_PLACE_NOUNS = frozenset(tuple(fold_diacritics(w) for w in n) for n in lexicon.PLACE_NOUNS)
FOLDED_PERSON_NOUNS = frozenset(tuple(fold_diacritics(w) for w in n) for n in lexicon.PERSON_NOUNS)


def asked_noun(question: str) -> tuple[str, ...]:
    """The folded noun a question asks for: "hội đồng gì" -> ("hoi", "dong"); "ai" -> ("ai",)."""
    cue = classify_clean_question(question).cue or ""
    words = tuple(fold_diacritics(cue).split())
    if len(words) > 1 and words[-1] in ("nao", "gi", "so"):
        return words[:-1]
    return words or tuple(slot_words(fold_diacritics(question.lower())))


def asked_for(previous: str, noun: tuple[str, ...]) -> bool:
    """Whether the last question asked for the thing the noun names ("hội đồng gì", "ai")."""
    if noun in FOLDED_PERSON_NOUNS:
        return classify_clean_question(previous).entity_kind == "person"
    asked = asked_noun(previous)
    return bool(asked) and asked[-len(noun):] == noun


def noun_phrase(previous: str, noun: tuple[str, ...]) -> str | None:
    """The noun as the last question named it, with its number or name: "Kế hoạch số 59/KH-UBND",
    "Tổ công nghệ số cộng đồng", "nghị quyết về Chương trình chuyển đổi số"."""
    words = text_words(previous, fold=not has_diacritics(previous))
    at = find_sequence(words, noun)
    if at is None:
        return None
    end = at + len(noun) - 1
    codes = [s for s in all_slots(previous) if s.kind == "code"]
    if end + 1 < len(words) and fold_diacritics(words[end + 1].form) == "so" and end + 2 < len(words) and \
            words[end + 2].form[:1].isdigit():
        end += 2
    elif end + 1 < len(words) and words[end + 1].form[:1].isdigit() and not year_slots(words[end + 1].form):
        end += 1
    elif not codes:
        while end + 1 < len(words) and not is_stop(words[end + 1]) and joined(previous, words, end, end + 1) \
                and end - at < 10:
            end += 1
    return previous[words[at].start:words[end].end]


def conversation_provinces(history: Sequence[Turn]) -> list[str]:
    """The province being talked about: the last answer's when the last question asked for a
    place ("tỉnh nào?"), else the ones the latest turn naming one named."""
    place_nouns = {n[-1:] for n in FOLDED_PLACE_NOUNS}
    for turn in reversed(history):
        if turn.answer and asked_noun(turn.resolved)[-1:] in place_nouns:
            if answered := [s.value for s in province_slots(turn.answer)]:
                return answered
        if named := list(dict.fromkeys(s.value for s in province_slots(turn.resolved))):
            return named
    return []


def inherit(rewritten: str, history: Sequence[Turn]) -> str:
    """The rewritten question with the conversation's province, and the last turn's year, when
    it names none."""
    previous = history[-1].resolved
    rewritten = strip_end(rewritten)
    if not province_slots(rewritten) and not scope_slots(rewritten):
        if provinces := conversation_provinces(history):
            rewritten += f" ở {as_typed(provinces[0], rewritten)}"
    years = [s for s in year_slots(previous)]
    if not year_slots(rewritten) and len(years) == 1 and main_slot(previous, "year") == years[0] \
            and classify_clean_question(rewritten).answer_type != "date":
        rewritten += f" {as_typed('năm', rewritten)} {years[0].value}"
    return rewritten


# --- ellipsis ---

def is_subjectless(core: str, fold: bool) -> bool:
    """No province, year, code or name, and at most a word or two of its own ("ban hành ngày
    nào?"), or a relational noun with no owner ("mục tiêu là bao nhiêu?")."""
    if all_slots(core) or scope_slots(core):
        return False
    words = text_words(core, fold)
    if any(is_name_part(core, w.start) for w in words):
        return False
    content = [w for w in words if fold_diacritics(w.form) not in FOLDED_QUESTION_WORDS]
    if len(content) <= lexicon.SUBJECTLESS_WORDS or words[0].form in {cue_form(w, fold) for w in
                                                                      lexicon.SUBJECTLESS_OPENERS}:
        return True
    folded = [fold_diacritics(w.form) for w in words]
    relational = any(tuple(folded[:len(n)]) == tuple(fold_diacritics(p) for p in n) for n in lexicon.RELATIONAL_NOUNS)
    return relational and len(content) <= lexicon.RELATIONAL_SUBJECTLESS_WORDS and "cua" not in folded


QUANTITY_CUES = (("bao", "nhieu"), ("may",), ("bn",))


def quantity_at(words: list[Word], accented: bool) -> tuple[int, int] | None:
    """(index, size) of the first "bao nhiêu"/"mấy" in words."""
    for k in range(len(words)):
        for cue in QUANTITY_CUES:
            forms = tuple(fold_diacritics(w.form) for w in words[k:k + len(cue)])
            if forms == cue and not (accented and cue == ("may",) and words[k].form != "mấy"):
                return k, len(cue)
    return None


def counted_span(question: str) -> tuple[int, int] | None:
    """Where "bao nhiêu"/"mấy" and what it counts are: "bao nhiêu chỉ tiêu" in "… đề ra bao nhiêu chỉ tiêu?"."""
    words = text_words(question, fold=not has_diacritics(question))
    found = quantity_at(words, has_diacritics(question))
    if found is None:
        return None
    at, size = found
    end = at + size - 1
    while end + 1 < len(words) and end - at < 8 and words[end + 1].form.isalpha() and not is_stop(words[end + 1]):
        end += 1
    return (words[at].start, words[end].end) if end > at + size - 1 else None


def without_counted(question: str) -> str:
    span = counted_span(question)
    return question if span is None else normalize_whitespace(question[:span[0]] + question[span[1]:])


def put_in_place(core: str, previous: str, fold: bool) -> str | None:
    """"bao nhiêu nhiệm vụ" into "Kế hoạch 37/KH-UBND đề ra bao nhiêu chỉ tiêu?" in place of what it counted."""
    opening = quantity_at(text_words(core, fold), not fold)
    span = counted_span(previous)
    if opening is None or opening[0] != 0 or span is None:
        return None
    return previous[:span[0]] + strip_end(core) + previous[span[1]:]


def with_topic(core: str, previous: str) -> str:
    """The question, with the last one (less its question words) as its topic."""
    fold = not has_diacritics(previous)
    words = text_words(previous, fold)
    asking = {cue_form(w, fold) for w in lexicon.QUESTION_WORDS}
    copula = cue_form("là", fold)
    drop = [(w.start, w.end, "") for k, w in enumerate(words)
            if w.form in asking or (w.form == copula and k + 1 < len(words) and words[k + 1].form in asking)]
    topic = normalize_whitespace(replace_spans(previous, drop)).strip(" ?.,;")
    topic = topic.replace(" (", ", ").replace("(", "").replace(")", "")
    return f"{strip_end(core)} ({topic})" if topic else core


# --- text edits ---

def strip_end(text: str) -> str:
    return text.rstrip(" ?.!,;")


def replace_spans(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """text with each (start, end, new) applied, right to left so offsets hold."""
    for start, end, new in sorted(replacements, key=lambda r: (r[0], r[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text
