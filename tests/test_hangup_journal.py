"""The real program in a pseudo-terminal: an edit, then a hang-up or a kill. The edit is on disk
and the app ends in order (exit code 128 + signal, terminal modes reset), not mid-frame."""

from __future__ import annotations

import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from fcntl import ioctl
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOWN, ENTER = b"\x1b[B", b"\r"


class Terminal:
    """``vonage-tui --demo`` on a pty of 80x24; everything it writes is collected."""

    def __init__(self, tmp_path: Path) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith("VONAGE_")}
        env.update(PYTHONPATH=str(ROOT), TERM="xterm-256color")
        self.state_home = Path(os.environ["XDG_STATE_HOME"])
        master, slave = pty.openpty()
        ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vonage_tui", "--demo"], stdin=slave, stdout=slave,
            stderr=slave, env=env, cwd=tmp_path, start_new_session=True)
        os.close(slave)
        self.master = master
        self.output = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output.extend(data)

    def wait_for(self, predicate, what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"no {what}; last output: {bytes(self.output[-400:])!r}")
            time.sleep(0.05)

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def journals(self) -> list[Path]:
        return sorted((self.state_home / "vonage-tui" / "journal").glob("*.json"))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        os.close(self.master)


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_an_edit_outlives_a_hangup_or_a_kill(tmp_path: Path, number: int) -> None:
    terminal = Terminal(tmp_path)
    try:
        # The list's page line ("page 1 of 3 · 60 applications") says its rows are there.
        terminal.wait_for(lambda: b" applications" in terminal.output, "list of applications")
        # Open the first application, go to its name, and type.
        start = len(terminal.output)
        terminal.press(ENTER)
        terminal.wait_for(lambda: b"No unsaved changes" in terminal.output[start:], "editor")
        for keys in (DOWN, ENTER, b"Z", b"Z"):  # one at a time, as a person types
            terminal.press(keys)
            time.sleep(0.2)
        terminal.wait_for(lambda: any("ZZ" in path.read_text() for path in terminal.journals()),
                          "journaled edit")

        terminal.process.send_signal(number)
        assert terminal.process.wait(10) == 128 + number
        assert b"\x1b[?1049l" in terminal.output  # it left the alternate screen: an orderly end
        (journal,) = terminal.journals()
        entry = json.loads(journal.read_text())
        assert entry["working"]["name"].endswith("ZZ") and not entry["base"]["name"].endswith("ZZ")
        assert oct(journal.stat().st_mode & 0o777) == oct(0o600)
    finally:
        terminal.close()
