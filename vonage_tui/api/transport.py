"""The client's HTTP/1.1 transport: a connection pool of ``connection.Connection`` on asyncio.

Why not httpx's default transport: it runs on httpcore, and httpcore on anyio. Every start
paid for both before the first row of applications was on screen: ``import httpcore`` when
``httpx.AsyncClient()`` builds its transport (~18 ms, h11 ~7 ms of it) and, at the first
request, anyio's asyncio backend, imported by the first ``anyio.Lock()`` (~26 ms) — together
about a tenth of the start-up (issue 11). This transport speaks the same protocol through
the same h11 state machine, over ``asyncio.open_connection``, so neither loads.

It is used only where httpx's default would have made direct connections: when a proxy
applies from the environment, the client keeps httpx's own transport (``uses_env_proxy``).

The pool follows ``httpx.Limits``: at most ``max_connections`` open connections, at most
``max_keepalive_connections`` idle ones kept, each for ``keepalive_expiry`` seconds; a request
that finds none free waits up to the pool timeout (``httpx.PoolTimeout``).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import deque

import httpx

from .connection import Connection, ServerClosedFirst, Timeouts, open_connection

Origin = tuple[str, str, int]
DEFAULT_PORTS = {"http": 80, "https": 443}
# RFC 9110 §9.2.2: only these may be sent again without knowing the first was never applied.
REPLAYABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


class Http11Transport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over asyncio with keep-alive, for ``httpx.AsyncClient(transport=...)``.

    ``verify`` is what ``httpx.AsyncClient(verify=...)`` would take; the SSL context is built
    from it the way httpx does (certifi's CA bundle for ``True``), at the first https
    connection, so a plain-http start never reads the CA bundle.
    """

    def __init__(
        self, *, verify: ssl.SSLContext | bool = True, limits: httpx.Limits | None = None
    ) -> None:
        limits = limits or httpx.Limits(max_connections=100, max_keepalive_connections=20,
                                        keepalive_expiry=5.0)
        self._verify = verify
        self._tls: ssl.SSLContext | None = None
        self._max_connections = limits.max_connections or 2**31
        self._max_idle = limits.max_keepalive_connections
        if self._max_idle is None:
            self._max_idle = self._max_connections
        self._keepalive_expiry = (
            limits.keepalive_expiry if limits.keepalive_expiry is not None else float("inf")
        )
        self._idle: dict[Origin, list[Connection]] = {}
        self._open = 0
        """Connections open or being opened, idle ones included."""
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._closed = False

    @property
    def open_connections(self) -> int:
        """Connections open now, idle or carrying a request (for tests: "nothing leaked")."""
        return self._open

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        scheme = request.url.scheme
        if scheme not in DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"Unsupported URL scheme {scheme!r}", request=request)
        host = request.url.raw_host.decode("ascii")
        origin = (scheme, host, request.url.port or DEFAULT_PORTS[scheme])
        timeouts: Timeouts = request.extensions.get("timeout", {})
        def release(used: Connection, reusable: bool) -> None:
            self._release(origin, used, reusable)

        connection = await self._connection_for(request, origin, timeouts)
        try:
            return await connection.send(request, timeouts, release)
        except ServerClosedFirst as closed:
            self._discard(connection)
            # The server closed a kept-alive connection just as it was reused (its close and
            # our request crossed on the wire): the request never got an answer. httpcore
            # raises here; the client would then retry after a backoff, and a POST not at
            # all. Sent once more on a fresh connection, which cannot be stale, it costs one
            # round trip. Only methods RFC 9110 lets a client replay, with a body still in
            # memory: a POST's server may have acted on the first copy before closing.
            if request.method not in REPLAYABLE_METHODS or not _body_in_memory(request):
                raise closed.failure from closed.failure.__cause__
        except BaseException:  # a failure or a cancellation: its state is unknown
            self._discard(connection)
            raise
        connection = await self._connection_for(request, origin, timeouts, fresh=True)
        try:
            # A fresh connection never raises ServerClosedFirst: only a reused one does.
            return await connection.send(request, timeouts, release)
        except BaseException:
            self._discard(connection)
            raise

    async def aclose(self) -> None:
        self._closed = True
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
                self._open -= 1
        self._idle.clear()

    async def _connection_for(
        self, request: httpx.Request, origin: Origin, timeouts: Timeouts, *, fresh: bool = False
    ) -> Connection:
        if self._closed:
            raise RuntimeError("The transport is closed")
        pool_timeout = timeouts.get("pool")
        deadline = None if pool_timeout is None else time.monotonic() + pool_timeout
        while True:
            self._drop_stale()
            idle = self._idle.get(origin)
            if idle and not fresh:
                return idle.pop()  # the most recently used: least likely to have expired
            if self._open < self._max_connections or self._close_an_idle_connection():
                return await self._connect(request, origin, timeouts)
            await self._wait_for_room(request, deadline)

    async def _connect(self, request: httpx.Request, origin: Origin,
                       timeouts: Timeouts) -> Connection:
        scheme, host, port = origin
        self._open += 1
        try:
            return await open_connection(request, host, port,
                                         self._tls_context() if scheme == "https" else None,
                                         timeouts)
        except BaseException:
            self._open -= 1
            self._wake_one()
            raise

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            # The same context httpx's own transport would use (SSL_CERT_FILE/SSL_CERT_DIR,
            # else certifi), built on first use: reading the CA bundle costs ~20 ms.
            context = httpx.create_ssl_context(verify=self._verify)
            context.set_alpn_protocols(["http/1.1"])
            self._tls = context
        return self._tls

    async def _wait_for_room(self, request: httpx.Request, deadline: float | None) -> None:
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        remaining = None if deadline is None else max(deadline - time.monotonic(), 0.0)
        try:
            async with asyncio.timeout(remaining):
                await waiter
        except BaseException as error:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            elif waiter.done() and not waiter.cancelled():
                # Woken, but leaving by timeout or cancellation: pass the turn on.
                self._wake_one()
            if isinstance(error, TimeoutError):
                raise httpx.PoolTimeout("No connection became free in time",
                                        request=request) from error
            raise

    def _wake_one(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def _release(self, origin: Origin, connection: Connection, reusable: bool) -> None:
        idle_count = sum(len(connections) for connections in self._idle.values())
        if reusable and not self._closed and idle_count < self._max_idle:
            self._idle.setdefault(origin, []).append(connection)
            self._wake_one()
        else:
            self._discard(connection)

    def _discard(self, connection: Connection) -> None:
        connection.close()
        self._open -= 1
        self._wake_one()

    def _drop_stale(self) -> None:
        now = time.monotonic()
        for origin, connections in list(self._idle.items()):
            keep = [c for c in connections if c.is_usable(now, self._keepalive_expiry)]
            for connection in connections:
                if connection not in keep:
                    self._discard(connection)
            if keep:
                self._idle[origin] = keep
            else:
                del self._idle[origin]

    def _close_an_idle_connection(self) -> bool:
        """At the cap, an idle connection to another origin makes room (as in httpcore)."""
        for origin, connections in self._idle.items():
            if connections:
                connection = connections.pop(0)
                if not connections:
                    del self._idle[origin]
                connection.close()
                self._open -= 1
                return True
        return False


def _body_in_memory(request: httpx.Request) -> bool:
    try:
        request.content
    except httpx.RequestNotRead:
        return False
    return True


def uses_env_proxy(url: httpx.URL) -> bool:
    """Whether httpx (``trust_env``, no transport given) would send requests to ``url``
    through a proxy from HTTP_PROXY/HTTPS_PROXY/ALL_PROXY/NO_PROXY: the same patterns,
    matched the way ``httpx.AsyncClient`` picks a mount (most specific first)."""
    from httpx._utils import URLPattern, get_environment_proxies

    proxies = get_environment_proxies()
    if not proxies:
        return False
    for pattern in sorted(URLPattern(key) for key in proxies):
        if pattern.matches(url):
            return proxies[pattern.pattern] is not None
    return False
