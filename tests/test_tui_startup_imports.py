"""A normal start never loads the emulator: Starlette, uvicorn and their imports are for --demo.

Each case runs `vonage-tui` (``vonage_tui.__main__.main``) in a fresh interpreter, with
``App.run`` swapped for a headless run that stops once start-up has shown its first real
screen, then lists what was imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent

RUN = """
import asyncio, json, sys
from vonage_tui.tui.app import VonageApp

def run_headless(app, **_):
    async def drive():
        async with app.run_test(size=(80, 24)) as pilot:
            # Until start-up has moved past its "Looking for your credentials" screen.
            for _ in range(500):
                if type(app.screen).__name__ != "StartupScreen" and app.screen_stack:
                    break
                await pilot.pause(0.02)
            await pilot.pause(0.2)
            reached.append(type(app.screen).__name__)
    asyncio.run(drive())

reached = []
VonageApp.run = run_headless
from vonage_tui.__main__ import main
main({argv!r})
heavy = sorted(name for name in sys.modules
               if name.split(".")[0] in ("starlette", "uvicorn")
               or name == "vonage_tui.emulator" or name.startswith("vonage_tui.emulator."))
print(json.dumps({{"reached": reached, "heavy": heavy}}))
"""


def start(tmp_path: Path, argv: list[str], **env: str) -> dict[str, list[str]]:
    environ = {name: value for name, value in os.environ.items()
               if not name.startswith("VONAGE_") and name != "PYTHON_KEYRING_BACKEND"}
    for kind in ("CONFIG", "DATA", "CACHE", "STATE"):
        folder = tmp_path / kind.lower()
        folder.mkdir(exist_ok=True)
        environ[f"XDG_{kind}_HOME"] = str(folder)
    # No session bus: the keyring search ends quickly and never reaches the developer's keyring.
    environ["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path / 'no-bus'}"
    environ["PYTHONPATH"] = str(ROOT)
    environ.update(env)
    result = subprocess.run([sys.executable, "-c", RUN.format(argv=argv)], capture_output=True,
                            text=True, timeout=120, cwd=tmp_path, env=environ)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_start_with_credentials_from_the_environment_loads_no_emulator(tmp_path):
    # Nothing listens on port 9 of loopback: the list fails, which the app says and survives.
    outcome = start(tmp_path, [], VONAGE_API_KEY="abcd1234", VONAGE_API_SECRET="not-a-secret-1",
                    VONAGE_API_URL="http://127.0.0.1:9")
    assert outcome["reached"] == ["ApplicationsScreen"]
    assert outcome["heavy"] == []


def test_start_without_credentials_loads_no_emulator(tmp_path):
    outcome = start(tmp_path, [])
    # Which screen depends on the machine's keyrings; none of them needs the emulator.
    assert outcome["reached"] and outcome["reached"][0] != "StartupScreen"
    assert outcome["heavy"] == []


def test_the_demo_does_load_the_emulator(tmp_path):
    """The checks above can fail: the same run with --demo lists the emulator."""
    outcome = start(tmp_path, ["--demo"])
    assert outcome["reached"] == ["ApplicationsScreen"]
    assert "vonage_tui.emulator" in outcome["heavy"]
    assert any(name.startswith("starlette") for name in outcome["heavy"])
