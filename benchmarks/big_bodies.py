"""How long a large page stalls the event loop: parsed inline, and as the client parses it.

The UI draws on the same event loop the client answers on, so a long parse is a frozen screen.
The client parses bodies over ``OFF_LOOP_BYTES`` in a thread (a list page: over
``ApplicationPage.OFF_LOOP_BYTES``, as it is only ``json.loads`` and summaries, no lossless
models). This prints the longest loop stall of each way, measured in this one run on pages of
seeded applications (read once from a demo-server subprocess), and their ratio.

    python benchmarks/big_bodies.py [--copies 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

import httpx

from vonage_tui.api.responses import MAX_RESPONSE_BYTES, ParseTurns, decoded_body
from vonage_tui.models import ApplicationPage

from _support import API_KEY, API_SECRET, emulator, result_line, row


def page_body(copies: int) -> bytes:
    """A page of ``100 * copies`` seeded applications, as a demo-server subprocess serves
    them (``copies`` times its page of 100)."""
    with emulator(apps=100) as server:
        page = httpx.get(f"{server.url}/v2/applications", params={"page_size": 100},
                         auth=(API_KEY, API_SECRET), timeout=30).json()
    apps = page["_embedded"]["applications"]
    page["_embedded"]["applications"] = apps * copies
    return json.dumps(page).encode()


async def longest_stall(work) -> tuple[float, float]:
    """(longest gap between 1 ms ticks, total time) while ``work()`` runs."""
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticking = asyncio.ensure_future(ticker())
    await asyncio.sleep(0.02)
    gaps.clear()
    started = time.perf_counter()
    await work()
    total = time.perf_counter() - started
    await asyncio.sleep(0.005)
    done.set()
    await ticking
    return max(gaps), total


async def main(body: bytes, copies: int) -> None:
    response = httpx.Response(200, request=httpx.Request("GET", "http://bench/v2/applications"))

    async def inline() -> None:
        ApplicationPage.from_document(json.loads(body)).applications

    async def as_the_client_does() -> None:
        (await decoded_body(response, body, ApplicationPage, ParseTurns())).applications

    inline_stall, inline_total = await longest_stall(inline)
    client_stall, client_total = await longest_stall(as_the_client_does)
    print(f"page of {100 * copies} applications: {len(body) / 1e6:.1f} MB "
          f"(the client refuses bodies over {MAX_RESPONSE_BYTES / 1e6:.1f} MB)")
    print(f"parsed inline:        loop stalled up to {inline_stall * 1000:6.1f} ms "
          f"(parse {inline_total * 1000:.0f} ms)")
    print(f"parsed by the client: loop stalled up to {client_stall * 1000:6.1f} ms "
          f"(parse {client_total * 1000:.0f} ms)")
    print(f"ratio of longest stalls, inline/client: {inline_stall / client_stall:.1f}x")
    result_line([row(f"longest event-loop stall while a page of {100 * copies} applications is "
                     "parsed: as the client does vs inline",
                     f"{client_stall * 1000:.0f} ms vs {inline_stall * 1000:.0f} ms",
                     client_stall / inline_stall, "<= 50 ms", client_stall <= 0.050)])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="pages of 100 applications")
    copies = parser.parse_args().copies
    asyncio.run(main(page_body(copies), copies))
