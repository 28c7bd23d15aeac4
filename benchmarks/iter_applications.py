"""Listing every application: `iter_applications` against the official SDK and bare httpx.

`/` on the applications list searches every application, so the walk behind it must be fast
on accounts with thousands of them. Three ways to read every page of one emulator (a
``vonage-tui demo-server`` subprocess with a per-response latency like a real API's), timed
side by side in this one run, each the best of ``--rounds``:

- the official Python SDK's page loop (``vonage.application.list_applications`` page after
  page, as its docs show), in a thread so it does not share our event loop;
- ``VonageClient.iter_applications`` (what the index uses);
- bare concurrent httpx: page 1, then every other page at once, ``json.loads`` only — the floor
  for any client that parses what it reads.

The SDK only speaks https; the emulator serves plain http, so an adapter sends the SDK's
requests over http to it (both clients then pay the same transport).

    python benchmarks/iter_applications.py [--apps 2000] [--latency-ms 50] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

import httpx

from _support import API_KEY, API_SECRET, emulator, result_line, row
from vonage_tui.api import VonageClient


def sdk_walk(url: str, page_size: int) -> int:
    """Every application through the official SDK, one page after another."""
    from requests.adapters import HTTPAdapter
    from vonage import Auth, HttpClientOptions, Vonage
    from vonage_application import ListApplicationsFilter

    host = url.removeprefix("http://")

    class PlainHttp(HTTPAdapter):
        def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
            request.url = "http://" + request.url.removeprefix("https://")
            return super().send(request, *args, **kwargs)

    client = Vonage(Auth(api_key=API_KEY, api_secret=API_SECRET),
                    HttpClientOptions(api_host=host, timeout=30, max_retries=0))
    client.http_client._session.mount(f"https://{host}", PlainHttp())
    count, page = 0, 1
    while page is not None:
        applications, page = client.application.list_applications(
            ListApplicationsFilter(page_size=page_size, page=page))
        count += len(applications)
    return count


async def ours(url: str, page_size: int) -> int:
    async with VonageClient(API_KEY, API_SECRET, base_url=url) as client:
        return len([app async for app in client.iter_applications(page_size=page_size)])


async def bare(url: str, page_size: int) -> int:
    """Page 1, then all the others at once: JSON only, no defences, no models."""
    async with httpx.AsyncClient(base_url=url, auth=(API_KEY, API_SECRET),
                                 limits=httpx.Limits(max_connections=None)) as client:
        async def page(number: int) -> dict[str, Any]:
            response = await client.get("/v2/applications",
                                        params={"page": number, "page_size": page_size})
            return json.loads(response.content)

        first = await page(1)
        rest = await asyncio.gather(*(page(n) for n in range(2, first["total_pages"] + 1)))
        return sum(len(p["_embedded"]["applications"]) for p in (first, *rest))


def best_of_each(rounds: int, runs: dict[str, Any]) -> dict[str, tuple[float, int]]:
    """The best time of each way, the ways taking turns round by round: a noisy moment on a
    shared machine then hits all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    counts: dict[str, int] = {}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            counts[name] = run()
            times[name].append(time.perf_counter() - start)
    return {name: (min(times[name]), counts[name]) for name in runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=2000)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    size = options.page_size
    with emulator(apps=options.apps, latency_ms=options.latency_ms) as server:
        url = server.url
        best = best_of_each(options.rounds, {
            "sdk": lambda: sdk_walk(url, size),
            "ours": lambda: asyncio.run(ours(url, size)),
            "bare": lambda: asyncio.run(bare(url, size)),
        })
    (sdk_time, sdk_count), (our_time, our_count), (bare_time, bare_count) = (
        best["sdk"], best["ours"], best["bare"])
    assert sdk_count == our_count == bare_count == options.apps, (sdk_count, our_count, bare_count)
    print(f"{options.apps} applications, {size} a page, {options.latency_ms} ms latency, "
          f"best of {options.rounds}")
    print(f"official SDK page loop:  {sdk_time:.2f} s")
    print(f"iter_applications:       {our_time:.2f} s")
    print(f"bare concurrent httpx:   {bare_time:.2f} s")
    faster = sdk_time / our_time
    slower = our_time / bare_time
    print(f"iter_applications is {faster:.1f}x faster than the SDK and {slower:.2f}x bare httpx")
    what = f"list {options.apps} applications at {options.latency_ms} ms"
    result_line([
        row(f"{what}: iter_applications vs the SDK's page loop (times faster)",
            f"{our_time:.2f} s vs {sdk_time:.2f} s", faster, ">= 4x faster", faster >= 4),
        row(f"{what}: iter_applications vs bare concurrent httpx",
            f"{our_time:.2f} s vs {bare_time:.2f} s", slower, "<= 1.3x", slower <= 1.3),
    ])


if __name__ == "__main__":
    main()
