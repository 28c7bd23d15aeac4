"""Walking all pages when the server lies about how many there are (issue 7, defect 6), or
fails one of them for a while (issue 11)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.scripted_api import Script, app_doc, make_client
from vonage_tui.api import AuthenticationError, ServerError
from vonage_tui.api.client import (ITER_BURST, ITER_PAGES_PER_SECOND, LATE_PAGE_ROUNDS,
                                   LATE_PAGE_WAIT)


def lying_server(real_total: int, *, claimed_items: int | None = None) -> Script:
    """Pages of the ``real_total`` applications, each claiming 100,000 pages."""

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        size = int(request.url.params["page_size"])
        items = [app_doc(i) for i in range((page - 1) * size, min(page * size, real_total))]
        return httpx.Response(200, json={
            "page": page, "page_size": size,
            "total_items": real_total if claimed_items is None else claimed_items,
            "total_pages": 100_000, "_embedded": {"applications": items}})

    return Script(answer)


async def test_total_pages_is_not_trusted_beyond_total_items():
    script = lying_server(250)
    client, _ = make_client(script)
    async with client:
        ids = [a.id async for a in client.iter_applications(page_size=100)]
    assert len(ids) == 250
    assert len(script.requests) == 3  # it once fired thousands


async def test_the_walk_stops_at_the_first_empty_page_when_every_count_lies():
    script = lying_server(250, claimed_items=10**7)
    client, _ = make_client(script, iter_concurrency=4)
    async with client:
        ids = [a.id async for a in client.iter_applications(page_size=100)]
    assert len(ids) == 250
    # Page 3 is short: nothing is started after it; at most the window started ahead of it
    # (twice the concurrency) was already asked for.
    assert len(script.requests) <= 3 + 2 * 4


async def test_the_walk_stops_at_a_page_that_only_repeats():
    # Full pages, a fresh count each time, but always the same applications.
    script = Script(lambda r: httpx.Response(200, json={
        "page": int(r.url.params["page"]), "page_size": 2, "total_items": 10**6,
        "total_pages": 10**5, "_embedded": {"applications": [app_doc(1), app_doc(2)]}}))
    client, _ = make_client(script, iter_concurrency=3)
    async with client:
        ids = [a.id async for a in client.iter_applications(page_size=2)]
    assert ids == ["app-001", "app-002"]
    assert len(script.requests) <= 1 + 2 * 3


async def test_duplicate_ids_within_a_page_are_all_yielded():
    # Two applications with one id on one page are the server's data (shown, and said to be a
    # duplicate, by the list); only an application an earlier page had is a page shift.
    script = Script(lambda r: httpx.Response(200, json={
        "page": 1, "page_size": 10, "total_items": 3, "total_pages": 1,
        "_embedded": {"applications": [app_doc(1), app_doc(2), app_doc(1)]}}))
    client, _ = make_client(script)
    async with client:
        ids = [a.id async for a in client.iter_applications(page_size=10)]
    assert ids == ["app-001", "app-002", "app-001"]


async def test_page_requests_start_in_a_burst_then_are_paced():
    script = lying_server(1000)
    client, sleeps = make_client(script, iter_concurrency=8)
    async with client:
        ids = [a.id async for a in client.iter_applications(page_size=10)]
    assert len(ids) == 1000 and len(script.requests) == 100
    # Pages 2-100: the first ITER_BURST start at once, every later one is due one interval
    # after the one before. The pacing clock moves only by the time slept (not with the
    # machine's speed), and calls waiting together reserve their slots in turn.
    interval = 1 / ITER_PAGES_PER_SECOND
    paced = 99 - ITER_BURST
    waits = [wait for wait in sleeps.waits if wait > 1e-9]  # not a float rounding's 1e-16
    assert len(waits) == paced and waits == pytest.approx([interval] * paced)


def flaky_server(real_total: int, fails: dict[int, int], status: int = 503) -> Script:
    """Pages of ``real_total`` applications; page N answers ``status`` its first
    ``fails[N]`` times."""
    asked: dict[int, int] = {}

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        size = int(request.url.params["page_size"])
        asked[page] = asked.get(page, 0) + 1
        if asked[page] <= fails.get(page, 0):
            return httpx.Response(status, json={"title": "Unavailable"})
        items = [app_doc(i) for i in range((page - 1) * size, min(page * size, real_total))]
        return httpx.Response(200, json={
            "page": page, "page_size": size, "total_items": real_total,
            "total_pages": -(-real_total // size), "_embedded": {"applications": items}})

    return Script(answer)


async def test_a_failed_page_is_asked_again_after_the_others_and_nothing_is_missing():
    # Page 3 fails more often than the call retries (max_retries=1: two tries): the walk
    # goes on, and page 3 is read at the end.
    script = flaky_server(50, fails={3: 2})
    client, _ = make_client(script, max_retries=1)
    async with client:
        ids = [a.id async for a in client.iter_applications(page_size=10)]
    assert sorted(ids) == [f"app-{i:03d}" for i in range(50)]
    assert ids[-10:] == [f"app-{i:03d}" for i in range(20, 30)]  # page 3, read last
    pages = [int(r.url.params["page"]) for r in script.requests]
    assert pages.count(3) == 3 and pages.count(4) == 1 and pages.count(5) == 1


async def test_a_page_that_keeps_failing_is_raised_after_everything_else_was_yielded():
    script = flaky_server(50, fails={2: 100})
    client, sleeps = make_client(script, max_retries=0)
    ids: list[str] = []
    async with client:
        with pytest.raises(ServerError):
            async for application in client.iter_applications(page_size=10):
                ids.append(application.id)
    assert len(ids) == 40 and "app-010" not in ids
    pages = [int(r.url.params["page"]) for r in script.requests]
    assert pages.count(2) == 1 + LATE_PAGE_ROUNDS
    assert sleeps.waits.count(LATE_PAGE_WAIT) == LATE_PAGE_ROUNDS


async def test_a_page_refused_for_good_is_raised_at_once():
    # A 401 will not heal by asking later: nothing more is asked for.
    script = flaky_server(50, fails={2: 100}, status=401)
    client, _ = make_client(script, max_retries=0, iter_concurrency=1)
    async with client:
        with pytest.raises(AuthenticationError):
            [a async for a in client.iter_applications(page_size=10)]
    assert [int(r.url.params["page"]) for r in script.requests].count(2) == 1


async def test_pages_that_arrive_together_are_parsed_one_per_pass_of_the_loop(monkeypatch):
    """Many answers ready at once are parsed on the loop in turns, not all in one pass: what
    else is ready (a key on its way to the screen) runs between two pages (issue 11)."""
    from vonage_tui.models import ApplicationPage

    passes = 0

    async def count_passes() -> None:
        nonlocal passes
        while True:
            passes += 1
            await asyncio.sleep(0)  # resumes in the next pass of the loop

    parsed_in_pass: list[int] = []
    real_from_document = ApplicationPage.from_document.__func__

    def recording(cls, document):
        parsed_in_pass.append(passes)
        return real_from_document(cls, document)

    monkeypatch.setattr(ApplicationPage, "from_document", classmethod(recording))
    client, _ = make_client(lying_server(80))  # answers at once: every page ready together
    counter = asyncio.ensure_future(count_passes())
    try:
        async with client:
            pages = await asyncio.gather(*(client.list_applications(number, 10)
                                           for number in range(1, 9)))
    finally:
        counter.cancel()
    assert [len(page.applications) for page in pages] == [10] * 8
    assert len(parsed_in_pass) == 8
    assert len(set(parsed_in_pass)) == 8, f"two pages parsed in one pass: {parsed_in_pass}"


async def test_a_call_cancelled_while_it_holds_the_parse_turn_leaves_it_to_the_others():
    client, _ = make_client(lying_server(30))
    async with client:
        first = asyncio.ensure_future(client.list_applications(1, 10))
        # Until its body is parsed and it waits for the next pass, holding the turn.
        for _ in range(1000):
            if client._parse_turns._turn.locked():
                break
            await asyncio.sleep(0)
        assert client._parse_turns._turn.locked()
        first.cancel()
        with pytest.raises(asyncio.CancelledError):
            await first
        page = await asyncio.wait_for(client.list_applications(2, 10), timeout=5)
    assert len(page.applications) == 10
