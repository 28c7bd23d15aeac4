"""The `/` index at scale: how soon it is ready, and what it costs in memory.

The applications list fills an index of every application in the background from the moment
it shows, so `/` can search all of them. Against a ``vonage-tui demo-server`` subprocess with a
per-response latency like a real API's, the real app runs headless in a fresh child process
per account size: it waits for the first page, presses `/`, and waits until the index holds
every application (noting the longest event-loop stall from the first page until then).
This prints

- how long after `/` the index of 10,000 applications was complete (target: within 3 s);
- the child's resident memory with 10,000 applications indexed against 100 indexed, each in
  its own fresh process (target: at most 60 MB more).

    python benchmarks/index_scale.py [--apps 10000] [--small 100] [--latency-ms 50]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _support import API_KEY, API_SECRET, clean_env, emulator, result_line, row

READY_TARGET_S = 3.0
EXTRA_RSS_TARGET_MB = 60.0


def rss_mb() -> float:
    """This process's resident memory now (not its peak), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


async def index_in_the_app(url: str, apps: int) -> dict[str, float]:
    """Run the app headless on ``url``; time `/` → index complete; RSS once it is."""
    from textual.widgets import DataTable

    from vonage_tui.credentials.key_vault import MemoryKeyVault
    from vonage_tui.tui.app import VonageApp
    from vonage_tui.tui.screens.applications import ApplicationsScreen
    from vonage_tui.tui.session import Session

    started = time.perf_counter()
    app = VonageApp(Session(client_options={"api_key": API_KEY, "api_secret": API_SECRET,
                                            "base_url": url},
                            key_vault=MemoryKeyVault(), profile_name="bench", demo=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen)
        table = screen.query_one("#applications-table", DataTable)
        while table.row_count == 0:  # the first page on screen
            await asyncio.sleep(0.005)
        first_page = time.perf_counter() - started
        # From here: start-up (its imports and first paint) is another benchmark's.
        stalls = asyncio.ensure_future(longest_stall(lambda: screen.index.complete))
        slash = time.perf_counter()
        await pilot.press("slash")
        while not screen.index.complete:
            if screen.index_error:
                raise RuntimeError(f"index incomplete: {screen.index_error}")
            await asyncio.sleep(0.005)
        done = time.perf_counter()
        assert len(screen.index) == apps, (len(screen.index), apps)
        longest = await stalls
        gc.collect()
        memory = rss_mb()
    return {"first_page_s": first_page, "ready_after_slash_s": done - slash,
            "ready_after_start_s": done - started, "rss_mb": memory, "longest_stall_s": longest}


async def longest_stall(finished: Callable[[], bool], tick: float = 0.005) -> float:
    """The longest the event loop was held up past a ``tick``-second sleep until
    ``finished()``: a late tick is a frozen UI."""
    longest, last = 0.0, time.perf_counter()
    while not finished():
        await asyncio.sleep(tick)
        now = time.perf_counter()
        longest, last = max(longest, now - last - tick), now
    return longest


def child(url: str, apps: int) -> dict[str, float]:
    """One measurement in a fresh process: nothing from another run in its memory."""
    env = clean_env(PYTHONPATH=os.pathsep.join(filter(None, [
        str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, __file__, "--child", url, "--apps", str(apps)],
                          env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"child failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--child", metavar="URL", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(asyncio.run(index_in_the_app(options.child, options.apps))))
        return
    with emulator(apps=options.small, users_per_app=0, latency_ms=options.latency_ms) as small:
        few = child(small.url, options.small)
    with emulator(apps=options.apps, users_per_app=0, latency_ms=options.latency_ms) as large:
        many = child(large.url, options.apps)
    extra = many["rss_mb"] - few["rss_mb"]
    ready = many["ready_after_slash_s"]
    print(f"{options.apps} applications at {options.latency_ms} ms latency: first page shown "
          f"after {many['first_page_s']:.2f} s, `/` pressed then; index complete "
          f"{many['ready_after_start_s']:.2f} s after start, {ready:.2f} s after `/`; longest "
          f"event-loop stall from the first page to then {many['longest_stall_s'] * 1000:.0f} ms")
    print(f"RSS with {options.apps} indexed: {many['rss_mb']:.0f} MB; with {options.small}: "
          f"{few['rss_mb']:.0f} MB; {extra:+.0f} MB "
          f"({extra * 1024 / (options.apps - options.small):.1f} KB per application)")
    result_line([
        row(f"{options.apps} applications at {options.latency_ms} ms: index ready after `/`",
            f"{ready:.2f} s", None, f"<= {READY_TARGET_S:g} s", ready <= READY_TARGET_S),
        row(f"RSS with {options.apps} applications indexed vs {options.small}",
            f"{many['rss_mb']:.0f} MB vs {few['rss_mb']:.0f} MB: {extra:+.0f} MB", None,
            f"<= +{EXTRA_RSS_TARGET_MB:g} MB", extra <= EXTRA_RSS_TARGET_MB),
    ])


if __name__ == "__main__":
    main()
