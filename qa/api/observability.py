"""What operators see: a request id, one JSON log line per HTTP request on stderr, and
Prometheus metrics at /metrics. `install_observability(app, ...)` wires them into an app."""

import json
import logging
import re
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

from qa.answering import AnswerResult

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")  # anything else could forge or flood log lines
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0)
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
UNMATCHED_ROUTE = "unmatched"  # 404s share one label, so scanners cannot grow the metrics without bound
request_log = logging.getLogger("qa.requests")


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, event, then the record's `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                "level": record.levelname, "event": record.getMessage()}
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class StderrHandler(logging.StreamHandler):
    """Writes to sys.stderr as it is at each line: servers and test runners swap it."""

    def __init__(self):
        super().__init__()
        self.setFormatter(JsonLogFormatter())

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _ignored):
        pass


def configure_logging(level: str) -> None:
    """The `qa` loggers print JSON lines on stderr. Every app calls this, so the handler is added once."""
    logger = logging.getLogger("qa")
    logger.setLevel(level)
    logger.propagate = False  # a root handler (uvicorn, basicConfig) would print each line again
    if not any(isinstance(handler, StderrHandler) for handler in logger.handlers):
        logger.addHandler(StderrHandler())


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The caller's X-Request-ID when it is a short plain token, else a fresh one."""
    for name, value in headers:
        if name.lower() == b"x-request-id":
            incoming = value.decode("latin-1")
            if SANE_REQUEST_ID.fullmatch(incoming):
                return incoming
    return uuid.uuid4().hex


def route_label(scope: dict) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or UNMATCHED_ROUTE


@dataclass(frozen=True)
class AnswerNote:
    """What /v1/ask hands the middleware about its answer, on request.state."""
    question: str
    answer_type: str
    abstained: bool
    timings: dict[str, float]
    cached: bool = False


def note_answer(request: Request, question: str, result: AnswerResult, cached: bool = False) -> None:
    """Called by the /v1/ask route. A cached answer's timings are those of its first asking: left out."""
    request.state.answer_note = AnswerNote(question, result.answer_type, result.answer is None,
                                           {} if cached else dict(result.timings), cached)


def request_fields(scope: dict, request_id: str, status: int, seconds: float, log_questions: bool) -> dict:
    """The request's log line, without time, level and event. Pure."""
    client = scope.get("client")
    fields = {"request_id": request_id, "method": scope["method"], "path": scope["path"],
              "route": route_label(scope), "status": status, "duration_ms": round(seconds * 1000, 2),
              "client": client[0] if client else None}
    note = scope.get("state", {}).get("answer_note")
    if note is not None:
        fields.update({f"{stage}_ms": round(spent * 1000, 2) for stage, spent in note.timings.items()})
        fields.update(answer_type=note.answer_type, abstained=note.abstained, cached=note.cached)
        if log_questions:
            fields["question"] = note.question
    return fields


class IndexSizeCollector:
    """Index gauges read at scrape time: an ingestion may swap the service's index while it serves."""

    def __init__(self, current_index):
        self.current_index = current_index

    def collect(self):
        index = self.current_index()
        yield GaugeMetricFamily("qa_index_loaded", "1 when an index is loaded", value=int(index is not None))
        if index is not None:
            yield GaugeMetricFamily("qa_index_documents", "Documents in the loaded index", value=len(index.documents))
            yield GaugeMetricFamily("qa_index_passages", "Passages in the loaded index", value=len(index.passages))


class ServiceMetrics:
    """One app's metrics, in a registry of its own so that many apps (tests) never collide."""

    def __init__(self, current_index):
        self.registry = CollectorRegistry()
        self.requests = Counter("qa_http_requests", "HTTP requests", ["route", "method", "status"],
                                registry=self.registry)
        self.latency = Histogram("qa_http_request_duration_seconds", "HTTP request latency", ["route"],
                                 buckets=LATENCY_BUCKETS, registry=self.registry)
        self.stage_latency = Histogram("qa_ask_stage_duration_seconds", "Time in each /v1/ask stage", ["stage"],
                                       buckets=LATENCY_BUCKETS, registry=self.registry)
        self.answers = Counter("qa_answers", "Questions answered", ["answer_type"], registry=self.registry)
        self.abstentions = Counter("qa_abstentions", "Questions the service abstained on", registry=self.registry)
        self.feedback = Counter("qa_feedback", "Verdicts people gave on answers", ["verdict"], registry=self.registry)
        self.registry.register(IndexSizeCollector(current_index))

    def observe(self, scope: dict, status: int, seconds: float) -> None:
        route = route_label(scope)
        method = scope["method"] if scope["method"] in KNOWN_METHODS else "other"
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route).observe(seconds)
        note = scope.get("state", {}).get("answer_note")
        if note is not None:
            for stage, spent in note.timings.items():
                self.stage_latency.labels(stage).observe(spent)
            (self.abstentions if note.abstained else self.answers.labels(note.answer_type)).inc()


class RequestObserver:
    """ASGI middleware: gives each HTTP request an id, then logs and counts it, errors included."""

    def __init__(self, app, metrics: ServiceMetrics, log_questions: bool):
        self.app, self.metrics, self.log_questions = app, metrics, log_questions

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = request_id_from(scope["headers"])
        scope.setdefault("state", {})["request_id"] = request_id
        started, status, response_started = time.perf_counter(), 500, False

        async def send_with_id(message):
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status, response_started = message["status"], True
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        error = None
        try:
            await self.app(scope, receive, send_with_id)
        except Exception as raised:  # noqa: BLE001 - the edge: log it, answer a short 500, never a traceback
            error = raised
            if response_started:
                raise
            await JSONResponse({"detail": "internal error"}, status_code=500)(scope, receive, send_with_id)
        finally:
            self.record(scope, request_id, status, time.perf_counter() - started, error)

    def record(self, scope: dict, request_id: str, status: int, seconds: float, error: Exception | None) -> None:
        self.metrics.observe(scope, status, seconds)
        fields = request_fields(scope, request_id, status, seconds, self.log_questions)
        if error is None:
            request_log.info("request", extra={"fields": fields})
        else:
            request_log.error("request", extra={"fields": fields}, exc_info=error)


def install_observability(app: FastAPI, log_level: str, log_questions: bool) -> None:
    """JSON request logs, X-Request-ID and GET /metrics. Call it last in the app factory, so that the
    middleware is outermost and times (and logs) everything, CORS preflights included."""
    configure_logging(log_level)
    metrics = ServiceMetrics(lambda: app.state.service.index)
    app.state.metrics = metrics

    async def prometheus_metrics():
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    app.add_api_route("/metrics", prometheus_metrics, methods=["GET"], include_in_schema=False)
    app.add_middleware(RequestObserver, metrics=metrics, log_questions=log_questions)
