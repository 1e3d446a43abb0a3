"""Swaps: "còn Bắc Ninh thì sao?" puts its values in the last question's slots of their kind,
and a phrase over the term it shares a head or tail word with, or a sibling term."""

from index.vietnamese.text import fold_diacritics, has_diacritics
from qa.answer_types import classify_clean_question
from qa.followups import lexicon
from qa.followups.ellipsis import with_topic, without_counted
from qa.followups.phrases import cue_form, is_stop, replace_spans, strip_end
from qa.followups.slots import (Word, all_slots, as_typed, find_sequence, joined, main_slot, province_slots,
                                scope_slots, text_words)

# Words around a swapped value that are not a phrase of their own: "còn ở Bắc Ninh", "riêng năm 2021".
FILLERS = frozenset(fold_diacritics(w) for w in "ở tại của với đối về riêng năm tỉnh thì còn là".split())


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
            [(len(previous), len(previous), " " + as_typed(f"ở {value}", previous))]
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
