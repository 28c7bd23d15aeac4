"""Keystroke echo in the `/` filter while the applications index fills, in a real terminal.

The filter searches every application, from an index the list fills in the background as it
reads all pages. A person presses `/` as soon as the list shows and types at once; each key must
show in the field quickly, and none may be lost. This starts the real program
(``python -m vonage_tui``) in a pseudo-terminal of 80×24 (TERM=xterm-256color, isolated XDG
directories, credentials from the environment) against a demo-server subprocess (10,000
applications, 50 ms latency by default), presses `/` once the first page shows, then types a
query one key every 120 ms while the index fills. The terminal output is fed to a VT emulator
(pyte: Textual redraws only the cells that change, so the screen is rebuilt, not grepped), and
each key's echo is the time from writing it until the filter's line shows the query up to it.
A key never echoed, or a final field that differs from what was typed, is a lost key.

Then, once the index is complete, the same query is typed again (esc, `/`): the echo with
nothing loading, measured in the same run, for comparison.

Needs pyte (``pip install -e '.[bench]'``).

    python benchmarks/keystroke_echo.py [--apps 10000] [--latency-ms 50] [--interval-ms 120]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import fcntl
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyte

from _support import clean_env, emulator, result_line, row

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, LINES = 80, 24
PLACEHOLDER = "filter by name"
"""The start of the applications filter's placeholder: finds the field's line on screen."""


@dataclass
class Terminal:
    """The program in a pseudo-terminal, its output rebuilt as a screen."""

    process: subprocess.Popen[bytes]
    fd: int
    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(COLUMNS, LINES))

    def __post_init__(self) -> None:
        self.stream = pyte.ByteStream(self.screen)

    def pump(self, timeout: float) -> bool:
        """Read what the program wrote within ``timeout``; True if anything came."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return False
        self.stream.feed(data)
        return True

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, condition, what: str, timeout: float) -> float:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {what} after {timeout:.0f} s; screen:\n{self.text()}")
            self.pump(0.05)
        return time.perf_counter()

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())


def start(env: dict[str, str]) -> Terminal:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "vonage_tui"], stdin=slave, stdout=slave,
                               stderr=slave, env=env, cwd=ROOT, start_new_session=True)
    os.close(slave)
    return Terminal(process, master)


def filter_line(terminal: Terminal) -> int | None:
    for number, line in enumerate(terminal.screen.display):
        if PLACEHOLDER in line:
            return number
    return None


def cursor_column(terminal: Terminal, line: int) -> int | None:
    """Where the field's cursor is: Textual draws it as the one cell of its colour."""
    cells = terminal.screen.buffer[line]
    colours: dict[str, list[int]] = {}
    for column in range(COLUMNS):
        colours.setdefault(cells[column].bg, []).append(column)
    alone = [columns[0] for columns in colours.values() if len(columns) == 1]
    return alone[-1] if alone else None


def type_query(terminal: Terminal, line: int, query: str,
               interval: float) -> tuple[list[float | None], str]:
    """Type ``query`` a key every ``interval``; each key's echo time (None: never shown) and
    what the field shows at the end."""
    sent: list[float] = []
    echoed: list[float | None] = [None] * len(query)

    def field_text() -> str:
        return terminal.screen.display[line].strip()

    def shows(typed: str) -> bool:
        """The field shows ``typed``. A trailing space looks like the empty cells after it:
        the cursor, the one cell of its own colour, must then be just past it (without this
        a space counted as echoed only once the next key showed, 120 ms later)."""
        text = terminal.screen.display[line]
        if not text.strip().startswith(typed.rstrip()):
            return False
        if not typed.endswith(" "):
            return True
        start = len(text) - len(text.lstrip())
        return cursor_column(terminal, line) == start + len(typed)

    def note_echoes() -> None:
        now = time.perf_counter()
        for index in range(len(sent)):
            if echoed[index] is None and shows(query[:index + 1]):
                echoed[index] = now - sent[index]

    next_key = time.perf_counter()
    while len(sent) < len(query):
        now = time.perf_counter()
        if now >= next_key:
            terminal.send(query[len(sent)])
            sent.append(time.perf_counter())
            next_key += interval
            continue
        if terminal.pump(next_key - now):
            note_echoes()
    deadline = time.perf_counter() + 10
    while any(e is None for e in echoed) and time.perf_counter() < deadline:
        if terminal.pump(0.05):
            note_echoes()
    # Quiet for a moment: what the field finally holds.
    while terminal.pump(0.3):
        note_echoes()
    return echoed, field_text()


def summary(echoed: list[float | None]) -> tuple[float, float, int]:
    shown = [e for e in echoed if e is not None]
    return (max(shown) if shown else float("inf"),
            statistics.median(shown) if shown else float("inf"),
            len(echoed) - len(shown))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=10000)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--interval-ms", type=int, default=120, help="between two keys")
    parser.add_argument("--query", default="support line",
                        help="what is typed (the default matches hundreds of applications "
                             "at every key, so the filter has rows to show)")
    parser.add_argument("--limit-ms", type=float, default=100)
    options = parser.parse_args()
    interval = options.interval_ms / 1000
    with emulator(apps=options.apps, latency_ms=options.latency_ms) as server:
        env = clean_env(**server.env, TERM="xterm-256color", COLUMNS=str(COLUMNS),
                        LINES=str(LINES), PYTHONPATH=str(ROOT))
        terminal = start(env)
        try:
            started = time.perf_counter()
            terminal.wait_for(lambda: "page 1 of" in terminal.text(), "first page", 60)
            first_page = time.perf_counter() - started
            terminal.send("/")
            terminal.wait_for(lambda: filter_line(terminal) is not None, "filter field", 10)
            line = filter_line(terminal)
            assert line is not None
            filling, final = type_query(terminal, line, options.query, interval)
            indexing = "indexing" in terminal.text()
            terminal.wait_for(lambda: "among all" in terminal.text(), "complete index", 300)
            terminal.send("\x1b")
            # The list's own status again: the filter is closed (and the esc was not taken as
            # the start of an alt+/ by the key that follows).
            terminal.wait_for(lambda: "page 1 of" in terminal.text(), "filter closed", 10)
            terminal.send("/")
            terminal.wait_for(lambda: filter_line(terminal) is not None, "filter field", 10)
            line = filter_line(terminal)
            assert line is not None
            after, final_after = type_query(terminal, line, options.query, interval)
        finally:
            os.killpg(terminal.process.pid, signal.SIGTERM)
            try:
                terminal.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(terminal.process.pid, signal.SIGKILL)
            os.close(terminal.fd)
    worst, median, never = summary(filling)
    worst_after, median_after, _ = summary(after)  # keys lost: counted while it fills
    lost = never + (final != options.query)
    print(f"{options.apps} applications, {options.latency_ms} ms latency; first page after "
          f"{first_page:.2f} s; query {options.query!r}, a key every {options.interval_ms} ms")
    print(f"while the index fills{' (still filling after the last key)' if indexing else ''}:")
    print(f"  echo per key (ms): {', '.join('lost' if e is None else f'{e * 1000:.0f}' for e in filling)}")
    print(f"  worst {worst * 1000:.0f} ms, median {median * 1000:.0f} ms; field shows {final!r}")
    print("with the index complete:")
    print(f"  echo per key (ms): {', '.join('lost' if e is None else f'{e * 1000:.0f}' for e in after)}")
    print(f"  worst {worst_after * 1000:.0f} ms, median {median_after * 1000:.0f} ms; "
          f"field shows {final_after!r}")
    limit = options.limit_ms / 1000
    what = f"`/` while the index fills ({options.apps:,} apps, {options.latency_ms} ms)"
    result_line([
        row(f"keystroke echo in {what}, vs once it is complete",
            f"worst {worst * 1000:.0f} ms, median {median * 1000:.0f} ms vs worst "
            f"{worst_after * 1000:.0f} ms, median {median_after * 1000:.0f} ms",
            worst / worst_after if worst_after else None,
            f"<= {options.limit_ms:.0f} ms worst", worst <= limit),
        row(f"keys lost in {what}", f"{lost} of {len(options.query)}"
            f"{'' if final == options.query else f' (field shows {final!r})'}", None, "0",
            lost == 0),
    ])


if __name__ == "__main__":
    main()
