"""A normal start never loads the emulator: Starlette, uvicorn and their imports are for --demo.
Nor, until the first applications are on screen, what only keys and keyrings need: keyring,
keyrings.cryptfile, cryptography, jwt; nor what only an opened document needs: pydantic and the
lossless models (the list reads light summaries); nor what only another start or a later step
needs (argparse for arguments, the keymap check, writing profiles, private keys). Start-up
time is mostly imports, and building dataclasses is a large part of importing our own modules.

Each case runs `vonage-tui` (``vonage_tui.__main__.main``) in a fresh interpreter, with
``App.run`` swapped for a headless run that stops once start-up has shown its first real
screen, then lists what was imported, and what had been when the first rows were shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.tui_harness import API_KEY, API_SECRET, seeded_store
from vonage_tui.emulator import DemoServer, create_app


ROOT = Path(__file__).resolve().parent.parent

RUN = """
import asyncio, gc, json, sys
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.applications import ApplicationsScreen

def run_headless(app, **_):
    async def drive():
        async with app.run_test(size=(80, 24)) as pilot:
            # Until start-up has moved past its "Looking for your credentials" screen.
            for _ in range(500):
                if type(app.screen).__name__ != "StartupScreen" and app.screen_stack:
                    break
                await pilot.pause(0.02)
            for _ in range(100 if {wait_for_rows!r} else 0):
                if at_first_rows:
                    break
                await pilot.pause(0.02)
            await pilot.pause(0.2)
            reached.append(type(app.screen).__name__)
    asyncio.run(drive())

def show_rows(screen, applications, *more, **options):
    if applications and not at_first_rows:
        at_first_rows.extend(sys.modules)
        collector.append(gc.isenabled())
    shown(screen, applications, *more, **options)

reached, at_first_rows, collector = [], [], []
VonageApp.run = run_headless
shown, ApplicationsScreen.show_rows = ApplicationsScreen.show_rows, show_rows
from vonage_tui.__main__ import main
main({argv!r})

def heavy(names):
    return sorted(name for name in names
                  if name.split(".")[0] in ("starlette", "uvicorn")
                  or name == "vonage_tui.emulator" or name.startswith("vonage_tui.emulator."))

def for_keys(names):
    return sorted(name for name in names
                  if name.split(".")[0] in ("keyring", "keyrings", "cryptography", "jwt"))

def for_documents(names):
    return sorted(name for name in names
                  if name.split(".")[0] in ("pydantic", "pydantic_core")
                  or name.startswith("vonage_tui.models.")
                  and name.split(".")[2] not in ("summary", "names"))

LATER = ("argparse", "gettext", "pkgutil", "vonage_tui.keys", "vonage_tui.tui.keymap_scopes",
         "vonage_tui.credentials.key_vault", "vonage_tui.credentials.toml_writer")

def dataclasses_built(names):
    return sorted(f"{{name}}.{{value.__qualname__}}" for name in names
                  if name.startswith("vonage_tui.")
                  for value in vars(sys.modules[name]).values()
                  if isinstance(value, type) and value.__module__ == name
                  and "__dataclass_fields__" in vars(value))

print(json.dumps({{"reached": reached, "heavy": heavy(sys.modules),
                  "rows_shown": bool(at_first_rows), "for_keys": for_keys(at_first_rows),
                  "for_documents": for_documents(at_first_rows),
                  "httpx_cli": sorted(name for name in at_first_rows
                                      if name.split(".")[0] in ("click", "pygments")),
                  "http_stack": sorted(name for name in at_first_rows
                                       if name.split(".")[0] in ("httpcore", "anyio", "sniffio",
                                                                 "h2", "hpack", "certifi")),
                  "text_area": sorted(name for name in at_first_rows
                                      if name.startswith("textual.widgets._text_area")
                                      or name.startswith("textual.document")),
                  "collector_on_at_first_rows": collector,
                  "later": sorted(name for name in at_first_rows if name in LATER),
                  "dataclasses": dataclasses_built(at_first_rows)}}))
"""


def start(tmp_path: Path, argv: list[str], *, wait_for_rows: bool = False, **env: str,
          ) -> dict[str, Any]:
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
    result = subprocess.run([sys.executable, "-c", RUN.format(argv=argv,
                                                              wait_for_rows=wait_for_rows)],
                            capture_output=True,
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
    """The checks above can fail: the same run with --demo lists the emulator, and what keys
    need (loaded before its first rows)."""
    outcome = start(tmp_path, ["--demo"], wait_for_rows=True)
    assert outcome["reached"] == ["ApplicationsScreen"]
    assert "vonage_tui.emulator" in outcome["heavy"]
    assert any(name.startswith("starlette") for name in outcome["heavy"])
    # The emulator makes its applications' key pairs before serving them.
    assert outcome["rows_shown"] and "cryptography" in outcome["for_keys"]
    # Its seed is checked against the spec's limits: the check for models can fail too.
    assert "vonage_tui.models.limits" in outcome["for_documents"]


def env_credentials(server: DemoServer) -> dict[str, str]:
    return {"VONAGE_API_KEY": API_KEY, "VONAGE_API_SECRET": API_SECRET,
            "VONAGE_API_URL": server.url}


@pytest.fixture(scope="module")
def env_start(tmp_path_factory) -> dict[str, Any]:
    """One start with the credentials in the environment, to its first rows: the tests below
    each read a part of what it loaded."""
    server = DemoServer(create_app(seeded_store(apps=3), api_key=API_KEY, api_secret=API_SECRET))
    with server:
        return start(tmp_path_factory.mktemp("env-start"), [], wait_for_rows=True,
                     **env_credentials(server))


def test_first_rows_show_before_keyring_cryptography_or_jwt_load(env_start):
    """Credentials from the environment: nothing of keys or keyrings is needed for the list.
    (The Key column opens the keyring after the rows are on screen.)"""
    outcome = env_start
    assert outcome["reached"] == ["ApplicationsScreen"]
    assert outcome["rows_shown"]
    assert outcome["for_keys"] == []


def test_first_rows_show_before_pydantic_or_the_lossless_models_load(env_start):
    """The list reads light summaries; secrets are held without pydantic. The models load when
    a document is opened or an error body read (here: an answer the emulator never gives)."""
    outcome = env_start
    assert outcome["reached"] == ["ApplicationsScreen"]
    assert outcome["rows_shown"]
    assert outcome["for_documents"] == []
    # Nor httpx's command-line client (click, pygments), which its __init__ tries to import.
    assert outcome["httpx_cli"] == []
    # Nor httpx's default transport, httpcore (~18 ms), and the anyio under it (~26 ms at the
    # first request): the client's own Http11Transport speaks h11 over asyncio. Nor certifi's
    # CA bundle for a plain-http loopback API.
    assert outcome["http_stack"] == []
    # Nor Textual's TextArea (~7 ms): the list's filter field is a one-line FieldInput.
    assert outcome["text_area"] == []
    # The garbage collector, off while start-up imports (it would find nothing to free), is
    # back on once the app has mounted.
    assert outcome["collector_on_at_first_rows"] == [True]



# Each costs ~0.4 ms to build at import (its methods are compiled from source); these stay
# dataclasses because something compares or copies them (``==``, ``dataclasses.replace``).
START_DATACLASSES = [
    "vonage_tui.credentials.profiles.Profile",
    "vonage_tui.credentials.profiles.ProfileBook",
    "vonage_tui.models.summary.ApplicationSummary",
    "vonage_tui.tui.keymap.KeymapCheck",
]


def test_first_rows_show_before_what_only_later_steps_or_other_starts_need(env_start):
    """No arguments: no argparse. No keymap file: no keymap check (which finds every screen
    with pkgutil). No key: no ``keys`` or key vault. Only reading profiles: no TOML writer.
    And no dataclass beyond those that are compared or copied (plain classes with
    ``__slots__`` cost nothing to build)."""
    outcome = env_start
    assert outcome["rows_shown"]
    assert outcome["later"] == []
    assert outcome["dataclasses"] == START_DATACLASSES


def test_arguments_or_a_timeout_in_the_environment_do_load_argparse(tmp_path):
    """The check above can fail: with an argument, or VONAGE_TUI_TIMEOUT to check, the start
    goes through the parser."""
    server = DemoServer(create_app(seeded_store(apps=3), api_key=API_KEY, api_secret=API_SECRET))
    with server:
        flagged = start(tmp_path, ["--readonly"], wait_for_rows=True, **env_credentials(server))
        timed = start(tmp_path, [], wait_for_rows=True, VONAGE_TUI_TIMEOUT="20",
                      **env_credentials(server))
    assert flagged["rows_shown"] and timed["rows_shown"]
    assert "argparse" in flagged["later"] and "argparse" in timed["later"]
