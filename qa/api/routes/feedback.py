"""Feedback on answers: POST /v1/feedback for anyone who was answered; listing and export of the
candidate gold rows for administrators."""

import json

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from qa.api.deps import require_admin
from qa.api.schemas import FeedbackRequest
from qa.feedback.export import candidate_gold_rows
from qa.feedback.recent import RecentAnswers
from qa.feedback.store import VERDICTS, FeedbackExists, FeedbackStore

ANSWER_UNKNOWN = "unknown request_id: give feedback on an answer from this session, or ask again"
FEEDBACK_EXISTS = "feedback was already given for this answer"
VerdictQuery = Query(None, pattern=f"^({'|'.join(VERDICTS)})$")
SinceQuery = Query(None, description="ISO 8601 time: only feedback given since then",
                   pattern=r"^\d{4}-\d{2}-\d{2}([T ][\d:.+Z-]*)?$")
# SQLite counts rows in signed 64-bit integers: a larger offset is a 422, not an overflow.
SQLITE_MAX_INTEGER = 2**63 - 1


def feedback_router(store: FeedbackStore, recent: RecentAnswers) -> APIRouter:
    router = APIRouter()

    @router.post("/v1/feedback", status_code=201, summary="A verdict on an answer, by its request_id")
    async def give_feedback(body: FeedbackRequest, request: Request):
        answered = recent.get(body.request_id)
        if answered is None:
            raise HTTPException(status_code=404, detail=ANSWER_UNKNOWN)
        correction = (body.correction or "").strip() or None
        try:
            # The write waits for its fsync: off the event loop.
            row_id = await run_in_threadpool(store.add, body.request_id, answered, body.verdict, correction)
        except FeedbackExists:
            raise HTTPException(status_code=409, detail=FEEDBACK_EXISTS) from None
        request.app.state.metrics.feedback.labels(body.verdict).inc()
        return {"id": row_id, "request_id": body.request_id, "verdict": body.verdict}

    @router.get("/v1/feedback", dependencies=[Depends(require_admin)], summary="Feedback given (admin)")
    def list_feedback(verdict: str | None = VerdictQuery, since: str | None = SinceQuery,
                      limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=SQLITE_MAX_INTEGER)):
        return {"feedback": store.rows(verdict, since, limit, offset), "counts": store.counts()}

    @router.get("/v1/feedback/export", dependencies=[Depends(require_admin)],
                summary="Feedback as candidate gold rows, JSON Lines (admin)")
    def export_feedback(verdict: str | None = VerdictQuery, since: str | None = SinceQuery):
        rows = candidate_gold_rows(store.rows(verdict, since))
        return Response("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows),
                        media_type="application/x-ndjson")

    return router
