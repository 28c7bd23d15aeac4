"""The application editor and what the server sends that the editor would not write itself:
keys and values that look like markup, values outside the documented limits, and a save
asked for while the key is being rotated."""

from __future__ import annotations

import asyncio
import copy
import json
from typing import Any

import httpx
from textual.widgets import Select

from tests.editor_harness import (
    ANSWER,
    MARKUP_APP,
    OUT_OF_LIMITS_APP,
    UNKNOWN_FIELDS_APP,
    VOICE,
    app_on,
    focus_field,
    label,
    open_editor,
    retype,
    row,
    save_through_preview,
    store_with,
)
from tests.tui_harness import SMALL, make_app, notifications, wait_for_screen, wait_until
from vonage_tui.api.bodies import put_body
from vonage_tui.models.documents import set_path
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.diff_preview import DiffPreview

MARKUP = ("[/payments]", "[b]x[/b]", "[red]")

MARKUP_PATHS = [
    ("[/payments]",),
    (*ANSWER, "[b]x[/b]"),
    (*VOICE, "[red]"),
    ("capabilities", "[/payments]"),
    ("privacy", "[red]"),
]


def worker_errors(app: Any) -> list[str]:
    return [n for n in notifications(app) if "rror" in n]


async def test_markup_in_keys_and_values_is_shown_literally_and_saved_back() -> None:
    store, (app_id,) = store_with(MARKUP_APP)
    before = copy.deepcopy(store.applications[app_id])
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        assert screen.status_note == "" and not worker_errors(app)
        assert label(screen, ()) == MARKUP_APP["name"]
        for path in MARKUP_PATHS:
            shown = label(screen, path)
            assert shown.startswith(str(path[-1])), (path, shown)
        assert label(screen, (*ANSWER, "address")) == "address https://keep.example/[/payments]"
        # Each object's panel: the unknown field's name and its JSON, as sent.
        for path in MARKUP_PATHS:
            screen.doc_tree.move_to(path)
            await pilot.pause()
            shown_row = row(screen, path)
            assert str(shown_row.query_one(".field-label").render()).startswith(str(path[-1]))
            value = json.dumps(before_value(before, path), ensure_ascii=False, indent=2)
            assert str(shown_row.control.render()) == value
        assert not worker_errors(app)

        # A rename saves the unknown fields back untouched.
        await focus_field(pilot, screen, ("name",))
        await retype(pilot, "[red]renamed[/red]")
        assert screen.crumb == "[red]renamed[/red]"
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: screen.status_note == "Saved", "the save")
        expected = set_path(before, ("name",), "[red]renamed[/red]")
        assert json.dumps(store.applications[app_id]) == json.dumps(expected)
        assert label(screen, ()) == "[red]renamed[/red]"
        assert not worker_errors(app)


def before_value(document: dict[str, Any], path: tuple) -> Any:
    for key in path:
        document = document[key]
    return document


# -- values outside the documented limits, sent by the server ---------------------------------

TTL = (*VOICE, "conversations_ttl")
REGION = (*VOICE, "region")
CONNECT = (*ANSWER, "connect_timeout")

class RecordingPuts(httpx.AsyncBaseTransport):
    """Records the bytes of each PUT; everything goes to the emulator."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.puts: list[bytes] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            self.puts.append(request.content)
        return await self.inner.handle_async_request(request)


async def test_server_values_outside_the_limits_do_not_block_a_save(lenient_server: None) -> None:
    store, (app_id,) = store_with(OUT_OF_LIMITS_APP)
    before = copy.deepcopy(store.applications[app_id])
    transports: list[RecordingPuts] = []

    def recording(inner: httpx.AsyncBaseTransport) -> RecordingPuts:
        transports.append(RecordingPuts(inner))
        return transports[-1]

    app = app_on(store, transport=recording)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        assert screen.state.invalid() == {}
        assert "invalid" not in str(screen.query_one("#editor-status").render())
        for path in (TTL, REGION, CONNECT):
            assert not label(screen, path).endswith("!"), path
        assert not label(screen, VOICE).endswith("!")
        # Not marked invalid, but said: the value is outside what the reference documents.
        screen.doc_tree.move_to(TTL)
        await pilot.pause()
        ttl_row = row(screen, TTL)
        assert not ttl_row.has_class("-invalid")
        assert not ttl_row.query_one(".field-error").display
        note = ttl_row.query_one(".field-server-note")
        assert note.display
        assert "outside the documented range; kept as the server sent it" in str(note.render())
        region_row = row(screen, REGION)
        assert isinstance(region_row.control, Select)
        assert region_row.control.value == "[red]mars-north"
        shown = str(region_row.control.query_one("SelectCurrent #label").render())
        assert shown == "[red]mars-north (undocumented)"  # as text, not markup
        assert "kept as the server sent it" in str(region_row.query_one(".field-server-note")
                                                   .render())
        assert not row(screen, (*VOICE, "signed_callbacks")).query_one(
            ".field-server-note").display

        # An unrelated edit saves; the server's values go back exactly as they came.
        await focus_field(pilot, screen, ("name",))
        await retype(pilot, "Renamed")
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: screen.status_note == "Saved", "the save")
        assert not any("Invalid" in n for n in notifications(app))
        expected = set_path(before, ("name",), "Renamed")
        (sent,) = transports[0].puts
        assert json.dumps(json.loads(sent)) == json.dumps(put_body(expected))  # order too
        assert json.dumps(store.applications[app_id]) == json.dumps(expected)

        # The user's own out-of-limit value is judged, and blocks a save.
        await focus_field(pilot, screen, TTL)
        await retype(pilot, "9001")
        assert TTL in screen.state.invalid()
        assert label(screen, TTL).endswith("!")
        # Typing back what the server sent is no edit and no error.
        await retype(pilot, "20000")
        assert screen.state.invalid() == {} and not screen.state.dirty


def test_only_what_the_user_changed_is_judged() -> None:
    from vonage_tui.tui.editing.state import EditorState

    document = copy.deepcopy(OUT_OF_LIMITS_APP)
    state = EditorState.loaded(document)
    assert state.invalid() == {}
    assert set(state.overview().notes) == {TTL, REGION, CONNECT}
    assert state.overview().problems == {}
    state.set_value(TTL, 10)  # a valid edit of an out-of-limit value: the note goes
    assert TTL not in state.overview().notes
    state.set_value(CONNECT, 2)  # an out-of-limit value the user set: judged
    assert set(state.invalid()) == {CONNECT}
    state.set_value(CONNECT, 5)  # back to the server's value
    assert state.invalid() == {}
    state.add(("capabilities", "messages"))  # a new capability's empty addresses are judged
    assert any(path[:2] == ("capabilities", "messages") for path in state.invalid())


# -- a save while the key is being rotated ----------------------------------------------------


class GatedPuts(httpx.AsyncBaseTransport):
    """PUTs wait until ``gate`` is set; ``waiting`` is set once one is held."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.gate = asyncio.Event()
        self.waiting = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            self.waiting.set()
            await self.gate.wait()
        return await self.inner.handle_async_request(request)


async def test_a_save_is_refused_while_the_key_is_being_rotated() -> None:
    store, (app_id,) = store_with(UNKNOWN_FIELDS_APP)
    transports: list[GatedPuts] = []

    def gated(inner: httpx.AsyncBaseTransport) -> GatedPuts:
        transports.append(GatedPuts(inner))
        return transports[-1]

    app = app_on(store, transport=gated)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await focus_field(pilot, screen, ("name",))
        await retype(pilot, "Renamed")
        screen.doc_tree.focus()
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await wait_until(pilot, transports[0].waiting.is_set, "the rotation's PUT")
        await wait_until(pilot, lambda: app.screen is screen, "the editor")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, DiffPreview)
        assert not screen.saving
        assert any("being rotated" in n for n in notifications(app))
        await pilot.press("ctrl+r")  # nor a second rotation
        await pilot.pause()
        assert app.screen is screen

        transports[0].gate.set()
        await wait_until(pilot, lambda: screen.status_note == "Key rotated on the server",
                         "the rotation")
        await wait_until(pilot, lambda: not screen.rotating, "the rotation to end")
        assert screen.state.working["name"] == "Renamed"
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: screen.status_note == "Saved", "the save")
        assert store.applications[app_id]["name"] == "Renamed"
