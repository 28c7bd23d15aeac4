"""How much faster the all-pages index loads than reading pages one after another.

`/` on the applications list searches every application, so the index behind it must fill fast
on accounts with thousands of them. `iter_applications` reads page 1, then the other pages
concurrently (bounded). This prints the ratio of sequential to concurrent time, both measured in
this one run against the emulator on loopback with a per-request latency like a real API's.

    python benchmarks/iter_applications.py [--apps 2000] [--latency-ms 40]
"""

from __future__ import annotations

import argparse
import asyncio
import time

from vonage_tui.api import VonageClient
from vonage_tui.emulator import DemoServer, EmulatorStore, create_app

KEY, SECRET = "bench-key", "bench-secret"


async def sequential(client: VonageClient, page_size: int) -> int:
    first = await client.list_applications(page=1, page_size=page_size)
    count = len(first.applications)
    for page in range(2, first.page_count + 1):
        count += len((await client.list_applications(page=page, page_size=page_size)).applications)
    return count


async def concurrent(client: VonageClient, page_size: int) -> int:
    return len([app async for app in client.iter_applications(page_size=page_size)])


async def measure(url: str, page_size: int) -> tuple[float, float, int]:
    async with VonageClient(KEY, SECRET, base_url=url) as client:
        await client.list_applications(page=1, page_size=1)  # warm the connection pool
        start = time.perf_counter()
        seq_count = await sequential(client, page_size)
        seq_time = time.perf_counter() - start
        start = time.perf_counter()
        con_count = await concurrent(client, page_size)
        con_time = time.perf_counter() - start
    assert seq_count == con_count, (seq_count, con_count)
    return seq_time, con_time, con_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=2000)
    parser.add_argument("--latency-ms", type=int, default=40)
    parser.add_argument("--page-size", type=int, default=100)
    options = parser.parse_args()
    store = EmulatorStore.seeded(apps=options.apps, users_per_app=0, seed=1)
    app = create_app(store, api_key=KEY, api_secret=SECRET, latency_ms=options.latency_ms)
    with DemoServer(app) as server:
        seq_time, con_time, count = asyncio.run(measure(server.url, options.page_size))
    print(f"applications: {count}, page size {options.page_size}, latency {options.latency_ms} ms")
    print(f"pages one after another: {seq_time:.2f} s")
    print(f"iter_applications:       {con_time:.2f} s")
    print(f"ratio sequential/concurrent: {seq_time / con_time:.1f}x")


if __name__ == "__main__":
    main()
