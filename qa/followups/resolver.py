"""Follow-up questions rewritten from the conversation's last turn, before they are analysed.

"còn Bắc Ninh thì sao?" after "Quảng Ninh xếp thứ mấy về DTI năm 2022?" is
"Bắc Ninh xếp thứ mấy về DTI năm 2022?". Three forms, tried in this order:

- a swap: a cue ("còn …", "… thì sao", "vậy …") around slot values and no question of its
  own: the values replace the last question's (province, national scope, year, document code,
  index name), a remaining phrase replaces the term it shares a head or tail word with, or a
  sibling term ("toàn trình" / "một phần"); otherwise it is asked the same way, the last
  question as its topic (`swaps.py`);
- a reference: "tỉnh này", "ở đó", "nghị quyết đó", "kế hoạch trên" take their referent from the
  last turn: its answer when that turn asked for it ("tỉnh nào?" → "Bắc Ninh"), else the noun
  phrase it named ("Kế hoạch số 59/KH-UBND") (`references.py`);
- an ellipsis: a cued or subjectless question ("và bao nhiêu nhiệm vụ?", "mục tiêu là bao
  nhiêu?") puts its question in the last one's place, or keeps the last one as its topic
  (`ellipsis.py`).

What marks a follow-up is in `cues.py`, the slots and their spans in `slots.py`, the words
themselves as data in `lexicon.py`.

A rewritten question inherits the province and year it leaves out. A question with none of
these cues stands alone and is returned unchanged, as is any question without history.
Pure functions: no model, no state.
"""

from collections.abc import Sequence

from index.vietnamese.text import has_diacritics, normalize_whitespace, to_nfc
from qa.followups.cues import is_subjectless, is_swap, strip_cues
from qa.followups.ellipsis import put_in_place, with_topic
from qa.followups.phrases import replace_spans
from qa.followups.references import inherit, referent_replacements
from qa.followups.slots import text_words
from qa.followups.swaps import swap
from qa.followups.turn import Turn

__all__ = ["Turn", "resolve_question"]


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
