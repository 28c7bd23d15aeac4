"""The Starlette application: routes, Vonage-shaped errors, latency and faults."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import handlers, problems
from .faults import DEFAULT_SLOW_MS, FaultInjector, FaultPlan
from .hostile import DEFAULT_TRICKLE_SECONDS, PAGE_KINDS, PageRewriter
from .store import EmulatorStore

DEMO_API_KEY = "demo-key"
DEMO_API_SECRET = "demo-secret"  # an obviously fake credential: the emulator is local only


async def _problem(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, problems.Problem)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unknown routes and wrong methods answer like the API does, not with plain text."""
    assert isinstance(exc, HTTPException)
    path = request.url.path
    users = path.startswith("/v1/users")
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        problem = problems.method_not_allowed(request.method, path, allowed, users=users)
    elif exc.status_code == 404:
        problem = problems.route_not_found(path, users=users)
    else:
        problem = problems.Problem(
            exc.status_code, f"{problems.ERRORS_URL}#error", "Error", str(exc.detail)
        )
    return problem.response()


async def _unexpected(_: Request, exc: Exception) -> Response:
    return problems.server_error(500).response()


def create_app(
    store: EmulatorStore | None = None,
    *,
    api_key: str = DEMO_API_KEY,
    api_secret: str = DEMO_API_SECRET,
    latency_ms: int = 0,
    fault_rate: float = 0.0,
    fault_seed: int = 0,
    fault_slow_ms: int = DEFAULT_SLOW_MS,
    hostile: Iterable[str] = (),
    trickle_seconds: float = DEFAULT_TRICKLE_SECONDS,
) -> Starlette:
    """The emulated Application API v2 and Users API v1 over ``store`` (a new empty one if None).

    ``latency_ms`` delays every response; ``fault_rate`` (0–1) of requests get a 500 or 503,
    a 429 with ``Retry-After``, a response slowed by ``fault_slow_ms``, or a truncated JSON
    body, chosen by a generator seeded with ``fault_seed``. ``hostile`` names behaviours from
    ``hostile.py`` (huge error bodies, trickling or hanging answers, lying page counts…), off by
    default; a trickle sends a byte every ``trickle_seconds``. ``app.state.store`` is the store
    and ``app.state.faults`` the plan (its ``injected`` list says what it did).
    """
    app = Starlette(
        routes=[
            Route("/v2/applications", handlers.applications, methods=["GET", "POST"]),
            Route(
                "/v2/applications/{app_id}",
                handlers.application,
                methods=["GET", "PUT", "DELETE"],
            ),
            Route("/v1/users", handlers.users, methods=["GET", "POST"]),
            Route("/v1/users/{user_ref}", handlers.user, methods=["GET", "PATCH", "DELETE"]),
        ],
        exception_handlers={
            problems.Problem: _problem,
            HTTPException: _http_error,
            Exception: _unexpected,
        },
    )
    app.state.store = store if store is not None else EmulatorStore()
    app.state.api_key = api_key
    app.state.api_secret = api_secret
    app.state.faults = FaultPlan(
        latency_ms=latency_ms, fault_rate=fault_rate, fault_seed=fault_seed, slow_ms=fault_slow_ms,
        hostile=hostile, trickle_seconds=trickle_seconds,  # type: ignore[arg-type]
    )
    # Starlette runs the middleware added last outermost: page rewrites see the real answers,
    # faults wrap them, and every response (faults included) gets a request id.
    if page_kinds := app.state.faults.hostile & set(PAGE_KINDS):
        app.add_middleware(PageRewriter, kinds=frozenset(page_kinds))
    app.add_middleware(FaultInjector, plan=app.state.faults)
    app.add_middleware(RequestIdHeader)
    return app


class RequestIdHeader:
    """Every response carries ``X-Request-Id`` (a problem's is its ``instance``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"x-request-id" for name, _ in headers):
                    headers.append((b"x-request-id", problems.trace_id().encode()))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_id)
