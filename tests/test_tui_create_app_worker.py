"""The create sequence runs as an app worker: closing the form while the POST is on its way
must not cancel it, or the private key made here would be lost with the screen."""

from __future__ import annotations

import asyncio

import httpx
from textual.widgets import Input

from tests.tui_harness import API_KEY, API_SECRET, SMALL, make_session, seeded_store, wait_until
from vonage_tui.emulator import create_app as emulator_app
from vonage_tui.keys import keys_match
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.create_application import CreateApplicationScreen
from vonage_tui.tui.screens.diff_preview import DiffPreview


class HeldPosts(httpx.AsyncBaseTransport):
    """Forwards to the emulator, but holds every POST until ``release`` is set."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.posting = asyncio.Event()
        self.release = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            self.posting.set()
            await self.release.wait()
        return await self.inner.handle_async_request(request)


async def test_closing_the_form_during_the_post_still_stores_the_key():
    store = seeded_store(apps=1)
    before = set(store.applications)
    transport = HeldPosts(httpx.ASGITransport(
        app=emulator_app(store, api_key=API_KEY, api_secret=API_SECRET)))
    session = make_session(store)
    session.client_options.update(transport=transport)
    app = VonageApp(session)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: app.services is not None)
        screen = CreateApplicationScreen()
        await app.push_screen(screen)
        await wait_until(pilot, lambda: app.screen is screen)
        screen.query_one("#create-name", Input).value = "Closed early"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await wait_until(pilot, transport.posting.is_set)

        await app.pop_screen()  # the form goes away while Vonage has not answered yet
        await wait_until(pilot, lambda: not screen.is_attached)
        assert app.keys_in_flight == 1  # quitting is still refused: the key exists only here
        transport.release.set()

        await wait_until(pilot, lambda: len(store.applications) == 2 and app.keys_in_flight == 0)
        (new_id,) = set(store.applications) - before
        stored = await session.key_vault.get(new_id)
        messages = [n.message for n in app._notifications]
    assert stored is not None
    assert keys_match(stored, store.applications[new_id]["keys"]["public_key"])
    assert any("Created Closed early" in m for m in messages)
