"""A slow Vonage: after a moment the status says it is still waiting, and esc cancels the
request, leaving the screen usable and saying so (the list's page, the editor's load and save).
And a refused secret from the environment says what to change, not "press r".

The server is held on an asyncio.Event, and the "still waiting" delay is shrunk: no test waits
for real seconds.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual.widgets import Static

from tests.editor_harness import app_on, focus_field, retype
from tests.startup_harness import URL, connected, make_real_app
from tests.tui_harness import API_KEY, SMALL, seeded_store, settle, wait_until
from vonage_tui.tui import request_watch
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.diff_preview import DiffPreview


class Gate:
    """Wraps the emulator: while closed, requests with the held methods wait."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.opened = asyncio.Event()
        self.opened.set()
        self.held_methods: set[str] = set()
        self.waiting = 0

    def close(self, *methods: str) -> None:
        self.held_methods = set(methods or ("GET", "PUT", "POST", "DELETE"))
        self.opened.clear()

    def open(self) -> None:
        self.opened.set()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in self.held_methods:
            self.waiting += 1
            try:
                await self.opened.wait()
            finally:
                self.waiting -= 1
        await self.app(scope, receive, send)


@pytest.fixture(autouse=True)
def quick_to_worry(monkeypatch):
    monkeypatch.setattr(request_watch, "STILL_WAITING_AFTER", 0.01)


def gated_app(store) -> tuple[Any, list[Gate]]:
    gates: list[Gate] = []

    def wrap(emulator):
        gates.append(Gate(emulator))
        return gates[-1]

    return app_on(store, wrap=wrap), gates


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_a_slow_page_says_so_and_esc_cancels_it():
    store = seeded_store(apps=30)
    app, (gate,) = gated_app(store)
    gate.close()
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationsScreen))
        screen = app.screen
        await wait_until(pilot, lambda: "still waiting for Vonage" in text_of(screen, "#page-status"))
        assert "(esc cancels)" in text_of(screen, "#page-status")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.loading_page)
        assert text_of(screen, "#page-status") == "cancelled — r to retry"
        assert not screen.query_one("#applications-table").loading
        gate.open()
        await pilot.press("r")
        await settle(pilot)
        assert text_of(screen, "#page-status").startswith("page 1 of 2")
        # Asking for page 2 and cancelling keeps page 1's rows and says so truthfully.
        gate.close()
        await pilot.press("n")
        await wait_until(pilot, lambda: "still waiting" in text_of(screen, "#page-status"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.loading_page)
        assert text_of(screen, "#page-status").startswith("cancelled — r to retry · page 1 of 2")
        assert app.is_running and app.screen is screen
        gate.open()
        await pilot.press("n")
        await settle(pilot)
        assert text_of(screen, "#page-status").startswith("page 2 of 2")


async def test_a_slow_editor_load_says_so_and_esc_cancels_it():
    store = seeded_store(apps=3)
    app, (gate,) = gated_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        gate.close()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        editor = app.screen
        await wait_until(pilot, lambda: "still waiting" in text_of(editor, "#editor-status"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not editor.query_one("#editor-body").loading)
        assert app.screen is editor
        assert text_of(editor, "#editor-status") == "cancelled — r to retry"
        gate.open()
        await pilot.press("r")
        await settle(pilot)
        assert editor.state is not None


async def test_a_slow_save_says_so_esc_cancels_and_keeps_the_edits():
    store = seeded_store(apps=3)
    app, (gate,) = gated_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        await settle(pilot)
        editor = app.screen
        app_id = editor.app_id
        await focus_field(pilot, editor, ("name",))
        await retype(pilot, "Slow rename")
        editor.doc_tree.focus()

        # Held at the check for remote changes: nothing was sent.
        gate.close("GET")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "still waiting" in text_of(editor, "#editor-status"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not editor.saving)
        assert "Not saved: cancelled; your edits are kept" in text_of(editor, "#editor-status")
        assert app.screen is editor and editor.state.working["name"] == "Slow rename"
        gate.open()

        # Held at the PUT: it may have happened, and the status says so.
        gate.close("PUT")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "still waiting" in text_of(editor, "#editor-status"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not editor.saving)
        assert "may or may not have it" in text_of(editor, "#editor-status")
        assert editor.state.dirty and app.is_running
        gate.open()
    assert store.applications[app_id]["name"] != "Slow rename"


async def test_leaving_the_editor_while_its_put_is_on_the_way_lets_the_save_finish(monkeypatch):
    """The save runs in an app worker: the editor closed while the PUT is on its way (the app
    pops it, as an account switch does) neither cancels the PUT nor leaves it unreported.
    Only esc while Vonage is slow cancels a save, on purpose."""
    monkeypatch.setattr(request_watch, "STILL_WAITING_AFTER", 60)
    store = seeded_store(apps=3)
    app, (gate,) = gated_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        home = app.screen
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        await settle(pilot)
        editor = app.screen
        app_id = editor.app_id
        await focus_field(pilot, editor, ("name",))
        await retype(pilot, "Renamed on the way out")
        editor.doc_tree.focus()
        gate.close("PUT")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: gate.waiting == 1)
        editor.forget_unsaved()
        app.pop_screen()
        await wait_until(pilot, lambda: app.screen is home and not editor.is_attached)
        gate.open()
        await settle(pilot)
        assert store.applications[app_id]["name"] == "Renamed on the way out"
        assert any(n.message == "Saved" for n in app._notifications)
        assert app.is_running and app.screen is home


async def test_a_refused_secret_from_the_environment_says_which_variable_to_fix(memory_keyring):
    app = make_real_app(environ={"VONAGE_API_KEY": API_KEY, "VONAGE_API_SECRET": "wrong-secret",
                                 "VONAGE_API_URL": URL})
    async with app.run_test(size=SMALL) as pilot:
        await connected(pilot)
        line = text_of(app.screen, "#page-status")
        assert "VONAGE_API_SECRET in the environment" in line
        assert "restart" in line and "press r" not in line
        assert any("VONAGE_API_SECRET" in str(n.message) for n in app._notifications)


def test_refusal_advice_names_what_came_from_outside_the_app():
    from vonage_tui.api import AuthenticationError, ServerError
    from vonage_tui.credentials.key_vault import MemoryKeyVault
    from vonage_tui.tui.session import Session

    refused = AuthenticationError("Unauthorized", status=401)

    def advice(**sources: str) -> str | None:
        return Session({}, MemoryKeyVault(), sources=sources).refusal_advice(refused)

    assert advice(api_key="profile", api_secret="env VONAGE_API_SECRET") == (
        "Vonage refused VONAGE_API_SECRET in the environment (401 Unauthorized): "
        "fix or unset it and restart.")
    assert advice(api_key="flag --api-key", api_secret="env VONAGE_API_SECRET") == (
        "Vonage refused VONAGE_API_SECRET in the environment and --api-key on the command line "
        "(401 Unauthorized): fix or unset them and restart.")
    # A stored secret can be replaced from the profiles screen, and r does help after that.
    assert advice(api_key="profile", api_secret="keyring (Secret Service)") is None
    assert advice(api_key="demo", api_secret="demo") is None
    session = Session({}, MemoryKeyVault(), sources={"api_secret": "env VONAGE_API_SECRET"})
    assert session.refusal_advice(ServerError("Internal", status=500)) is None
