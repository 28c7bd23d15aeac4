"""A scripted Vonage API for client tests: a fake server that answers from a function of the
request and records every request, and a VonageClient wired to it (httpx.MockTransport)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx

from vonage_tui.api import VonageClient

BASE = "https://api.nexmo.com"
SECRET = "s3cr3t-api-secret-value"


class Script:
    """A fake server: answers from a function of the request and records every request."""

    def __init__(self, answer: Callable[[httpx.Request], Any]) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        result = self.answer(request)
        if asyncio.iscoroutine(result):
            result = await result
        if isinstance(result, BaseException):
            raise result
        return result


class Sleeps:
    """A sleep that waits for nothing, and the clock it moves on by the time slept (the
    client's ``pace_clock``): pacing is then the same however fast the machine runs."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.now = 0.0

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def make_client(script: Script, key_pair=None, **kwargs: Any) -> tuple[VonageClient, Sleeps]:
    sleeps = Sleeps()
    if key_pair is not None:
        kwargs.setdefault("application_id", "app-1")
        kwargs.setdefault("private_key", key_pair.private_pem)
    kwargs.setdefault("base_url", BASE)
    kwargs.setdefault("pace_clock", sleeps.clock)
    client = VonageClient(
        "key", SECRET, transport=httpx.MockTransport(script), sleep=sleeps, **kwargs
    )
    return client, sleeps


def problem(status: int, title: str, detail: str = "", **extra: Any) -> httpx.Response:
    headers = extra.pop("headers", None) or {}
    body = {"type": "https://developer.vonage.com/api-errors", "title": title, "detail": detail}
    body.update(extra)
    return httpx.Response(status, json=body, headers=headers)


def app_doc(i: int) -> dict[str, Any]:
    return {"id": f"app-{i:03d}", "name": f"App {i}"}
