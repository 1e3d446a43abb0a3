"""Feedback as candidate gold rows, in the format of eval/gold.jsonl, for a person to review
before they join a gold set: the question is the resolved one (a gold question stands alone),
the evidence is the cited sentence, the answers are the correction when the sentence holds it
(the answer itself when it was found helpful). What the row could not fill is listed in
"review". Pure functions."""

from index.vietnamese.text import has_diacritics

KINDS = {"number": "figure", "percent": "figure", "date": "date", "code": "code", "entity": "entity"}
ID_OFFSET = 900_000  # candidate ids (g900001, …) stay clear of hand-numbered rows until renumbered


def candidate_gold_row(feedback: dict) -> dict:
    citation = (feedback["citations"] or [None])[0]
    evidence = citation["quote"] if citation else None
    answers, review = [], []
    if feedback["verdict"] == "helpful" and feedback["answer"]:
        answers = [feedback["answer"]]
    elif feedback["correction"] and evidence and feedback["correction"].strip() in evidence:
        answers = [feedback["correction"].strip()]
    else:
        review.append("answers: copy the right answer from the evidence (or mark the row unanswerable)")
    if evidence is None:
        review.append("doc_id, evidence: the answer cited nothing; find the sentence that answers it")
    kind = KINDS.get(feedback.get("answer_type") or "") or guess_kind(feedback["answer"])
    if kind is None:
        review.append("kind: figure, date, code, entity or unanswerable")
    question = feedback["resolved_question"]
    return {"id": f"g{ID_OFFSET + feedback['id']}", "question": question, "answers": answers,
            "doc_id": citation["doc_id"] if citation else None, "evidence": evidence, "kind": kind,
            "style": "accented" if has_diacritics(question) else "unaccented",
            "review": review,
            "feedback": {key: feedback[key] for key in ("id", "created_at", "verdict", "question", "answer",
                                                          "correction", "confidence", "corpus_hash", "reader")}}


def guess_kind(answer: str | None) -> str | None:
    """Without the answer type: a figure when the answer holds a digit, else unknown."""
    return "figure" if answer and any(char.isdigit() for char in answer) else None


def candidate_gold_rows(feedback_rows: list[dict]) -> list[dict]:
    return [candidate_gold_row(row) for row in feedback_rows]
