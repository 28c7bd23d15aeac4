"""The client against servers that misbehave: huge bodies, trickles, silence, broken sockets,
5xx on reads, and a caller that gives up (issue 7). Scripted with httpx.MockTransport; the
cancellation test uses the emulator on a real loopback socket."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.scripted_api import SECRET, Script, app_doc, make_client, problem
from vonage_tui.api import (
    ApiError,
    DeadlineExceededError,
    InvalidBaseUrlError,
    InvalidResponseError,
    RateLimitedError,
    ServerError,
    TransportError,
    ValidationError,
    VonageClient,
)
from vonage_tui.api.errors import MAX_MESSAGE, MAX_TITLE
from vonage_tui.api.responses import MAX_ERROR_BODY_BYTES, OFF_LOOP_BYTES
from vonage_tui.models import ApplicationPage
from vonage_tui.emulator import DemoServer

MB = 1024 * 1024
CHUNK = 16 * 1024


class CountingStream(httpx.AsyncByteStream):
    """A body served in chunks, counting how much of it the client pulled."""

    def __init__(self, body: bytes, *, pause: float = 0.0, chunk: int = CHUNK) -> None:
        self.body, self.pause, self.chunk = body, pause, chunk
        self.pulled = 0
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self.body), self.chunk):
            if self.pause:
                await asyncio.sleep(self.pause)
            piece = self.body[start:start + self.chunk]
            self.pulled += len(piece)
            yield piece

    async def aclose(self) -> None:
        self.closed = True


def huge_problem(status: int = 500) -> bytes:
    return json.dumps({"type": "https://developer.vonage.com/api-errors#internal-error",
                       "title": "Internal Server Error", "detail": "x" * (10 * MB),
                       "instance": "trace-123"}).encode()


async def within(seconds: float, awaitable: Any) -> Any:
    """Fails the test (rather than hanging it) if the client does not give up by itself."""
    return await asyncio.wait_for(awaitable, seconds)


# --- 4. large bodies --------------------------------------------------------------------------


async def test_a_10_mb_error_body_is_read_only_in_part_and_the_message_is_short():
    streams: list[CountingStream] = []

    def answer(request: httpx.Request) -> httpx.Response:
        streams.append(CountingStream(huge_problem()))
        return httpx.Response(500, stream=streams[-1],
                              headers={"content-type": "application/problem+json"})

    client, _ = make_client(Script(answer), max_retries=0)
    async with client:
        with pytest.raises(ServerError) as caught:
            await client.create_application({"name": "x"})
    error = caught.value
    assert streams[0].pulled <= MAX_ERROR_BODY_BYTES + CHUNK
    assert streams[0].closed
    assert error.title == "Internal Server Error"  # recovered from the part that was read
    assert len(str(error)) <= MAX_MESSAGE and str(error).endswith("…")


async def test_each_field_of_an_error_message_is_capped_visibly():
    long = "y" * 5000
    params = [{"name": f"field{i}", "reason": long} for i in range(30)]
    script = Script(lambda r: problem(400, "t" * 5000, long, invalid_parameters=params))
    client, _ = make_client(script)
    async with client:
        with pytest.raises(ValidationError) as caught:
            await client.create_application({"name": "x"})
    error = caught.value
    assert len(error.title) == MAX_TITLE and error.title.endswith("…")
    assert error.detail is not None and len(error.detail) < 1000
    text = str(error)
    assert len(text) <= MAX_MESSAGE and text.endswith("…")


async def test_a_successful_body_over_the_limit_is_refused_without_reading_it_all():
    streams: list[CountingStream] = []
    body = json.dumps({"_embedded": {"applications": [app_doc(1)] * 50_000}}).encode()

    def answer(request: httpx.Request) -> httpx.Response:
        streams.append(CountingStream(body))
        return httpx.Response(200, stream=streams[-1])  # no Content-Length: must count

    client, sleeps = make_client(Script(answer), max_body=256 * 1024)
    async with client:
        with pytest.raises(InvalidResponseError, match="larger than"):
            await client.list_applications()
    assert len(streams) == 1 and sleeps.waits == []  # the same again on a retry: not retried
    assert streams[0].pulled <= 256 * 1024 + CHUNK and streams[0].closed


async def test_a_declared_length_over_the_limit_is_not_read_at_all():
    stream = CountingStream(b"{" + b" " * (2 * MB) + b"}")
    script = Script(lambda r: httpx.Response(
        200, stream=stream, headers={"content-length": str(2 * MB + 2)}))
    client, _ = make_client(script, max_body=MB)
    async with client:
        with pytest.raises(InvalidResponseError):
            await client.get_application("a")
    assert stream.pulled == 0


async def test_a_large_page_parses_off_the_loop_to_the_same_document():
    apps = [{**app_doc(i), "unknown_field": {"kept": i, "pad": "x" * 600}} for i in range(2000)]
    document = {"page": 1, "page_size": 2000, "total_items": 2000, "total_pages": 1,
                "_embedded": {"applications": apps}, "extra": [1, 2]}
    body = json.dumps(document).encode()
    assert len(body) > max(OFF_LOOP_BYTES, ApplicationPage.OFF_LOOP_BYTES)
    client, _ = make_client(Script(lambda r: httpx.Response(200, content=body)))
    async with client:
        page = await client.list_applications(page_size=2000)
    assert page.to_document() == document


# --- 5. one deadline per call --------------------------------------------------------------


async def test_a_trickling_body_ends_at_the_deadline():
    stream = CountingStream(json.dumps(app_doc(1)).encode() * 100, pause=0.02, chunk=1)
    client, _ = make_client(Script(lambda r: httpx.Response(200, stream=stream)), deadline=0.2)
    async with client:
        with pytest.raises(DeadlineExceededError) as caught:
            await within(5, client.get_application("a"))
    assert "within 0.2 s" in str(caught.value)
    assert caught.value.waited == 0.2
    assert isinstance(caught.value, TransportError)  # callers handling "no answer" get it too
    assert stream.closed


async def test_a_server_that_never_answers_ends_at_the_deadline():
    started = asyncio.Event()

    async def silent(request: httpx.Request) -> httpx.Response:
        started.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    client, _ = make_client(Script(silent), deadline=0.1)
    async with client:
        with pytest.raises(DeadlineExceededError, match="No complete answer from api.nexmo.com"):
            await within(5, client.list_applications())
    assert started.is_set()


async def test_a_retry_that_would_outlast_the_deadline_is_not_waited_for():
    script = Script(lambda r: problem(503, "Unavailable", headers={"Retry-After": "5"}))
    client, sleeps = make_client(script, deadline=2.0)
    async with client:
        with pytest.raises(ServerError, match="Unavailable"):
            await client.get_application("a")
    # Without the deadline this slept 5 s three times before failing.
    assert sleeps.waits == [] and len(script.requests) == 1


def test_the_deadline_is_checked_when_the_client_is_built():
    for bad in (0, -1, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="deadline"):
            VonageClient("k", SECRET, deadline=bad)
    assert VonageClient("k", SECRET, deadline=7).deadline == 7.0
    assert VonageClient("k", SECRET).deadline == 30.0


async def test_cancelling_a_call_closes_its_connection_and_raises_only_cancelled():
    arrived, gone = threading.Event(), threading.Event()

    async def hanging(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        arrived.set()
        while (await receive())["type"] != "http.disconnect":
            pass
        gone.set()

    with DemoServer(hanging) as server:
        async with VonageClient("k", "s", base_url=server.url) as client:
            task = asyncio.ensure_future(client.list_applications())
            while not arrived.is_set():
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            transport = client._http._transport  # noqa: SLF001 - what "no leak" means
            assert transport.open_connections == 0
        # The server saw the connection go: nothing is left waiting on either side.
        assert await asyncio.to_thread(gone.wait, 5)


# --- 7. every failure is an ApiError ------------------------------------------------------


async def test_an_exception_group_from_the_socket_layer_becomes_a_transport_error():
    def answer(request: httpx.Request) -> BaseException:
        return ExceptionGroup("unhandled errors in a TaskGroup",
                              [OverflowError("connect(): port must be 0-65535.")])

    client, _ = make_client(Script(answer))
    async with client:
        with pytest.raises(TransportError) as caught:
            await client.list_applications()
    assert "OverflowError" in str(caught.value) and "api.nexmo.com" in str(caught.value)
    assert caught.value.__cause__ is None


async def test_an_httpx_error_inside_a_group_is_reported_as_itself():
    def answer(request: httpx.Request) -> BaseException:
        inner = httpx.ConnectError("Connection refused", request=request)
        return ExceptionGroup("group", [ValueError("noise"), inner])

    client, _ = make_client(Script(answer), max_retries=0)
    async with client:
        with pytest.raises(TransportError, match="Cannot connect to api.nexmo.com"):
            await client.list_applications()


async def test_a_body_that_cannot_be_decoded_is_an_invalid_response():
    script = Script(lambda r: httpx.Response(
        200, content=b"not gzip at all", headers={"content-encoding": "gzip"}))
    client, _ = make_client(script)
    async with client:
        with pytest.raises(InvalidResponseError, match="could not be decoded"):
            await client.get_application("a")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:99999",
    "http://127.0.0.1:0",
    "https://api.nexmo.com:70000/",
])
def test_a_base_url_that_cannot_work_is_refused_when_the_client_is_built(url):
    with pytest.raises(InvalidBaseUrlError) as caught:
        VonageClient("k", SECRET, base_url=url)
    assert isinstance(caught.value, ApiError) and isinstance(caught.value, ValueError)
    assert "port" in str(caught.value)


# --- 8. a 500 on a read is retried ----------------------------------------------------------


async def test_a_500_on_a_read_is_retried_with_backoff():
    answers = iter([problem(500, "Internal Server Error"), problem(500, "Internal Server Error"),
                    httpx.Response(200, json=app_doc(1))])
    script = Script(lambda r: next(answers))
    client, sleeps = make_client(script)
    async with client:
        application = await client.get_application("app-001")
    assert application.id == "app-001"
    assert len(script.requests) == 3
    assert len(sleeps.waits) == 2 and sleeps.waits[1] > sleeps.waits[0] * 0.9


async def test_a_500_on_a_read_is_retried_only_a_bounded_number_of_times():
    script = Script(lambda r: problem(500, "Internal Server Error"))
    client, sleeps = make_client(script, max_retries=2)
    async with client:
        with pytest.raises(ServerError):
            await client.list_applications()
    assert len(script.requests) == 3 and len(sleeps.waits) == 2


@pytest.mark.parametrize("method", ["POST", "PUT"])
async def test_a_500_on_a_write_is_not_retried(method):
    script = Script(lambda r: problem(500, "Internal Server Error"))
    client, sleeps = make_client(script)
    async with client:
        with pytest.raises(ServerError):
            if method == "POST":
                await client.create_application({"name": "x"})
            else:
                await client.update_application({"id": "a", "name": "x"})
    assert len(script.requests) == 1 and sleeps.waits == []


async def test_a_429_storm_ends_in_a_rate_limited_error_with_its_title_kept_as_data():
    title = "Too Many Requests \x1b]52;c;Y3VybA==\x07"
    script = Script(lambda r: problem(429, title, headers={"Retry-After": "1"}))
    client, sleeps = make_client(script, max_retries=2)
    async with client:
        with pytest.raises(RateLimitedError) as caught:
            await client.list_applications()
    # The client keeps server text as it came (the display sanitises it), but one line, short.
    assert caught.value.title == title and len(sleeps.waits) == 2

