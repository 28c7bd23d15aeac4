"""The longest event-loop stall while the app works: lists load, indexes fill, saves run.

The UI draws and reads keys on one asyncio loop, so a stall of the loop is a frozen screen and
late keys. This runs the real app headless in this process (Textual's Pilot, 80×24) against a
demo-server subprocess (10,000 applications, 50 ms latency by default), with a probe task that
sleeps 5 ms in a loop and records how late each wake-up is. The work goes through phases, each
driven as a user would (keys where a key does it): the first page of applications, the index
after ``/``, paging, opening the editor, a save (ctrl+s, the diff, ctrl+s), the users of the
application with 250 users (the private key from the environment, as
``VONAGE_APPLICATION_ID``/``VONAGE_PRIVATE_KEY_PATH`` give it), and paging those users.

Prints the worst lateness of each phase with the CPU this thread used meanwhile (well under
the lateness: the process waited for a core on a busy machine), the full garbage collections of
each phase and how many objects the collector tracked (a full collection walks them all and
stops the loop meanwhile), the five longest stalls, and one RESULT row per phase: the target is
no stall over 50 ms. Diagnosis options: ``--where MS`` samples the loop thread's stack during
stalls, ``--profile PHASE`` prints a pyinstrument profile of one phase.

    python benchmarks/loop_lag.py [--apps 10000] [--latency-ms 50] [--limit-ms 50]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import os
import sys
import threading
import time
import types
from dataclasses import dataclass, field
from pathlib import Path

from _support import (
    Emulator,
    clean_env,
    crowded_application,
    emulator,
    result_line,
    row,
    session_for,
    wait_for,
)

PROBE_INTERVAL = 0.005


PROFILE: dict[str, object] = {"phase": None, "profiler": None, "count_objects": False}
"""Diagnosis: ``--profile PHASE``, a pyinstrument profile of that phase alone; with it or
``--where``, the objects the collector tracks are counted as each phase begins."""


def enter_phase(probe: "Probe", phase: str) -> None:
    profiler = PROFILE["profiler"]
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=False, show_all=True, short_mode=False))
        PROFILE["profiler"] = None
    probe.phase = phase
    if PROFILE["count_objects"]:  # listing a million objects is itself a stall: diagnosis only
        probe.tracked[phase] = len(gc.get_objects())
    if PROFILE["phase"] and PROFILE["phase"] in phase:
        from pyinstrument import Profiler

        PROFILE["profiler"] = Profiler(interval=0.001, async_mode="disabled")
        PROFILE["profiler"].start()


@dataclass
class Probe:
    """Wakes every 5 ms and records how late it was, under the name of the current phase."""

    phase: str = "start"
    worst: dict[str, float] = field(default_factory=dict)
    worst_cpu: dict[str, float] = field(default_factory=dict)
    """CPU this thread used during each phase's worst stall."""
    stalls: list[tuple[float, float, str]] = field(default_factory=list)
    """(lateness, CPU this thread used meanwhile, phase) of every wake-up over 20 ms late
    (see ``busy``)."""
    running: bool = True
    last_tick: float = field(default_factory=time.monotonic)
    collections: dict[str, list[float]] = field(default_factory=dict)
    """Phase → how long each full (generation 2) garbage collection took: a pause of the
    whole process that lands on whatever code happened to allocate."""
    _collecting_since: float = 0.0
    tracked: dict[str, int] = field(default_factory=dict)
    """Objects the garbage collector tracks as each phase begins: what a full collection
    walks."""

    def watch_collections(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._collecting_since = time.thread_time()
        else:
            self.collections.setdefault(self.phase, []).append(
                time.thread_time() - self._collecting_since)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while self.running:
            before, cpu_before = loop.time(), time.thread_time()
            self.last_tick = time.monotonic()
            await asyncio.sleep(PROBE_INTERVAL)
            late = loop.time() - before - PROBE_INTERVAL
            cpu = time.thread_time() - cpu_before
            if late > self.worst.get(self.phase, 0.0):
                self.worst[self.phase] = late
                self.worst_cpu[self.phase] = cpu
            if late > 0.020:
                self.stalls.append((late, cpu, self.phase))


async def drive(server: Emulator, probe: Probe, pages: int) -> dict[str, str]:
    """Every phase in turn; returns a note per phase (what was seen)."""
    from textual.widgets import DataTable, Input

    from vonage_tui.tui.app import VonageApp
    from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
    from vonage_tui.tui.screens.applications import ApplicationsScreen
    from vonage_tui.tui.screens.diff_preview import DiffPreview
    from vonage_tui.tui.screens.users import UsersScreen

    app_id, app_name = crowded_application(server)
    notes: dict[str, str] = {}
    app = VonageApp(session_for(server, app_id))
    async with app.run_test(size=(80, 24)) as pilot:
        enter_phase(probe, "first page of applications")
        await wait_for(lambda: isinstance(app.screen, ApplicationsScreen)
                       and bool(app.screen.rows), "the first page")
        home = app.screen
        notes[probe.phase] = f"{len(home.rows)} rows"

        enter_phase(probe, "index fill after /")
        await pilot.press("/")
        await wait_for(lambda: home.index.complete or home.index_error is not None,
                       "the index", timeout=300)
        notes[probe.phase] = f"{len(home.index)} applications indexed"
        await pilot.press("escape")
        await wait_for(lambda: home.filter_text is None, "the filter to close")

        enter_phase(probe, "paging applications")
        table = home.query_one("#applications-table", DataTable)
        for key in ["n"] * pages + ["p"] * pages:
            before = home.state.page
            await pilot.press(key)
            await wait_for(lambda: home.shown_state is not None
                           and home.shown_state.page != before and not home.loading_page,
                           f"page after {key}")
        notes[probe.phase] = f"{pages} pages forward and back"

        enter_phase(probe, "opening the editor")
        table.focus()
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, ApplicationEditorScreen)
                       and app.screen.state is not None, "the editor")
        editor = app.screen
        await pilot.pause()

        enter_phase(probe, "a save (ctrl+s, diff, confirm)")
        editor.doc_tree.focus()
        editor.doc_tree.move_to(("name",))
        await pilot.pause()
        await pilot.press("enter")
        field_input = app.focused
        assert isinstance(field_input, Input), field_input
        field_input.value = f"{field_input.value} (benchmarked)"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(lambda: isinstance(app.screen, DiffPreview), "the diff")
        await pilot.press("ctrl+s")
        await wait_for(lambda: editor.status_note == "Saved", "the save")
        notes[probe.phase] = "saved"
        for _ in range(5):  # esc leaves the field, then the editor
            if app.screen is home:
                break
            await pilot.press("escape")
            await pilot.pause(0.1)
        await wait_for(lambda: app.screen is home, "the list", timeout=10)

        enter_phase(probe, "users list (250 users)")
        app.open_users(app_id, app_name)
        await wait_for(lambda: isinstance(app.screen, UsersScreen), "the users screen")
        users = app.screen
        await wait_for(lambda: users.index.complete or users.index_error is not None,
                       "the users index", timeout=300)
        await wait_for(lambda: bool(users.rows), "the users rows")
        notes[probe.phase] = f"{len(users.index)} users indexed"

        enter_phase(probe, "paging users")
        for key in ["n"] * pages + ["p"] * pages:
            before = users.pages.cursor
            await pilot.press(key)
            await wait_for(lambda: users.pages.cursor != before
                           and users.pages.current is not None, f"users page after {key}")
            await pilot.pause()
        await app.workers.wait_for_complete()
        notes[probe.phase] = f"{pages} pages forward and back"
        enter_phase(probe, "end")
    return notes


class StallSampler(threading.Thread):
    """Diagnosis only: while the probe is overdue, samples the loop thread's stack every 5 ms,
    so a stall can be pinned on the code that made it (``--where``)."""

    def __init__(self, probe: Probe, overdue: float) -> None:
        super().__init__(daemon=True)
        self.probe, self.overdue = probe, overdue
        self.loop_thread = threading.get_ident()
        self.samples: collections.Counter[tuple[str, str]] = collections.Counter()

    def run(self) -> None:
        while self.probe.running:
            time.sleep(0.005)
            if time.monotonic() - self.probe.last_tick > self.overdue:
                frame = sys._current_frames().get(self.loop_thread)
                if frame is not None:
                    self.samples[(self.probe.phase, where(frame))] += 1

    def report(self, top: int = 4) -> None:
        by_phase: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
        for (phase, stack), count in self.samples.items():
            by_phase[phase].append((count, stack))
        for phase, stacks in by_phase.items():
            print(f"-- where the loop was stalled during {phase} (5 ms samples):")
            for count, stack in sorted(stacks, reverse=True)[:top]:
                print(f"  {count:4} × {stack}")


def where(frame: types.FrameType | None, depth: int = 8) -> str:
    """The innermost frames of the project (and Textual/Rich under it), outermost first."""
    names = []
    while frame is not None:
        path = frame.f_code.co_filename
        if any(part in path for part in ("vonage_tui", "textual", "rich", "pydantic")):
            names.append(f"{Path(path).stem}.{frame.f_code.co_name}:{frame.f_lineno}")
        frame = frame.f_back
    return " < ".join(names[:depth])


async def measure(server: Emulator, pages: int,
                  where_ms: float | None) -> tuple[Probe, dict[str, str]]:
    probe = Probe()
    gc.callbacks.append(probe.watch_collections)
    sampler = StallSampler(probe, where_ms / 1000) if where_ms is not None else None
    if sampler is not None:
        sampler.start()
    ticking = asyncio.ensure_future(probe.run())
    try:
        notes = await drive(server, probe, pages)
    finally:
        probe.running = False
        await ticking
        gc.callbacks.remove(probe.watch_collections)
    if sampler is not None:
        sampler.join()
        sampler.report()
    return probe, notes


def busy(late: float, cpu: float) -> float:
    """The share of a late wake-up's whole wait (the 5 ms asked for and the lateness) this
    thread spent on the CPU: near 100% is work on the loop, well under it a busy machine."""
    return min(cpu / (late + PROBE_INTERVAL), 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=10000)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--pages", type=int, default=3, help="pages forward, then back")
    parser.add_argument("--limit-ms", type=float, default=50)
    parser.add_argument("--profile", metavar="PHASE", help="diagnosis: pyinstrument profile of "
                        "the phase whose name contains PHASE (needs pyinstrument)")
    parser.add_argument("--where", type=float, default=None, metavar="MS",
                        help="diagnosis: sample the stack while the loop is over MS late and "
                             "print the commonest stacks of each phase")
    options = parser.parse_args()
    # The app in this process keeps its journal of unsaved edits under XDG_STATE_HOME: a run
    # that stopped mid-edit would greet the next one with "restore edits?". Fresh dirs each run.
    os.environ.update({name: value for name, value in clean_env().items()
                       if name.startswith("XDG_")})
    PROFILE["phase"] = options.profile
    PROFILE["count_objects"] = bool(options.profile or options.where)
    # One user per application, so the crowded applications get their hundreds of users.
    with emulator(apps=options.apps, users_per_app=1, latency_ms=options.latency_ms,
                  write_keys=True) as server:
        probe, notes = asyncio.run(measure(server, options.pages, options.where))
    print(f"{options.apps} applications, {options.latency_ms} ms latency; probe every "
          f"{PROBE_INTERVAL * 1000:.0f} ms")
    rows = []
    limit = options.limit_ms / 1000
    for phase, worst in probe.worst.items():
        if phase in ("start", "end"):
            continue
        full = probe.collections.get(phase, [])
        collected = (f"; {len(full)} full GC, longest {max(full) * 1000:.0f} ms CPU" if full
                     else "")
        if phase in probe.tracked:
            collected += f"; {probe.tracked[phase]:,} objects tracked at its start"
        print(f"{phase:34} worst stall {worst * 1000:6.1f} ms   ({notes.get(phase, '')}"
              f"{collected})")
        rows.append(row(f"longest event-loop stall: {phase} ({options.apps:,} apps, "
                        f"{options.latency_ms} ms)",
                        f"{worst * 1000:.0f} ms (CPU busy "
                        f"{busy(worst, probe.worst_cpu[phase]):.0%} of it)",
                        None, f"<= {options.limit_ms:.0f} ms", worst <= limit))
    for late, cpu, phase in sorted(probe.stalls, reverse=True)[:5]:
        print(f"  stall {late * 1000:6.1f} ms (CPU busy {busy(late, cpu):.0%} of it) "
              f"during {phase}")
    worst_phase = max(((w, p) for p, w in probe.worst.items() if p not in ("start", "end")))
    print(f"worst phase: {worst_phase[1]} ({worst_phase[0] * 1000:.0f} ms)")
    result_line(rows)


if __name__ == "__main__":
    main()
