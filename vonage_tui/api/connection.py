"""One HTTP/1.1 connection: h11's state machine over an asyncio stream.

h11 (the protocol code httpcore itself uses) does all the parsing and framing: Content-Length,
chunked and read-until-close bodies, header size limits, keep-alive rules. This module only
moves its bytes over ``asyncio.open_connection`` and turns every failure into the httpx
exception the client's retry logic (``retry.py``) reads. ``transport.py`` pools these.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterator, Callable

import h11
import httpx

READ_SIZE = 64 * 1024
MAX_HEAD_BYTES = 100 * 1024
"""The largest response head (status line and headers) accepted: httpcore's own cap, so a
server that worked before still works, and a hostile one cannot make us buffer without end."""

HAPPY_EYEBALLS_DELAY = 0.25
"""Seconds before trying a host's next address alongside the first (RFC 8305, anyio's value).
Without it asyncio tries them one after another: on a box whose IPv6 is broken, the first
(AAAA) address would use up the whole connect timeout before IPv4 was tried."""

Timeouts = dict[str, float | None]
Release = Callable[["Connection", bool], None]
"""Called once when a response is closed: the connection, and whether it can be reused."""


class ServerClosedFirst(Exception):
    """A reused connection turned out to be closed by the server before it answered a single
    byte; ``failure`` is the httpx error to raise if the request is not tried again."""

    def __init__(self, failure: httpx.TransportError) -> None:
        super().__init__(str(failure))
        self.failure = failure


async def open_connection(
    request: httpx.Request, host: str, port: int, tls: ssl.SSLContext | None, timeouts: Timeouts
) -> Connection:
    """A new connection to ``host:port`` (TLS with ``tls``), or ConnectError/ConnectTimeout.

    The connect timeout covers the TLS handshake too, as in httpcore. A certificate failure
    stays the ``__cause__`` of the ConnectError: ``retry.is_certificate_failure`` looks there.
    """
    try:
        async with asyncio.timeout(timeouts.get("connect")):
            reader, writer = await asyncio.open_connection(
                host, port, ssl=tls, server_hostname=host if tls is not None else None,
                limit=READ_SIZE, happy_eyeballs_delay=HAPPY_EYEBALLS_DELAY,
            )
    except TimeoutError as error:
        raise httpx.ConnectTimeout(f"Timed out connecting to {host}:{port}",
                                   request=request) from error
    except (OSError, ssl.SSLError) as error:  # refused, unreachable, DNS, handshake
        raise httpx.ConnectError(str(error) or type(error).__name__, request=request) from error
    return Connection(reader, writer)


class Connection:
    """One socket and its h11 state. Used by one request at a time (the pool sees to that)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD_BYTES)
        self.idle_since = time.monotonic()
        self.requests_sent = 0
        self._answered = False
        """Whether any byte of the current request's answer has arrived."""

    def is_usable(self, now: float, keepalive_expiry: float) -> bool:
        """Whether an idle connection can carry another request: not expired, and nothing
        reached it while it sat in the pool — neither the server's close (EOF, a reset) nor
        bytes (a server may say "408 Request Timeout" as it closes an idle connection: read
        later, they would pass for the answer to the next request). httpcore asks the
        socket whether it is readable; asyncio has read it already, so we ask the stream,
        whose buffer has no public accessor."""
        return (
            now - self.idle_since < keepalive_expiry
            and not self._writer.is_closing()
            and not self._reader.at_eof()
            and self._reader.exception() is None
            and not self._reader._buffer  # noqa: SLF001
        )

    def close(self) -> None:
        """Close the socket without waiting: a TLS close_notify is sent in the background; a
        caller leaving a response must not wait on a server that stopped reading."""
        self._writer.close()

    def ready_for_next(self) -> bool:
        """After a complete exchange: whether keep-alive lets the connection be reused."""
        leftover, closed = self._h11.trailing_data
        if (self._h11.our_state is h11.DONE and self._h11.their_state is h11.DONE
                and not leftover and not closed):
            # (Bytes after the response are no answer to anything: not reused.)
            self._h11.start_next_cycle()
            self.idle_since = time.monotonic()
            return True
        return False

    async def send(self, request: httpx.Request, timeouts: Timeouts,
                   release: Release) -> httpx.Response:
        """Send ``request`` and read the response head; the body streams from the response,
        whose closing calls ``release``.

        A failure before any byte of the answer, on a connection that had carried requests
        before, is raised as ``ServerClosedFirst`` so the pool can decide on a retry.
        """
        reused = self.requests_sent > 0
        self.requests_sent += 1
        self._answered = False
        try:
            await self._send_request(request, timeouts)
            event = await self._response_head(request, timeouts)
        except (httpx.WriteError, httpx.ReadError, httpx.RemoteProtocolError) as error:
            if reused and not self._answered:
                raise ServerClosedFirst(error) from error
            raise
        return httpx.Response(
            status_code=event.status_code,
            headers=event.headers.raw_items(),
            stream=ResponseBody(self, request, timeouts, release),
            extensions={"http_version": b"HTTP/" + event.http_version,
                        "reason_phrase": event.reason},
        )

    async def _send_request(self, request: httpx.Request, timeouts: Timeouts) -> None:
        target = request.url.raw_path
        head = h11.Request(method=request.method, target=target, headers=request.headers.raw)
        pending = [self._h11_send(request, head)]
        async for chunk in request.stream:  # type: ignore[union-attr]
            pending.append(self._h11_send(request, h11.Data(data=chunk)))
        pending.append(self._h11_send(request, h11.EndOfMessage()))
        # One write: the head and a JSON body leave in one segment.
        try:
            async with asyncio.timeout(timeouts.get("write")):
                self._writer.write(b"".join(pending))
                await self._writer.drain()
        except TimeoutError as error:
            raise httpx.WriteTimeout("Timed out sending the request", request=request) from error
        except OSError as error:  # reset, broken pipe, connection lost
            raise httpx.WriteError(str(error) or type(error).__name__,
                                   request=request) from error

    def _h11_send(self, request: httpx.Request, event: h11.Event) -> bytes:
        try:
            return self._h11.send(event) or b""
        except h11.LocalProtocolError as error:
            raise httpx.LocalProtocolError(str(error), request=request) from error

    async def _response_head(self, request: httpx.Request, timeouts: Timeouts) -> h11.Response:
        while True:
            event = await self.next_event(request, timeouts)
            if isinstance(event, h11.InformationalResponse):
                continue  # 100 Continue and friends: the real answer follows
            if isinstance(event, h11.Response):
                return event
            raise httpx.RemoteProtocolError(f"Unexpected {type(event).__name__} from the server",
                                            request=request)

    async def next_event(self, request: httpx.Request, timeouts: Timeouts) -> h11.Event:
        """h11's next event, reading from the socket as it needs data."""
        while True:
            try:
                event = self._h11.next_event()
            except h11.RemoteProtocolError as error:
                raise httpx.RemoteProtocolError(str(error), request=request) from error
            if event is not h11.NEED_DATA:
                return event  # type: ignore[return-value]
            try:
                async with asyncio.timeout(timeouts.get("read")):
                    data = await self._reader.read(READ_SIZE)
            except TimeoutError as error:
                raise httpx.ReadTimeout("Timed out reading the response",
                                        request=request) from error
            except (OSError, ssl.SSLError) as error:
                raise httpx.ReadError(str(error) or type(error).__name__,
                                      request=request) from error
            if not data and self._h11.their_state is h11.SEND_RESPONSE:
                # h11 would call this a protocol error; httpcore says it like this, and so
                # does an idle connection the server closed just as we reused it.
                raise httpx.RemoteProtocolError("Server disconnected without sending a response.",
                                                request=request)
            self._answered = self._answered or bool(data)
            self._h11.receive_data(data)


class ResponseBody(httpx.AsyncByteStream):
    """The body as it arrives, one read at a time: nothing is buffered here, so the client's
    ``max_body`` cap holds against a server that never stops sending. ``aclose`` hands the
    connection back to the pool when the exchange is complete, and closes it otherwise."""

    def __init__(self, connection: Connection, request: httpx.Request, timeouts: Timeouts,
                 release: Release) -> None:
        self._connection = connection
        self._request = request
        self._timeouts = timeouts
        self._release: Release | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            event = await self._connection.next_event(self._request, self._timeouts)
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, h11.EndOfMessage):
                return
            elif isinstance(event, h11.ConnectionClosed):
                return  # a read-until-close body ended as it should
            else:
                raise httpx.RemoteProtocolError(
                    f"Unexpected {type(event).__name__} in a response body", request=self._request
                )

    async def aclose(self) -> None:
        if self._release is None:
            return
        release, self._release = self._release, None
        release(self._connection, self._connection.ready_for_next())
