"""Elliptical follow-ups: "và bao nhiêu nhiệm vụ?" put in the place of what the last question
counted, or a subjectless question given the last one as its topic."""

from index.vietnamese.text import fold_diacritics, has_diacritics, normalize_whitespace
from qa.followups import lexicon
from qa.followups.phrases import cue_form, is_stop, replace_spans, strip_end
from qa.followups.slots import Word, text_words


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
