"""What the benchmark scripts share: an emulator in its own process, and the RESULT line.

The emulator runs as a separate ``vonage-tui demo-server`` process, never a thread of the
benchmark: a server in-process would take the GIL from the client being measured.

Every script ends its output with one ``RESULT <json>`` line (a list of rows, see
``result_line``); ``run_all.py`` reads those lines and prints the table.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

API_KEY, API_SECRET = "demo-key", "demo-secret"


@dataclass
class Emulator:
    url: str
    process: subprocess.Popen[str]
    keys_dir: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    """VONAGE_API_URL/KEY/SECRET for a client of this emulator."""


@contextmanager
def emulator(*, apps: int = 25, users_per_app: int = 0, latency_ms: int = 0,
             fault_rate: float = 0.0, seed: int = 1, write_keys: bool = False,
             extra: list[str] | None = None) -> Iterator[Emulator]:
    """A demo-server subprocess on a free loopback port, answering before this yields."""
    keys_dir = Path(tempfile.mkdtemp(prefix="bench-keys-")) if write_keys else None
    command = [
        sys.executable, "-m", "vonage_tui", "demo-server", "--port", "0",
        "--apps", str(apps), "--users-per-app", str(users_per_app), "--seed", str(seed),
        "--latency-ms", str(latency_ms), "--fault-rate", str(fault_rate),
        *(["--write-keys", str(keys_dir)] if keys_dir else []), *(extra or []),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    try:
        url = _wait_for_url(process)
        _wait_until_answering(url)
        env = {"VONAGE_API_URL": url, "VONAGE_API_KEY": API_KEY, "VONAGE_API_SECRET": API_SECRET}
        yield Emulator(url=url, process=process, keys_dir=keys_dir, env=env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for_url(process: subprocess.Popen[str], timeout: float = 120.0) -> str:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"demo-server exited with {process.poll()}")
        if match := re.search(r"VONAGE_API_URL=(\S+)", line):
            return match.group(1).strip("'\"")
    raise RuntimeError("demo-server never printed its URL")


def _wait_until_answering(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(f"{url}/v2/applications", params={"page_size": 1},
                      auth=(API_KEY, API_SECRET), timeout=5)
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def row(what: str, measured: str, ratio: float | None, target: str, ok: bool) -> dict[str, object]:
    """One row of the table: what was measured, the numbers, their ratio, the target, met?"""
    return {"what": what, "measured": measured,
            "ratio": None if ratio is None else round(ratio, 3), "target": target, "ok": ok}


def result_line(rows: list[dict[str, object]]) -> None:
    """Print the machine-readable last line ``run_all.py`` reads."""
    sys.stdout.flush()
    print("RESULT " + json.dumps(rows, ensure_ascii=False), flush=True)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a child process: this one's, with isolated XDG dirs and no
    credentials other than what ``extra`` gives."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VONAGE_")}
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = tempfile.mkdtemp(prefix="bench-xdg-")
    env.update(extra)
    return env


def crowded_application(server: Emulator) -> tuple[str, str]:
    """Id and name of the seeded application with the most users (250 when the emulator seeds
    users): the second one made, second on the first page."""
    page = httpx.get(f"{server.url}/v2/applications", params={"page": 1, "page_size": 5},
                     auth=(API_KEY, API_SECRET), timeout=30).json()
    application = page["_embedded"]["applications"][1]
    return application["id"], application["name"]


def session_for(server: Emulator, app_id: str | None = None):  # -> vonage_tui.tui.Session
    """A TUI session on ``server`` as environment credentials give it; with ``app_id`` (and
    ``emulator(write_keys=True)``) also that application's key, as VONAGE_APPLICATION_ID and
    VONAGE_PRIVATE_KEY_PATH give it. Keys are kept in memory, never in a keyring."""
    from vonage_tui.credentials.key_vault import MemoryKeyVault
    from vonage_tui.tui.session import Session

    options: dict[str, object] = {"api_key": API_KEY, "api_secret": API_SECRET,
                                  "base_url": server.url}
    if app_id is not None:
        assert server.keys_dir is not None, "emulator(write_keys=True) writes the keys"
        options.update(application_id=app_id,
                       private_key=(server.keys_dir / f"{app_id}.pem").read_text())
    return Session(client_options=options, key_vault=MemoryKeyVault(), profile_name="bench",
                   sources={"private_key": "env VONAGE_PRIVATE_KEY_PATH"})


async def wait_for(condition, what: str, timeout: float = 120.0, poll: float = 0.005) -> float:
    """Poll ``condition`` on the running loop until true; returns ``time.perf_counter()`` at
    that moment. Raises TimeoutError after ``timeout`` seconds."""
    import asyncio

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(poll)
    return time.perf_counter()
