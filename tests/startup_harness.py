"""The app as `vonage-tui` starts it (the real start-up: profiles, keyring, environment, the
credentials screens) with its HTTP going to the in-process emulator, and what drives it."""

from __future__ import annotations

import argparse
from typing import Any

import httpx

from tests.tui_harness import API_KEY, API_SECRET, seeded_store, wait_until
from vonage_tui.credentials import KdfParams, KnownBackend, Profile, ProfileStore
from vonage_tui.emulator import create_app
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.credentials import CredentialsScreen
from vonage_tui.tui.startup.launch import real_app

SERVICE = "vonage-tui"
CHEAP = KdfParams(time_cost=1, memory_cost=8, parallelism=1)  # tests only: fast Argon2
URL = "http://127.0.0.1"
# A backend that is never usable, with its own reason: keeps the OS probe deterministic anywhere.
NO_BUS = KnownBackend("Secret Service (test)", "tests.credentials_support", "NoBusKeyring")


def options(**flags: Any) -> argparse.Namespace:
    return argparse.Namespace(demo=False, readonly=False, profile=flags.get("profile"),
                              api_key=flags.get("api_key"), api_url=flags.get("api_url"))


def emulator_transport(store=None, **kwargs: Any) -> httpx.ASGITransport:
    return httpx.ASGITransport(app=create_app(store or seeded_store(apps=3), api_key=API_KEY,
                                              api_secret=API_SECRET, **kwargs))


def make_real_app(*, transport: Any = None, environ: dict[str, str] | None = None,
                  candidates: tuple[KnownBackend, ...] | None = None, **flags: Any) -> Any:
    config: dict[str, Any] = {"kdf": CHEAP, "environ": environ or {},
                              "client_overrides": {"transport": transport or emulator_transport()}}
    if candidates is not None:
        config["backend_candidates"] = candidates
    return real_app(options(**flags), **config)


async def fill_credentials(pilot, *, key=API_KEY, secret=API_SECRET, url=URL,
                           profile: str | None = None) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, CredentialsScreen)
    if profile is not None:
        screen.query_one("#field-profile_name").value = profile
    screen.query_one("#field-api_key").value = key
    screen.query_one("#field-api_secret").value = secret
    screen.query_one("#field-api_host").value = "custom"
    await pilot.pause()
    screen.query_one("#field-api_url").value = url
    await pilot.press("ctrl+s")


def shown_error(screen, field: str) -> str:
    widget = screen.query_one(f"#error-{field}")
    return str(widget.render()) if widget.display else ""


async def connected(pilot) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ApplicationsScreen))
    await pilot.app.workers.wait_for_complete()


def two_profiles(memory_keyring) -> None:
    store = ProfileStore()
    store.upsert(Profile("work", api_key=API_KEY, api_url=URL), make_default=True)
    store.upsert(Profile("staging", api_key=API_KEY, api_url="http://localhost"))
    for name in ("work", "staging"):
        memory_keyring.entries[(SERVICE, f"profile:{name}:api_secret")] = API_SECRET
