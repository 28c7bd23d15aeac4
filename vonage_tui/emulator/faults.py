"""Latency and fault injection, as an ASGI middleware around the whole API.

A client has to survive what real networks and real servers do: errors, rate limits, slow
answers, bodies cut short. Which request gets which fault is drawn from a seeded generator,
so a failing run can be replayed exactly (for requests sent one at a time).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterable, Iterator
from typing import Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import hostile, problems
from .hostile import (
    DEFAULT_TRICKLE_SECONDS,
    DRAWN_KINDS,
    STORM_LENGTH,
    HostileKind,
    hostile_kinds,
)

FaultKind = Literal["error-500", "error-503", "rate-limit", "slow", "truncated"]
FAULT_KINDS: tuple[FaultKind, ...] = ("error-500", "error-503", "rate-limit", "slow", "truncated")
AnyFault = FaultKind | HostileKind
FAULT_HEADER = "x-emulator-fault"
RETRY_AFTER_SECONDS = 1
DEFAULT_SLOW_MS = 1500


def fault_schedule(
    fault_rate: float, seed: int, kinds: tuple[AnyFault, ...] = FAULT_KINDS
) -> Iterator[AnyFault | None]:
    """The fault (or None) for each request in turn; the same arguments give the same run."""
    if not 0.0 <= fault_rate <= 1.0:  # checked now, not at the first request
        raise ValueError(f"fault_rate must be between 0 and 1, not {fault_rate}")
    return _draws(fault_rate, random.Random(seed), kinds)


def _draws(
    fault_rate: float, rng: random.Random, kinds: tuple[AnyFault, ...]
) -> Iterator[AnyFault | None]:
    while True:
        # Two draws per request whatever the outcome, so the sequence is easy to reason about.
        roll, pick = rng.random(), rng.randrange(len(kinds))
        yield kinds[pick] if roll < fault_rate else None


class FaultPlan:
    """What to inject: ``latency_ms`` on every response, a fault on ``fault_rate`` of them."""

    def __init__(
        self,
        *,
        latency_ms: int = 0,
        fault_rate: float = 0.0,
        fault_seed: int = 0,
        slow_ms: int = DEFAULT_SLOW_MS,
        hostile: Iterable[HostileKind] = (),
        trickle_seconds: float = DEFAULT_TRICKLE_SECONDS,
    ) -> None:
        if latency_ms < 0 or slow_ms < 0 or trickle_seconds < 0:
            raise ValueError("latency_ms, slow_ms and trickle_seconds must not be negative")
        self.latency = latency_ms / 1000
        self.slow = slow_ms / 1000
        self.hostile = hostile_kinds(hostile)
        """The hostile behaviours asked for (see ``hostile.py``); none by default."""
        self.trickle_seconds = trickle_seconds
        # Without hostile kinds the draw is exactly the ordinary one: same seed, same faults.
        drawn = tuple(kind for kind in DRAWN_KINDS if kind in self.hostile)
        self._schedule = fault_schedule(fault_rate, fault_seed, FAULT_KINDS + drawn)
        self._storm_left = 0
        self.injected: list[AnyFault] = []
        """Every fault injected so far, in order (for tests, and for the curious)."""

    def next_fault(self) -> AnyFault | None:
        if self._storm_left:
            # A storm does not draw: the schedule stays the same around it.
            self._storm_left -= 1
            fault: AnyFault | None = "osc-429"
        else:
            fault = next(self._schedule)
            if fault == "osc-429":
                self._storm_left = STORM_LENGTH - 1
        if fault is not None:
            self.injected.append(fault)
        return fault


class FaultInjector:
    """The ASGI middleware carrying out a :class:`FaultPlan`."""

    def __init__(self, app: ASGIApp, *, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        fault = self.plan.next_fault()
        if self.plan.latency:
            await asyncio.sleep(self.plan.latency)
        if fault is None:
            await self.app(scope, receive, send)
        elif fault == "slow":
            await asyncio.sleep(self.plan.slow)
            await self.app(scope, receive, _tagged(send, fault))
        elif fault == "truncated":
            await self.app(scope, receive, _truncating(send))
        elif fault == "huge-errors":
            await hostile.send_huge_error(_tagged(send, fault))
        elif fault == "osc-429":
            await hostile.send_osc_429(_tagged(send, fault))
        elif fault == "hang":
            await hostile.hang(receive)
        elif fault == "trickle":
            await hostile.trickle(self.app, scope, receive, _tagged(send, fault),
                                  self.plan.trickle_seconds)
        else:
            problem = (
                problems.rate_limited(RETRY_AFTER_SECONDS)
                if fault == "rate-limit"
                else problems.server_error(503 if fault == "error-503" else 500)
            )
            problem.headers[FAULT_HEADER] = fault
            await problem.response()(scope, receive, send)


def _tagged(send: Send, fault: AnyFault) -> Send:
    async def tagged_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [*message.get("headers", []), (FAULT_HEADER.encode(), fault.encode())]
            message = {**message, "headers": headers}
        await send(message)

    return tagged_send


def _truncating(send: Send) -> Send:
    """Sends the real status and headers but only the first half of the body.

    Content-Length is set to what is actually sent, so the client reads a complete HTTP
    message whose JSON is cut short: the failure is in parsing, not in the transport.
    """
    start: Message | None = None
    chunks: list[bytes] = []

    async def truncating_send(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
            return
        if message["type"] != "http.response.body" or start is None:
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(chunks)
        cut = body[: len(body) // 2] if len(body) > 1 else body
        headers = [
            (name, value)
            for name, value in start.get("headers", [])
            if name.lower() != b"content-length"
        ]
        headers += [
            (b"content-length", str(len(cut)).encode()),
            (FAULT_HEADER.encode(), b"truncated"),
        ]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": cut})

    return truncating_send
