"""A hang-up or a kill ends the app cleanly instead of in the middle of a frame.

Textual handles SIGTSTP/SIGCONT/SIGWINCH but not SIGHUP (an SSH link dropped, a tmux session
killed) or SIGTERM; by default they end the process on the spot, leaving a terminal in raw mode
and the alternate screen. Unsaved edits do not depend on this (editors journal every edit as it
is made), but the exit should still be an orderly one: the terminal restored where there is
one, the client closed, a normal exit code.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from typing import Any

from textual.app import App

SIGNALS = [number for number in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if number]
"""Windows has no SIGHUP."""
FORCE_AFTER_SECONDS = 3.0
"""If an orderly exit stalls (writing to a terminal that is gone), end the process anyway."""


def exit_on_hangup_and_terminate(app: App[Any]) -> None:
    """Install the handlers on the running loop (call from the app's on_mount)."""
    loop = asyncio.get_running_loop()
    for number in SIGNALS:
        try:
            loop.add_signal_handler(number, _exit, app, 128 + number)  # the shell's convention
        except (NotImplementedError, RuntimeError, ValueError):
            return  # no signals here (Windows, or not the main thread): the defaults stand


def _exit(app: App[Any], code: int) -> None:
    # A thread, not the loop: the loop is what may be stuck.
    watchdog = threading.Timer(FORCE_AFTER_SECONDS, os._exit, args=(code,))
    watchdog.daemon = True
    watchdog.start()
    app.exit(return_code=code)
