"""Says when a request to Vonage is slow, and lets esc cancel it.

One piece for every screen that waits on Vonage (the list's page, the editor's load and save):
after ``STILL_WAITING_AFTER`` seconds the screen is told to redraw its status with
``message()`` ("still waiting for Vonage… 3 s (esc cancels)"), then again every second; the
screen's esc calls ``cancel()``, which cancels the worker running the request and returns what
to say about it. The screen owns its status line: this only says what to show and when.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from textual.message_pump import MessagePump
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

STILL_WAITING_AFTER = 2.0
"""Seconds before a request counts as slow. Read at each request, so tests can shrink it."""


class RequestWatch:
    def __init__(self, node: MessagePump, changed: Callable[[], None]) -> None:
        """``node`` owns the timers (the screen); ``changed`` redraws its status line."""
        self.node = node
        self.changed = changed
        self.worker: Worker[Any] | None = None
        """The worker waiting on Vonage, while one is."""
        self.started = 0.0
        self.slow = False
        """True once the request has taken longer than ``STILL_WAITING_AFTER``."""
        self._timers: list[Timer] = []
        self.cancelled_note = ""

    @contextmanager
    def watching(self, cancelled: str = "cancelled — r to retry") -> Iterator[None]:
        """Wrap the awaited request (inside the worker that makes it); ``cancelled`` is what
        the screen should say if esc cancels it (a cancelled write may have happened)."""
        self._stop()
        self.cancelled_note = cancelled
        self.worker = get_current_worker()
        self.started = time.monotonic()
        self.slow = False
        self._timers.append(self.node.set_timer(STILL_WAITING_AFTER, self._became_slow))
        try:
            yield
        finally:
            if self.worker is get_current_worker():
                was_slow = self.slow
                self._stop()
                if was_slow:
                    self.changed()

    @property
    def waiting(self) -> bool:
        return self.worker is not None

    def elapsed(self) -> int:
        return int(time.monotonic() - self.started)

    def message(self) -> str | None:
        """What the status line says while the request is slow; None otherwise."""
        if not self.slow:
            return None
        return f"still waiting for Vonage… {self.elapsed()} s (esc cancels)"

    def cancel(self) -> str | None:
        """Cancel the request being waited on and return what to say about it; None when
        there is none (esc then does what it usually does)."""
        worker = self.worker
        if worker is None:
            return None
        self._stop()
        worker.cancel()
        return self.cancelled_note

    def _became_slow(self) -> None:
        self.slow = True
        self._timers.append(self.node.set_interval(1.0, self.changed))
        self.changed()

    def _stop(self) -> None:
        for timer in self._timers:
            timer.stop()
        self._timers.clear()
        self.worker = None
        self.slow = False
