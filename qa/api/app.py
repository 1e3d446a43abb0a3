"""The app factory: the one place the web service reads its settings. It builds the
service from them, and hands routes and middleware plain values."""

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware

from qa.api.errors import validation_error
from qa.api.limits import RequestLimits, route_limiters
from qa.api.observability import install_observability
from qa.api.routes import admin, documents, health, web
from qa.api.routes.ask import ask_router
from qa.api.routes.feedback import feedback_router
from qa.api.routes.search import search_router
from qa.build_watch import BuildWatcher
from qa.feedback.recent import RecentAnswers
from qa.feedback.store import FeedbackStore
from qa.service import QAService
from qa.settings import Settings
from qa.shared_state.answer_cache import SharedAnswerCache
from qa.shared_state.rate_limits import SharedRateLimiter
from qa.shared_state.recent_answers import SharedRecentAnswers
from qa.shared_state.redis_link import RedisLink

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}


async def security_headers(request: Request, call_next):
    response = await call_next(request)
    for header, value in SECURITY_HEADERS.items():
        response.headers.setdefault(header, value)
    return response


def create_app(settings: Settings | None = None, service: QAService | None = None, embedder=None) -> FastAPI:
    """The app serving `service`, or a service built from the settings (with `embedder` when given:
    tests pass a fake one). The index is loaded at startup unless the service has one already."""
    settings = settings or Settings()
    # Replicas share limits, answers and what feedback names through Redis; one process keeps its own.
    redis = RedisLink.from_url(settings.redis_url) if settings.redis_url else None
    shared_answers = SharedAnswerCache(redis, settings.answer_cache_seconds) if redis else None
    service = service or QAService(**settings.service_arguments(), embedder=embedder, shared_answers=shared_answers)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if service.index is None:
            service.load()
        # Builds another process publishes (a worker, the writer, `qa index build`) are served within seconds.
        watcher = BuildWatcher(service.follow_published, settings.index_poll_seconds).start() \
            if settings.index_poll_seconds > 0 else None
        yield
        if watcher is not None:
            watcher.stop()
        if redis is not None:
            redis.close()

    app = FastAPI(title="Vietnamese QA", version="0.1.0", lifespan=lifespan)
    app.state.service, app.state.settings = service, settings
    app.add_exception_handler(RequestValidationError, validation_error)
    # Browsers may call the API only from the portals listed in QA_ALLOWED_ORIGINS.
    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_origins, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"], max_age=600)
    app.middleware("http")(security_headers)
    app.include_router(health.router)
    app.include_router(search_router(settings.default_top_k, settings.max_top_k, settings.max_question_chars))
    recent = RecentAnswers(settings.recent_answers)  # what feedback names by request id
    if redis is not None:
        recent = SharedRecentAnswers(redis, recent)
    app.include_router(ask_router(settings.default_top_k, settings.max_top_k, settings.max_question_chars,
                                  settings.ask_timeout_seconds, recent))
    app.include_router(feedback_router(FeedbackStore(settings.feedback_db), recent))
    app.include_router(documents.router)
    app.include_router(admin.router)
    app.include_router(web.router)
    limiters = route_limiters(settings.rate_limit_per_minute, settings.rate_limit_burst)
    if redis is not None:
        limiters = {route: SharedRateLimiter(redis, route[1], limiter) for route, limiter in limiters.items()}
    app.add_middleware(RequestLimits, per_minute=settings.rate_limit_per_minute, burst=settings.rate_limit_burst,
                       exempt=settings.rate_limit_exempt, trust_forwarded_for=settings.trust_forwarded_for,
                       max_request_bytes=settings.max_request_bytes, max_document_bytes=settings.max_document_bytes,
                       limiters=limiters)
    # Last, so its middleware wraps (and times) all the others.
    install_observability(app, settings.log_level, settings.log_questions)
    return app
