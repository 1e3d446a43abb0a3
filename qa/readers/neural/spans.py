"""The best answer span of one window from its start and end logits: a pure function."""

import torch

MAX_ANSWER_TOKENS = 30


def best_span(start_logits: torch.Tensor, end_logits: torch.Tensor, context_mask: list[bool],
              max_answer_tokens: int = MAX_ANSWER_TOKENS) -> tuple[float, int, int] | None:
    """(start + end logit, start token, end token) of the best span inside the context, or None."""
    size = len(context_mask)
    context = torch.tensor(context_mask)
    if not context.any():
        return None
    starts = start_logits[:size].masked_fill(~context, -1e4)
    ends = end_logits[:size].masked_fill(~context, -1e4)
    allowed = (context[:, None] & context[None, :]).triu().tril(max_answer_tokens - 1)
    scores = (starts[:, None] + ends[None, :]).masked_fill(~allowed, -1e9)
    flat = int(torch.argmax(scores))
    return float(scores.flatten()[flat]), flat // size, flat % size
