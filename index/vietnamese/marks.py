"""Putting the marks back on text typed without them: "dan so quang ninh la bao nhieu" ->
"dân số quảng ninh là bao nhiêu", learned from the corpus the question is asked of.

Many people type Vietnamese without diacritics. Retrieval and the rules match such a question
folded, but the neural reader was trained on marked text and reads an unmarked question much
worse (on 200 `viquad1.dev` questions with their paragraph: F1 0.73 marked, 0.63 unmarked).
Each unmarked syllable stands for a few marked ones ("so": số, sổ, sở, sợ …); the words around
it choose: "chuyen doi so" is "chuyển đổi số" in the corpus. So the corpus's own syllable pairs
give the likeliest marked reading of each run of syllables (a Viterbi search over a bigram model
of marked syllables given their unmarked forms), and a syllable the corpus never uses stays as
typed. Question words ("bao nhiêu", "gì", "ở đâu") are added to what the corpus says, since news
and reports rarely ask questions.

Pure: a model is built from texts, and text goes in and comes out; case and everything that is
not a syllable are kept.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from index.vietnamese.text import fold_diacritics, normalize_tone_placement

SYLLABLE = re.compile(r"[^\W\d_]+")
# Question words and phrases, as a corpus would write them: each counts as if seen this often.
QUESTION_PHRASES = """
bao nhiêu. mấy. gì. là gì. nào. ở đâu. đâu. ai. khi nào. bao giờ. lúc nào. vì sao. tại sao.
như thế nào. thế nào. ra sao. có phải. hay không. không. những gì. cái gì. điều gì. việc gì.
người nào. năm nào. ngày nào. tháng nào. đơn vị nào. cơ quan nào. tỉnh nào. huyện nào. xã nào.
nhằm mục đích gì. theo phương châm nào. giữ chức vụ gì. là bao nhiêu. có bao nhiêu. được bao nhiêu.
đạt bao nhiêu. đứng thứ mấy. xếp thứ mấy. ở vị trí nào. làm gì. làm nhiệm vụ gì. là ai. do ai. bao lâu.
mấy năm. thuộc. nằm ở đâu. diễn ra. bắt đầu. của. có. được. ở. tại. và. với. cho. trong. từ. đến. năm.
""".replace("\n", " ")
QUESTION_PHRASE_COUNT = 20
DISCOUNT = 0.75  # taken from each seen pair's count for the pairs never seen
MAX_FORMS = 6    # marked forms tried per syllable, most used first


@dataclass(frozen=True)
class MarkModel:
    forms: dict[str, tuple[str, ...]]   # unmarked syllable -> its marked forms, most used first
    singles: Counter                     # marked syllable -> count
    pairs: Counter                       # (marked, marked) side by side -> count
    lefts: Counter                       # marked syllable -> count of pairs it begins
    followers: Counter                   # marked syllable -> how many different syllables follow it
    total: int                           # syllables counted


def learn_marks(texts: Iterable[str]) -> MarkModel:
    """Count the marked syllables of the texts, alone and side by side (only spaces between)."""
    singles: Counter = Counter()
    pairs: Counter = Counter()
    for text, weight in [*((text, 1) for text in texts), (QUESTION_PHRASES, QUESTION_PHRASE_COUNT)]:
        for run in syllable_runs(text):
            run = [written_form(syllable) for syllable in run]
            for syllable in run:
                singles[syllable] += weight
            for pair in zip(run, run[1:]):
                pairs[pair] += weight
    by_fold: dict[str, list[str]] = {}
    for syllable, _ in singles.most_common():
        by_fold.setdefault(unmarked(syllable), []).append(syllable)
    forms = {folded: tuple(found[:MAX_FORMS]) for folded, found in by_fold.items()}
    lefts: Counter = Counter()
    followers: Counter = Counter()
    for (left, _), count in pairs.items():
        lefts[left] += count
        followers[left] += 1
    return MarkModel(forms, singles, pairs, lefts, followers, sum(singles.values()))


@lru_cache(maxsize=65536)  # a language has far fewer syllables than a corpus has words
def written_form(syllable: str) -> str:
    return normalize_tone_placement(syllable.lower())


@lru_cache(maxsize=65536)
def unmarked(syllable: str) -> str:
    return fold_diacritics(syllable)


def syllable_runs(text: str) -> list[list[str]]:
    """Syllables in runs that only spaces join: punctuation and numbers end a run."""
    runs: list[list[str]] = []
    current: list[str] = []
    last_end = None
    for match in SYLLABLE.finditer(text):
        if last_end is not None and not text[last_end:match.start()].isspace():
            runs.append(current)
            current = []
        current.append(match.group())
        last_end = match.end()
    runs.append(current)
    return [run for run in runs if run]


def restore_marks(model: MarkModel, text: str) -> str:
    """The text with each unmarked syllable given its likeliest marked form in context. A word
    typed in capitals ("QN", "TTHC") is an abbreviation and stays; so does a syllable the model
    never saw."""
    matches = list(SYLLABLE.finditer(text))
    chosen = best_forms(model, [m.group() for m in matches],
                        [i > 0 and text[matches[i - 1].end():m.start()].isspace() for i, m in enumerate(matches)])
    pieces, last = [], 0
    for match, form in zip(matches, chosen):
        pieces.append(text[last:match.start()])
        pieces.append(with_case_of(match.group(), form))
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def best_forms(model: MarkModel, typed: list[str], joined: list[bool]) -> list[str]:
    """The likeliest marked form of each typed syllable; joined[i] says whether syllable i
    follows syllable i - 1 with only spaces between (the pair then counts)."""
    chosen: list[str] = []
    # Viterbi over each run: the likeliest marked run under the corpus's bigram model.
    best: dict[str, tuple[float, list[str]]] = {}
    for syllable, follows in zip(typed, joined):
        if not follows and best:
            chosen += max(best.values())[1]
            best = {}
        step = {}
        for form in candidate_forms(model, syllable):
            if not best:
                step[form] = (math.log(single_share(model, form)), [form])
                continue
            step[form] = max((score + math.log(next_share(model, previous, form)), path + [form])
                             for previous, (score, path) in best.items())
        best = step
    if best:
        chosen += max(best.values())[1]
    return chosen


def candidate_forms(model: MarkModel, typed: str) -> tuple[str, ...]:
    lower = typed.lower()
    if (typed.isupper() and len(typed) > 1) or lower != unmarked(lower):
        return (lower,)  # an abbreviation, or already marked
    return model.forms.get(lower, (lower,))


def single_share(model: MarkModel, form: str) -> float:
    """How often the form is written, among all syllables (a form never seen: as if seen half a time)."""
    return (model.singles.get(form, 0) + 0.5) / (model.total + 0.5 * len(model.singles))


def next_share(model: MarkModel, previous: str, form: str) -> float:
    """P(form | previous form), absolute discounting: what a seen pair gives up goes to every
    form by how often it is written at all, more where the previous form is followed by many
    different words ("những …") than where it keeps to a few ("thành phố")."""
    left = model.lefts.get(previous, 0)
    if not left:
        return single_share(model, form)
    seen = max(model.pairs.get((previous, form), 0) - DISCOUNT, 0.0)
    spared = DISCOUNT * model.followers[previous]
    return (seen + spared * single_share(model, form)) / left


def with_case_of(typed: str, form: str) -> str:
    """The form written in the typed word's case; a word left as it was keeps its own ("VNeID")."""
    if form == typed.lower():  # abbreviations in capitals are always left as they were
        return typed
    if typed[:1].isupper():
        return form[:1].upper() + form[1:]
    return form
