"""What one client may ask of the service: how often (per-client token buckets on
/v1/ask, 429 with Retry-After) and how much (request bodies, 413)."""

import ipaddress
import json
import math
import threading
import time
from collections import OrderedDict

MAX_TRACKED_CLIENTS = 100_000  # the least recently seen are forgotten (they start with a full bucket)
# Each limited route has buckets of its own: feedback does not spend a client's questions.
LIMITED_ROUTES = {("POST", "/v1/ask"): "too many questions", ("POST", "/v1/feedback"): "too much feedback"}
DOCUMENT_ROUTES = {("POST", "/v1/documents")}


class RateLimiter:
    """Token buckets, one per client: `burst` questions at once, refilled at `per_minute`.

    Pure apart from the clock, which tests pass in."""

    def __init__(self, per_minute: float, burst: int, clock=time.monotonic, max_clients: int = MAX_TRACKED_CLIENTS):
        self.rate = per_minute / 60.0
        self.burst = max(burst, 1)
        self.clock = clock
        self.max_clients = max_clients
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client -> (tokens, when)
        self.lock = threading.Lock()

    def wait_seconds(self, client: str) -> float:
        """0 when the client may go ahead now (and a token is taken); else how long to wait."""
        now = self.clock()
        with self.lock:
            tokens, then = self.buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            if tokens >= 1.0:
                wait, tokens = 0.0, tokens - 1.0
            else:
                wait = (1.0 - tokens) / self.rate
            self.buckets[client] = (tokens, now)
            while len(self.buckets) > self.max_clients:
                self.buckets.popitem(last=False)
            return wait


def route_limiters(per_minute: float, burst: int, clock=time.monotonic) -> dict:
    """A RateLimiter for each limited route; none when per_minute is 0 (no limit)."""
    return {route: RateLimiter(per_minute, burst, clock) for route in LIMITED_ROUTES} if per_minute > 0 else {}


def client_address(scope: dict, trust_forwarded_for: bool) -> str:
    """The peer's address, or behind a trusted proxy the first address it forwarded for."""
    if trust_forwarded_for:
        for name, value in scope.get("headers", ()):
            if name == b"x-forwarded-for":
                first = value.decode("latin-1").split(",")[0].strip()
                try:
                    return str(ipaddress.ip_address(first))
                except ValueError:
                    break
    client = scope.get("client")
    return client[0] if client else "unknown"


def json_error(status: int, detail: str, headers: dict | None = None):
    body = json.dumps({"detail": detail}).encode()
    raw_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return {"type": "http.response.start", "status": status, "headers": raw_headers}, \
        {"type": "http.response.body", "body": body}


class RequestLimits:
    """ASGI middleware: rate limit on /v1/ask, body size limits everywhere. `limiters` replaces the
    in-process buckets (with ones shared between replicas: qa.shared_state.rate_limits)."""

    def __init__(self, app, *, per_minute: float, burst: int, exempt: list[str], trust_forwarded_for: bool,
                 max_request_bytes: int, max_document_bytes: int, clock=time.monotonic, limiters: dict | None = None):
        self.app = app
        self.limiters = limiters if limiters is not None else route_limiters(per_minute, burst, clock)
        self.exempt = set(exempt)
        self.trust_forwarded_for = trust_forwarded_for
        self.max_request_bytes, self.max_document_bytes = max_request_bytes, max_document_bytes

    def body_limit(self, scope: dict) -> int:
        route = (scope.get("method"), scope.get("path"))
        return self.max_document_bytes if route in DOCUMENT_ROUTES else self.max_request_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        route = (scope["method"], scope["path"])
        if limiter := self.limiters.get(route):
            client = client_address(scope, self.trust_forwarded_for)
            if client not in self.exempt and (wait := limiter.wait_seconds(client)) > 0:
                seconds = max(1, math.ceil(wait))
                for message in json_error(429, f"{LIMITED_ROUTES[route]}: try again in {seconds} s",
                                          {"Retry-After": str(seconds)}):
                    await send(message)
                return
        limit = self.body_limit(scope)
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await self.too_large(send, limit)
        # Read the body here, whatever Content-Length claimed (or if it was chunked), so an
        # oversized one is refused before any route reads it. Bodies here are small.
        chunks, received, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            received += len(chunks[-1])
            if received > limit:
                return await self.too_large(send, limit)
            more = message.get("more_body", False)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def too_large(send, limit: int):
        for message in json_error(413, f"request body too large: at most {limit} bytes"):
            await send(message)
