"""What makes a question a follow-up: the cues around it ("còn …", "… thì sao"), a remainder
that only names values, or no subject of its own."""

from index.vietnamese.text import fold_diacritics
from qa.followups import lexicon
from qa.followups.phrases import cue_form, matches
from qa.followups.slots import Word, all_slots, scope_slots, text_words
from qa.question import FOLDED_QUESTION_WORDS, is_name_part


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
