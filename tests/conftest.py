"""Every test runs isolated: an in-memory keyring, a temporary XDG tree, no VONAGE_* variables."""

from __future__ import annotations

import keyring
import pytest

from tests.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    for name in list(__import__("os").environ):
        if name.startswith("VONAGE_") or name == "PYTHON_KEYRING_BACKEND":
            monkeypatch.delenv(name, raising=False)
    for kind in ("CONFIG", "DATA", "CACHE", "STATE"):
        path = tmp_path / "xdg" / kind.lower()
        path.mkdir(parents=True)
        monkeypatch.setenv(f"XDG_{kind}_HOME", str(path))
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(isolated_environment) -> MemoryKeyring:
    """The in-memory keyring backend installed for this test."""
    return isolated_environment


@pytest.fixture
def lenient_server(monkeypatch):
    """The emulator accepts what a real server may already hold (values the spec forbids)."""
    from vonage_tui.emulator import store as emulator_store

    monkeypatch.setattr(emulator_store, "application_body_violations", lambda body: [])


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch):
    """A focused field's cursor stays drawn: a blink every 0.5 s would decide, on a loaded
    machine, whether a snapshot shows it (the same screen, two pictures)."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def argon2_runs(monkeypatch):
    """How many times Argon2 derives a key (cryptfile imports it at each use)."""
    import argon2.low_level

    runs = []
    real = argon2.low_level.hash_secret_raw

    def counted(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(argon2.low_level, "hash_secret_raw", counted)
    return runs
