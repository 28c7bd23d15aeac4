"""Fault soak: list, get and update applications through the client while the emulator fails a
fifth of all requests (500/503, 429, slow and truncated answers). Not a test: it prints counts.

What must hold, checked at the end against the applications as the server then has them:

- no lost update: an application's final document is the last update the client reported as
  saved, or a later update whose failure the client reported as "may have been applied";
- nothing hidden: no update the client reported as refused (a 429 or another 4xx, which mean
  "not applied") is on the server;
- every field but the name is what it was (PUT replaces the whole document: nothing dropped).

Each worker owns its own applications, so updates never race one another. Bounded by
``--operations`` and ``--seconds``. The emulator is a demo-server subprocess (its slow faults
take its default 1.5 s); the server's state before and after is read through its faults,
each read tried until it gets through. Also runs the same load with retries turned off, to show
how many errors the retries absorb.

    python benchmarks/fault_soak.py [--operations 400] [--fault-rate 0.2] [--seconds 90]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import logging
import random
import time
from dataclasses import dataclass, field
from typing import Any

from vonage_tui.api import (
    ApiError,
    RateLimitedError,
    RetryPolicy,
    VonageClient,
)
from _support import API_KEY, API_SECRET, emulator, result_line, row

KEY, SECRET = API_KEY, API_SECRET  # the demo-server's
WORKERS = 4
APPS_PER_WORKER = 5
# Errors that say the request was refused before it changed anything.
NOT_APPLIED = (RateLimitedError,)


@dataclass
class AppLedger:
    """What the client told one worker about one application's updates."""

    original: dict[str, Any]
    saved: str | None = None
    """The name of the last update reported as saved."""
    maybe_after: list[str] = field(default_factory=list)
    """Names of later updates whose failure left the outcome unknown."""
    refused: set[str] = field(default_factory=set)
    """Names of updates reported as not applied."""


@dataclass
class Tally:
    operations: collections.Counter[str] = field(default_factory=collections.Counter)
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    ledgers: dict[str, AppLedger] = field(default_factory=dict)


class RetryCounter(logging.Handler):
    """Counts the client's "retry N in …" log lines."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "retry" in record.getMessage():
            self.count += 1


async def worker(client: VonageClient, app_ids: list[str], tally: Tally, operations: int,
                 stop_at: float, rng: random.Random, worker_id: int) -> None:
    for n in range(operations):
        if time.monotonic() > stop_at:
            return
        app_id = rng.choice(app_ids)
        kind = rng.choices(["list", "get", "update"], weights=[2, 3, 5])[0]
        tally.operations[kind] += 1
        ledger = tally.ledgers[app_id]
        name = f"soak-w{worker_id}-op{n}"
        try:
            if kind == "list":
                await client.list_applications(page=rng.randint(1, 3), page_size=10)
            elif kind == "get":
                await client.get_application(app_id)
            else:
                document = {**ledger.original, "name": name}
                await client.update_application(document)
                ledger.saved, ledger.maybe_after = name, []
        except ApiError as error:
            tally.errors[f"{kind}: {type(error).__name__}"] += 1
            if kind == "update":
                if isinstance(error, NOT_APPLIED):
                    ledger.refused.add(name)
                else:
                    ledger.maybe_after.append(name)


async def soak(url: str, originals: dict[str, dict[str, Any]], options: argparse.Namespace,
               retries: bool) -> tuple[Tally, int, float]:
    app_ids = sorted(originals)[: WORKERS * APPS_PER_WORKER]
    tally = Tally()
    for app_id in app_ids:
        tally.ledgers[app_id] = AppLedger(original=originals[app_id])
    counter = RetryCounter()
    logger = logging.getLogger("vonage_tui.api.client")
    logger.addHandler(counter)
    logger.setLevel(logging.INFO)
    policy = RetryPolicy() if retries else RetryPolicy(max_retries=0)
    started = time.monotonic()
    try:
        async with VonageClient(KEY, SECRET, base_url=url, retry_policy=policy) as client:
            # Each worker its own applications, so updates never race one another.
            await asyncio.gather(*(
                worker(client, app_ids[i::WORKERS], tally, options.operations // WORKERS,
                       started + options.seconds, random.Random(options.seed + i), i)
                for i in range(WORKERS)
            ))
    finally:
        logger.removeHandler(counter)
    return tally, counter.count, time.monotonic() - started


async def server_state(url: str) -> dict[str, dict[str, Any]]:
    """Every application as the server has it, read through its faults: each read is tried
    until it succeeds (a fault is drawn per request, so a few tries get through)."""
    patient = RetryPolicy(max_retries=10, base_delay=0.01, max_delay=0.05)
    async with VonageClient(KEY, SECRET, base_url=url, retry_policy=patient) as client:
        ids = await until_read(lambda: collect_ids(client))
        # The walk gives summaries; each document as the server has it is one GET away.
        return {app_id: (await until_read(lambda: client.get_application(app_id))).to_document()
                for app_id in ids}


async def collect_ids(client: VonageClient) -> list[str]:
    return [str(a.id) async for a in client.iter_applications(page_size=100)]


async def until_read(read: Any, tries: int = 50) -> Any:
    for attempt in range(tries):
        try:
            return await read()
        except ApiError:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def check(tally: Tally, final: dict[str, dict[str, Any]]) -> tuple[int, int, int, int]:
    lost = hidden = unknown = changed = 0
    for app_id, ledger in tally.ledgers.items():
        document = final[app_id]
        name = document.get("name")
        allowed = {ledger.saved or ledger.original.get("name"), *ledger.maybe_after}
        if name not in allowed:
            lost += 1
        if name in ledger.refused:
            hidden += 1
        if ledger.maybe_after and name in ledger.maybe_after:
            unknown += 1  # applied, and the client had said it might have been
        rest = {k: v for k, v in document.items() if k not in ("name", "_links")}
        before = {k: v for k, v in ledger.original.items() if k not in ("name", "_links")}
        if rest != before:
            changed += 1
    return lost, hidden, unknown, changed


def report(title: str, tally: Tally, retries: int, elapsed: float,
           final: dict[str, dict[str, Any]]) -> int:
    lost, hidden, unknown, changed = check(tally, final)
    total = sum(tally.operations.values())
    surfaced = sum(tally.errors.values())
    print(f"== {title}")
    print(f"operations: {total} ({', '.join(f'{k} {v}' for k, v in sorted(tally.operations.items()))})"
          f" in {elapsed:.1f} s")
    print(f"retries: {retries}")
    print(f"errors surfaced: {surfaced} ({surfaced / max(total, 1):.1%} of operations)")
    for kind, count in sorted(tally.errors.items()):
        print(f"  {kind}: {count}")
    print(f"lost updates: {lost}")
    print(f"refused updates found applied (hidden): {hidden}")
    print(f"failed updates found applied, reported as maybe applied: {unknown}")
    print(f"documents with a field other than the name changed: {changed}")
    return surfaced


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=400)
    parser.add_argument("--fault-rate", type=float, default=0.2)
    parser.add_argument("--latency-ms", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=90, help="stop each run after this")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    surfaced: dict[bool, int] = {}
    broken: dict[bool, int] = {}
    """Lost, hidden or changed documents of each run."""
    failed = False
    for retries in (True, False):
        # A fresh server (its own process, never a thread of this one) per run: both start
        # from the same seeded applications.
        with emulator(apps=WORKERS * APPS_PER_WORKER + 10, users_per_app=0,
                      latency_ms=options.latency_ms, fault_rate=options.fault_rate,
                      seed=options.seed) as server:
            originals = asyncio.run(server_state(server.url))
            tally, retry_count, elapsed = asyncio.run(
                soak(server.url, originals, options, retries))
            final = asyncio.run(server_state(server.url))
        title = "with retries (the client as shipped)" if retries else "retries turned off"
        surfaced[retries] = report(title, tally, retry_count, elapsed, final)
        lost, hidden, _, changed = check(tally, final)
        broken[retries] = lost + hidden + changed
        failed = failed or bool(lost or hidden or changed)
    if surfaced[True]:
        print(f"ratio of errors surfaced, no retries / retries: "
              f"{surfaced[False] / surfaced[True]:.1f}x")
    else:
        print(f"errors surfaced without retries: {surfaced[False]}; with retries: 0")
    print("outcome:", "FAILED" if failed else "ok (no lost update, nothing hidden)")
    result_line([row(
        f"fault soak at {options.fault_rate:.0%} faults: lost, hidden or changed documents "
        "(errors surfaced with retries vs without)",
        f"{broken[True]} and {broken[False]} ({surfaced[True]} vs {surfaced[False]} errors)",
        surfaced[True] / surfaced[False] if surfaced[False] else None, "0", not failed)])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
