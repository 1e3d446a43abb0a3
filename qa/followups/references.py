"""References: "tỉnh này", "ở đó", "nghị quyết đó", "kế hoạch trên" take their referent from the
conversation: the last answer when the last turn asked for that noun, else the noun as the latest
turn naming it named it; a rewritten question inherits the conversation's province and year."""

from collections.abc import Sequence

from index.vietnamese.text import fold_diacritics, has_diacritics
from qa.answer_types import classify_clean_question
from qa.followups import lexicon
from qa.followups.phrases import cue_form, is_stop, strip_end
from qa.followups.slots import (Word, all_slots, as_typed, find_sequence, joined, main_slot, province_slots,
                                scope_slots, text_words, year_slots)
from qa.followups.turn import Turn
from qa.question import slot_words

DETERMINER_FORMS = frozenset(fold_diacritics(w) for w in lexicon.DETERMINERS)
FOLDED_PLACE_NOUNS = frozenset(tuple(fold_diacritics(w) for w in n) for n in lexicon.PLACE_NOUNS)
FOLDED_PERSON_NOUNS = frozenset(tuple(fold_diacritics(w) for w in n) for n in lexicon.PERSON_NOUNS)


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
    """The noun as an earlier question named it, with its number or name: "Kế hoạch số 59/KH-UBND",
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
            rewritten += " " + as_typed(f"ở {provinces[0]}", rewritten)
    years = year_slots(previous)
    if not year_slots(rewritten) and len(years) == 1 and main_slot(previous, "year") == years[0] \
            and classify_clean_question(rewritten).answer_type != "date":
        rewritten += f" {as_typed('năm', rewritten)} {years[0].value}"
    return rewritten
