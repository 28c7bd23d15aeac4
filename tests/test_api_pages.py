"""Walking all pages when the server lies about how many there are (issue 7, defect 6)."""

from __future__ import annotations

import httpx

from tests.scripted_api import Script, app_doc, make_client
from vonage_tui.api.client import ITER_BURST, ITER_PAGES_PER_SECOND


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
    # after the one before. The fake sleep does not advance the loop's clock, so the waits
    # grow by one interval each (a few fewer when the real clock moved meanwhile).
    interval = 1 / ITER_PAGES_PER_SECOND
    paced = 99 - ITER_BURST
    assert paced - 5 <= len(sleeps.waits) <= paced
    assert sleeps.waits == sorted(sleeps.waits)
    assert max(sleeps.waits) >= (paced - 10) * interval
