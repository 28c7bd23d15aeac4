"""The user editor's test set-up: a user with every channel kind, an emulator that records
every write (and can answer a PATCH with a 400 or drop it), and the keys that edit and save."""

from __future__ import annotations

import asyncio
import copy
import json
from typing import Any

import httpx
from textual.widgets import Input, TextArea

from tests.tui_harness import API_KEY, API_SECRET, seeded_store, settle, wait_for_screen
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.emulator import create_app
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.application_editor_modals import ConflictModal
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.screens.user_editor import UserEditorScreen
from vonage_tui.tui.services import services_of
from vonage_tui.tui.session import Session
from vonage_tui.tui.widgets.field_row import FieldRow

EVERY_KIND = {
    "name": "every.kind",
    "display_name": "Every Kind",
    "properties": {"custom_data": {"team": "ops"}, "ttl": 3600},
    "channels": {
        "pstn": [{"number": 447700900001}, {"number": 447700900002}],
        "sip": [{"uri": "sip:every@sip.example.com", "username": "every"}],
        "vbc": [{"extension": "401"}],
        "websocket": [{"uri": "wss://media.example.com/socket",
                       "content-type": "audio/l16;rate=8000"}],
        "sms": [{"number": "447700900001"}],
        "mms": [{"number": "447700900001"}],
        "whatsapp": [{"number": "447700900001"}],
        "viber": [{"number": "447700900001"}],
        "messenger": [{"id": "12345678"}],
    },
    "future_field": {"kept": ["as", "is"]},
}


class Recording(httpx.AsyncBaseTransport):
    """The emulator, recording every write's method and JSON body; ``reject`` answers the next
    PATCH with a 400 (as Vonage would) and ``refuse`` drops it."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.writes: list[tuple[str, Any]] = []
        self.mode = ""
        self.held: asyncio.Event | None = None
        """While set to an unset event, a PATCH waits for it (``holding`` says one does)."""
        self.holding = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method in ("PATCH", "POST") and request.url.path.startswith("/v1/users"):
            body = json.loads(request.content or b"null")
            if self.held is not None and request.method == "PATCH":
                self.holding = True
                await self.held.wait()
            if self.mode == "refuse" and request.method == "PATCH":
                raise httpx.ConnectError("connection refused", request=request)
            if self.mode == "reject" and request.method == "PATCH":
                return httpx.Response(400, json={
                    "title": "Bad Request", "type": "https://developer.vonage.com/x",
                    "detail": "Invalid request", "code": "user:error:payload-validation",
                    "invalid_parameters": [
                        {"name": "channels.sip[0].uri", "reason": "is not reachable"},
                        {"name": "display_name", "reason": "is taken"}]},
                    headers={"content-type": "application/problem+json"})
            self.writes.append((request.method, body))
        return await self.inner.handle_async_request(request)


def setup(*, readonly: bool = False, user: dict[str, Any] | None = None):
    store = seeded_store(apps=2, users_per_app=0)
    app_id = next(iter(store.applications))
    stored = store.add_user(app_id, copy.deepcopy(user or EVERY_KIND))
    recording = Recording(httpx.ASGITransport(
        app=create_app(store, api_key=API_KEY, api_secret=API_SECRET)))
    vault = MemoryKeyVault({app_id: store.private_key_for(app_id)})
    session = Session(
        client_options={"api_key": API_KEY, "api_secret": API_SECRET,
                        "base_url": "http://127.0.0.1", "max_retries": 0,
                        "transport": recording},
        key_vault=vault, profile_name="test", readonly=readonly)
    return VonageApp(session), store, app_id, stored["id"], recording


async def open_user_editor(pilot: Any, store: Any, app_id: str,
                           user_id: str | None) -> UserEditorScreen:
    app = pilot.app
    await settle(pilot)
    client = services_of(app).client.for_application(app_id, store.private_key_for(app_id))
    screen = UserEditorScreen(client, app_id, user_id)
    app.push_screen(screen)
    await settle(pilot)
    assert screen.state is not None, screen.status_note
    return screen


async def edit(pilot: Any, screen: UserEditorScreen, path: tuple, text: str) -> None:
    """Select ``path`` in the tree, enter its control and replace its text."""
    screen.doc_tree.focus()
    screen.doc_tree.move_to(path)
    await pilot.pause()
    if screen.doc_tree.node_for(path) is not None:
        await pilot.press("enter")
    else:  # a known field that is not set: a row of the panel, not a node of the tree
        row(screen, path).focus_control()
    await pilot.pause()
    focused = pilot.app.focused
    if isinstance(focused, TextArea):
        focused.text = text
    else:
        assert isinstance(focused, Input), focused
        focused.value = text
    await pilot.pause()
    await settle(pilot)
    screen.doc_tree.focus()


def row(screen: UserEditorScreen, path: tuple) -> FieldRow:
    return next(r for r in screen.query(FieldRow) if r.path == path)


async def save(pilot: Any, *, conflict: str | None = None) -> DiffPreview:
    await pilot.press("ctrl+s")
    preview = await wait_for_screen(pilot, DiffPreview)
    await pilot.press("ctrl+s")
    if conflict:
        modal = await wait_for_screen(pilot, ConflictModal)
        modal.query_one(f"#{conflict}").press()
    await settle(pilot)
    return preview
