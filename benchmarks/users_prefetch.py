"""Users of an application: how soon the next page shows, read ahead vs not.

The users list reads the next page while the current one is looked at, so `n` shows it
without a request. This measures, in the real app (Textual's Pilot, 80×24, in this process)
against a demo-server subprocess with 50 ms latency, the time from pressing `n` until the
table draws a line of the next page (its ``render_line``, watched on the widget), over several
pages of the application with 250 users, with the read-ahead on and forced off
(``UsersScreen.READ_AHEAD``), alternating runs so drift hits both.
Before each `n` the screen is left to settle (channels read, read-ahead arrived), as when a
person reads the page. Prints the median of each and their ratio (target <= 0.2x).

    python benchmarks/users_prefetch.py [--pages 6] [--rounds 2] [--latency-ms 50]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from _support import (
    Emulator,
    crowded_application,
    emulator,
    result_line,
    row,
    session_for,
    wait_for,
)


async def next_page_times(server: Emulator, app_id: str, read_ahead: bool,
                          pages: int) -> list[float]:
    from vonage_tui.tui.app import VonageApp
    from vonage_tui.tui.screens.users import UsersScreen

    from textual.widgets import DataTable

    UsersScreen.READ_AHEAD = read_ahead
    app = VonageApp(session_for(server, app_id))
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_users(app_id)
        await wait_for(lambda: isinstance(app.screen, UsersScreen) and bool(app.screen.rows),
                       "the users")
        screen = app.screen
        table = screen.query_one("#users-table", DataTable)
        drawn: list[float] = []
        """When the table first drew a line of the page after the one whose first user is
        ``leaving[0]``."""
        leaving: list[object] = []
        draw_line = table.render_line

        def render_line(y: int):  # the instance's own: Textual looks it up on the widget
            strip = draw_line(y)
            if leaving and not drawn and screen.rows:
                first = next(iter(screen.rows.values()))
                # The id column starts with the id at any width.
                if first.id != leaving[0] and str(first.id)[:10] in strip.text:
                    drawn.append(time.perf_counter())
            return strip

        table.render_line = render_line
        for _ in range(pages):
            await app.workers.wait_for_complete()  # reading the page: everything arrived
            await pilot.pause()
            if read_ahead:
                assert screen.pages.next_cursor in screen.pages.seen
            before = next(iter(screen.rows.values())).id
            drawn.clear()
            leaving[:] = [before]
            started = time.perf_counter()
            # Pilot's press returns once the screen is idle: watch the table meanwhile.
            pressing = asyncio.ensure_future(pilot.press("n"))
            await wait_for(lambda: bool(drawn), "the next page drawn")
            times.append(drawn[0] - started)
            await pressing
    UsersScreen.READ_AHEAD = True
    return times


async def measure(server: Emulator, pages: int,
                  rounds: int) -> dict[bool, list[float]]:
    app_id, _ = crowded_application(server)
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(rounds):
        for read_ahead in (True, False):
            times[read_ahead] += await next_page_times(server, app_id, read_ahead, pages)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6, help="`n` presses per run")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each, alternating")
    parser.add_argument("--latency-ms", type=int, default=50)
    options = parser.parse_args()
    with emulator(apps=10, users_per_app=1, latency_ms=options.latency_ms,
                  write_keys=True) as server:
        times = asyncio.run(measure(server, options.pages, options.rounds))
    on, off = (statistics.median(times[flag]) for flag in (True, False))
    for flag, label in ((True, "read ahead"), (False, "not read ahead")):
        drawn = times[flag]
        print(f"{label:15} median {statistics.median(drawn) * 1000:6.1f} ms, worst "
              f"{max(drawn) * 1000:6.1f} ms ({', '.join(f'{t * 1000:.0f}' for t in drawn)} ms)")
    ratio = on / off
    print(f"ratio read ahead / not: {ratio:.2f}x")
    result_line([row(f"users: next page shown, read ahead vs not ({options.latency_ms} ms "
                     "latency, median)", f"{on * 1000:.0f} ms vs {off * 1000:.0f} ms", ratio,
                     "<= 0.2x", ratio <= 0.2)])


if __name__ == "__main__":
    main()
