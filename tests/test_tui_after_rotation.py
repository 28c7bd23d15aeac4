"""After a key rotation the cursor stays where it was (issue 10): on its row of a filtered list,
in the editor's field being typed in. And the editor's status never says "1 unsaved change"
and "Saved" at once."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Input, Static

from tests.editor_harness import (
    UNKNOWN_FIELDS_APP,
    VOICE,
    focus_field,
    open_editor,
    retype,
    row,
    save_through_preview,
    store_with,
)
from tests.tui_harness import SMALL, make_app, seeded_store, settle, wait_for_screen, wait_until
from vonage_tui.tui.editing.state import EditorState
from vonage_tui.tui.editing.status import status_line
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.confirm import ConfirmModal

TTL = (*VOICE, "conversations_ttl")
FALLBACK = (*VOICE, "webhooks", "fallback_answer_url")


async def rotate(pilot: Any) -> None:
    await pilot.press("ctrl+r")
    await wait_for_screen(pilot, ConfirmModal)
    await pilot.press("y")


def server_key(store: Any, app_id: str) -> str:
    return store.applications[app_id]["keys"]["public_key"]


async def test_the_cursor_stays_on_its_row_of_a_filtered_list() -> None:
    store = seeded_store(apps=12)
    async with make_app(store).run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ApplicationsScreen) and screen.index.complete
        await pilot.press("slash")
        screen.query_one("#filter-input", Input).value = "e"
        await pilot.pause()
        await pilot.press("enter")  # to the matches
        await pilot.pause()
        table = screen.query_one("#applications-table", DataTable)
        assert table.row_count > 3
        await pilot.press("j", "j")
        chosen = screen.selected_id()
        assert chosen is not None and table.cursor_row == 2
        before = server_key(store, chosen)
        await rotate(pilot)
        await wait_until(pilot, lambda: server_key(store, chosen) != before, "the rotation")
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        await settle(pilot)
        assert screen.filter_text == "e"
        assert (table.cursor_row, screen.selected_id()) == (2, chosen)


async def test_the_field_being_typed_in_keeps_the_focus_through_a_rotation() -> None:
    store, (app_id,) = store_with({"name": "Initech IVR", "capabilities": {
        "voice": {"webhooks": {}, "conversations_ttl": 48}}})
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        # Nothing unsaved: the editor loads the application again.
        await focus_field(pilot, screen, ("name",))
        first = server_key(store, app_id)
        await rotate(pilot)
        await wait_until(pilot, lambda: screen.state.base["keys"]["public_key"] != first,
                         "the reload")
        await settle(pilot)
        assert pilot.app.focused is row(screen, ("name",)).control
        # With an unsaved edit: the key is taken in, the edit and the focus stay.
        await focus_field(pilot, screen, TTL)
        await retype(pilot, "96")
        second = server_key(store, app_id)
        await rotate(pilot)
        await wait_until(pilot, lambda: screen.state.base["keys"]["public_key"] != second,
                         "the new key in the editor")
        await settle(pilot)
        assert screen.doc_tree.cursor_entry is not None
        assert screen.doc_tree.cursor_entry.path == TTL
        assert pilot.app.focused is row(screen, TTL).control
        assert screen.state.working["capabilities"]["voice"]["conversations_ttl"] == 96


def test_a_saved_note_is_not_shown_beside_unsaved_changes() -> None:
    state = EditorState.loaded({"name": "Initech IVR"})
    assert status_line(state, readonly=False, note="Saved").plain == \
        "No unsaved changes · Saved"
    state.set_value(("name",), "Initech IVR v2")
    assert status_line(state, readonly=False, note="Saved").plain == "1 unsaved change"
    # Other notes stand beside the count: they say something else.
    assert status_line(state, readonly=False, note="Key rotated on the server").plain == \
        "1 unsaved change · Key rotated on the server"


async def test_an_add_after_a_save_does_not_leave_saved_in_the_status() -> None:
    store, (app_id,) = store_with(UNKNOWN_FIELDS_APP)
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await focus_field(pilot, screen, ("name",))
        await pilot.press("space", "v", "2")
        await settle(pilot)
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: screen.status_note == "Saved", "the save")
        status = screen.query_one("#editor-status", Static)
        assert str(status.render()) == "No unsaved changes · Saved"
        screen.doc_tree.focus()
        screen.doc_tree.move_to(FALLBACK)
        assert screen.doc_tree.cursor_entry.kind == "absent"
        await pilot.pause()
        await pilot.press("a")
        await settle(pilot)
        assert screen.state.dirty
        shown = str(status.render())
        assert shown.startswith("1 unsaved change") and "Saved" not in shown
