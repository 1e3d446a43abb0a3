"""Question + passage pairs cut into token windows, with answer labels for training.

A window is `[CLS] question [SEP][SEP] context-slice [SEP]`, as XLM-R pairs text. Long contexts
overlap by `stride` tokens so an answer cut by one window's edge lies whole in the next. A
window that does not hold the whole answer is labelled "no answer": start = end = 0, the CLS
token, as in SQuAD 2.0.
"""

from dataclasses import dataclass

NO_ANSWER = (0, 0)


@dataclass(frozen=True)
class Window:
    example: int  # index of the (question, context) pair it came from
    input_ids: list[int]
    context_mask: list[bool]  # which tokens are the context's
    offsets: list[tuple[int, int]]  # character offsets into the context (0, 0 outside it)
    label: tuple[int, int] = NO_ANSWER  # token start and end of the answer, or NO_ANSWER


def cut_windows(tokenizer, questions: list[str], contexts: list[str], max_length: int, stride: int,
                max_question_tokens: int = 48) -> list[Window]:
    """Unlabelled windows over every (question, context) pair, in pair order."""
    questions = [shorten(tokenizer, q, max_question_tokens) for q in questions]
    encoded = tokenizer(questions, contexts, truncation="only_second", max_length=max_length, stride=stride,
                        return_overflowing_tokens=True, return_offsets_mapping=True)
    windows = []
    for w, example in enumerate(encoded["overflow_to_sample_mapping"]):
        sequence_ids = encoded.sequence_ids(w)
        mask = [s == 1 for s in sequence_ids]
        offsets = [tuple(o) if m else (0, 0) for o, m in zip(encoded["offset_mapping"][w], mask)]
        windows.append(Window(example, encoded["input_ids"][w], mask, offsets))
    return windows


def shorten(tokenizer, question: str, max_tokens: int) -> str:
    """Cut a very long question so every window keeps room for the context."""
    offsets = tokenizer(question, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    return question if len(offsets) <= max_tokens else question[:offsets[max_tokens - 1][1]]


def answer_label(window: Window, start: int, end: int) -> tuple[int, int]:
    """Token start and end of characters [start, end) in the window, or NO_ANSWER if not whole in it."""
    first = next((i for i, m in enumerate(window.context_mask) if m), None)
    if first is None:
        return NO_ANSWER
    last = max(i for i, m in enumerate(window.context_mask) if m)
    if window.offsets[first][0] > start or window.offsets[last][1] < end:
        return NO_ANSWER
    token_start = next(i for i in range(first, last + 1) if window.offsets[i][1] > start)
    token_end = next(i for i in range(last, first - 1, -1) if window.offsets[i][0] < end)
    return (token_start, token_end) if token_start <= token_end else NO_ANSWER


def labelled(window: Window, answer: tuple[int, int] | None) -> Window:
    """The window with its label; answer is character offsets into the context, None if there is none."""
    label = NO_ANSWER if answer is None else answer_label(window, *answer)
    return Window(window.example, window.input_ids, window.context_mask, window.offsets, label)
