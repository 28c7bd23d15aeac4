"""Regenerate the SVG screenshots in this folder: `python screenshots/make_screenshots.py`.

Drives the real app, at 80×24, against the in-process emulator with the demo's seed data.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from vonage_tui.emulator import EmulatorStore, create_app
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.startup.demo import DEMO_API_KEY, DEMO_API_SECRET, DEMO_APPS, DEMO_SEED, DEMO_USERS_PER_APP
from vonage_tui.credentials import MemoryKeyVault
from vonage_tui.tui.session import Session

HERE = Path(__file__).resolve().parent
SIZE = (80, 24)


def demo_app() -> VonageApp:
    store = EmulatorStore.seeded(apps=DEMO_APPS, users_per_app=DEMO_USERS_PER_APP, seed=DEMO_SEED)
    keys = {app_id: pem for app_id in store.applications if (pem := store.private_key_for(app_id))}
    emulator = create_app(store, api_key=DEMO_API_KEY, api_secret=DEMO_API_SECRET)
    session = Session(
        client_options={
            "api_key": DEMO_API_KEY,
            "api_secret": DEMO_API_SECRET,
            "base_url": "http://127.0.0.1:8080",
            "transport": httpx.ASGITransport(app=emulator),
        },
        key_vault=MemoryKeyVault(keys),
        profile_name="demo",
        demo=True,
    )
    return VonageApp(session)


async def settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)


async def shoot(name: str, steps: Callable[[Any], Awaitable[None]]) -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await steps(pilot)
        # Not settle(): a flow waiting on a modal (the diff preview) is a worker that never ends.
        await pilot.pause(0.5)
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot(f"{name}.svg", str(HERE))
    print(f"screenshots/{name}.svg")


async def main() -> None:
    async def nothing(pilot: Any) -> None:
        pass

    async def filtered(pilot: Any) -> None:
        await pilot.press("slash", *"video")

    async def editor_voice(pilot: Any) -> None:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter", "down", "enter", "down", "enter")

    async def diff_preview(pilot: Any) -> None:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "enter")  # into the name field
        await settle(pilot)
        await pilot.press("end", *" v2", "enter")
        await settle(pilot)
        await pilot.press("ctrl+s")

    async def create_form(pilot: Any) -> None:
        await pilot.press("c")

    async def users(pilot: Any) -> None:
        await pilot.press("down", "u")  # the second application has 250 users
        await settle(pilot)
        await pilot.press("n", "n", "n")  # page 4: the odd names
        await settle(pilot)

    async def user_editor(pilot: Any) -> None:
        await pilot.press("down", "u")
        await settle(pilot)
        await pilot.press("slash", *"every.channel.kind")
        await settle(pilot)
        await pilot.press("enter", "enter")  # the user with every kind of channel
        await settle(pilot)
        for key in ("down",) * 5 + ("right", "down", "right") + ("down",) * 5 + (
                "right", "down", "right"):  # sip [0] opened, then websocket [0]
            await pilot.press(key)
        await settle(pilot)

    async def users_no_key(pilot: Any) -> None:
        app = pilot.app
        await pilot.press("down")
        app_id = app.screen.selected_id()
        await app.services.key_vault.delete(app_id)
        await pilot.press("u")
        await settle(pilot)

    await shoot("applications", nothing)
    await shoot("filter", filtered)
    await shoot("editor-voice", editor_voice)
    await shoot("diff-preview", diff_preview)
    await shoot("create", create_form)
    await shoot("users", users)
    await shoot("users-no-key", users_no_key)
    await shoot("user-editor", user_editor)


if __name__ == "__main__":
    asyncio.run(main())
