"""Turning what came back (or failed to) into Python values or ``ApiError``s."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Protocol, Self, TypeVar

import httpx

from .errors import ApiError, InvalidResponseError, TransportError
from .retry import is_certificate_failure



class FromDocument(Protocol):
    """What a body is parsed into: a lossless model, or a light view (``ApplicationPage``)."""

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Self: ...


M = TypeVar("M", bound=FromDocument)


MAX_ERROR_BODY_BYTES = 64 * 1024
"""What is read of an error body: the problem's fields fit many times over; a 10 MB page does not."""
MAX_RESPONSE_BYTES = 4 * 1024 * 1024
"""The largest successful body accepted: 25 times a page of 100 applications (~150 KB). A list
page that size parses into summaries in ~40 ms; a lossless model of it would take about a
second, in a thread (see below), and still stall the loop ~0.2 s: nothing larger is taken."""
OFF_LOOP_BYTES = 64 * 1024
"""Bodies larger than this are parsed in a thread: the lossless models' Python-level validation
lets the event loop in between, so the UI keeps drawing (``benchmarks/big_bodies.py``: a 3 MB page
stalled the loop ~5x less than parsed inline; what remains is ``json.loads`` holding the GIL).
A light model whose parse is little more than ``json.loads`` sets its own ``OFF_LOOP_BYTES``."""


async def read_capped(
    response: httpx.Response, limit: int, *, prefix_wanted: bool = True
) -> tuple[bytes, bool]:
    """At most ``limit`` bytes of the (decoded) body, and whether that is all of it.

    Read chunk by chunk, so a huge or endless body costs at most ``limit`` bytes of memory.
    Without ``prefix_wanted``, a declared length over the limit is not read at all.
    """
    declared = response.headers.get("content-length", "")
    if not prefix_wanted and declared.isdigit() and int(declared) > limit:
        return b"", False
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], False
    return b"".join(chunks), True


class ParseTurns:
    """Bodies parsed on the event loop take turns: one per pass of the loop at most.

    Many page answers can arrive together (``iter_applications`` keeps dozens in flight), and
    one pass of the loop runs every task that is ready: each parsing its ~150 KB page for a few
    ms, the whole pass was 20-40 ms. A key needs several passes to reach the screen (the
    driver's thread, the app's queue, the field, the refresh), each waiting for the whole
    pass: the echo took 100-170 ms while the applications index filled. Holding the turn
    until the next pass, so another page waits for it, lets the keys' steps run in between.
    """

    def __init__(self) -> None:
        self._turn = asyncio.Lock()

    async def __aenter__(self) -> None:
        await self._turn.acquire()

    async def __aexit__(self, *_exc: object) -> None:
        try:
            # The loop finishes this pass (and everything else that is ready) first.
            await asyncio.sleep(0)
        finally:
            self._turn.release()


async def decoded_body(response: httpx.Response, content: bytes, model: type[M],
                       turns: ParseTurns) -> M:
    """The model a successful response's JSON object stands for; an on-loop parse waits for
    its turn among ``turns``."""
    if not content:
        raise _invalid_response(response, "an empty body")
    if len(content) > getattr(model, "OFF_LOOP_BYTES", OFF_LOOP_BYTES):
        data = await asyncio.to_thread(_parse, content, model)
    else:
        async with turns:
            data = _parse(content, model)
    if isinstance(data, str):
        raise _invalid_response(response, data)
    return data


def _parse(content: bytes, model: type[M]) -> M | str:
    """The model, or what is wrong with the body (a string, so no exception crosses threads)."""
    try:
        data = json.loads(content)
    except ValueError:
        return "invalid or truncated JSON"
    if not isinstance(data, dict):
        return "JSON that is not an object"
    try:
        return model.from_document(data)
    except ValueError as error:  # pragma: no cover - lossless models take any object
        # pydantic's ValidationError is a ValueError. pydantic is not imported here: the
        # list's summaries need none of it, and start-up would wait for it.
        if not callable(count := getattr(error, "error_count", None)):
            raise
        return f"a document the model rejects ({count()} problems)"


def too_large(response: httpx.Response, limit: int) -> InvalidResponseError:
    return _invalid_response(response, f"a body larger than {limit // (1024 * 1024)} MB")


def decoding_failed(method: str, path: str, status: int | None) -> InvalidResponseError:
    return InvalidResponseError(
        "Unreadable response from the Vonage API",
        f"{method} {path} returned a body that could not be decoded",
        status=status,
        method=method,
        path=path,
    )


def _invalid_response(response: httpx.Response, what: str) -> InvalidResponseError:
    method, path = response.request.method, response.request.url.path
    return InvalidResponseError(
        "Unreadable response from the Vonage API",
        f"{method} {path} returned {what}",
        status=response.status_code,
        method=method,
        path=path,
    )


def unexpected_failure(error: Exception, method: str, path: str, host: str) -> ApiError:
    """Any other exception from the transport, as an ``ApiError``.

    The socket layer can raise what httpx does not wrap (an ``OverflowError`` for a port out of
    range, inside an ``ExceptionGroup`` from a task group): the first ``ApiError`` or httpx
    error inside a group stands for it; anything else is named, never raised bare.
    """
    leaf = first_leaf(error)
    if isinstance(leaf, ApiError):
        return leaf
    if isinstance(leaf, httpx.TransportError):
        return transport_error(leaf, method, path)
    detail = f"{type(leaf).__name__}: {leaf}" if str(leaf) else type(leaf).__name__
    return TransportError(f"Request to {host} failed", detail, method=method, path=path)


def first_leaf(error: BaseException) -> BaseException:
    """The first exception that is not a group, preferring an ``ApiError`` or httpx error."""
    leaves: list[BaseException] = []
    pending = [error]
    while pending:
        current = pending.pop(0)
        if isinstance(current, BaseExceptionGroup):
            pending[:0] = list(current.exceptions)
        else:
            leaves.append(current)
    for kind in (ApiError, httpx.TransportError):
        for leaf in leaves:
            if isinstance(leaf, kind):
                return leaf
    return leaves[0] if leaves else error


def transport_error(error: httpx.TransportError, method: str, path: str) -> TransportError:
    """A one-line account of a request that got no HTTP answer at all."""
    host = _host_of(error)
    name = type(error).__name__
    if is_certificate_failure(error):
        title, detail = f"TLS certificate of {host} not trusted", "certificate verification failed"
    elif isinstance(error, httpx.TimeoutException):
        title, detail = f"{host} did not answer in time", f"{name} on {method} {path}"
    elif isinstance(error, httpx.ConnectError):
        title, detail = f"Cannot connect to {host}", str(error) or name
    else:
        title, detail = f"Connection to {host} failed", str(error) or name
    return TransportError(title, detail, method=method, path=path)


def _host_of(error: httpx.TransportError) -> str:
    try:
        return error.request.url.host
    except RuntimeError:  # an error raised without its request attached
        return "the API"
