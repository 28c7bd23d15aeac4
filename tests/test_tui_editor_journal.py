"""Unsaved edits survive the end of a session: journaled as made, offered back with their diff."""

from __future__ import annotations

from typing import Any

from tests.editor_harness import (
    VOICE,
    focus_field,
    kitchen_sink,
    label,
    open_editor,
    retype,
    save_through_preview,
)
from tests.tui_harness import SMALL, make_app, seeded_store, settle, wait_for_screen, wait_until
from vonage_tui.tui.editing.journal import EditJournal, JournalKey
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.application_editor_modals import ConflictModal
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.restore_edits import RestoreEdits

TTL = (*VOICE, "conversations_ttl")


def journal_key(app_id: str) -> JournalKey:
    return JournalKey("test", "application", app_id)  # make_app's profile is "test"


def journaled(app_id: str) -> Any:
    return EditJournal().read(journal_key(app_id)).entry


async def edit_ttl(pilot: Any, screen: ApplicationEditorScreen, text: str) -> None:
    await focus_field(pilot, screen, TTL)
    await retype(pilot, text)


async def reopen(pilot: Any, app_id: str) -> tuple[ApplicationEditorScreen, RestoreEdits]:
    """Open the editor when a journal is waiting: the offer comes up over it."""
    await settle(pilot)
    screen = ApplicationEditorScreen(app_id)
    pilot.app.push_screen(screen)
    dialog = await wait_for_screen(pilot, RestoreEdits)
    return screen, dialog


async def test_each_edit_is_journaled_as_made_with_typed_text_and_no_private_key() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        assert journaled(app_id) is None  # opening is no edit
        await edit_ttl(pilot, screen, "100")
        entry = journaled(app_id)
        assert entry.working["capabilities"]["voice"]["conversations_ttl"] == 100
        assert entry.base == screen.state.base
        await retype(pilot, "99999")  # invalid: journaled as typed text, with its reason
        entry = journaled(app_id)
        assert entry.typed[TTL][0] == "99999" and "9000" in entry.typed[TTL][1]
        assert "private_key" not in EditJournal().path(journal_key(app_id)).read_text()
        await retype(pilot, str(store.applications[app_id]["capabilities"]["voice"]
                                 ["conversations_ttl"]))
        assert journaled(app_id) is None  # back to the server's value: nothing to keep


async def test_a_new_session_offers_the_edits_back_and_restore_brings_them_back() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await edit_ttl(pilot, screen, "100")
        # The session ends with no goodbye (a dropped SSH link): nothing asks, nothing is saved.
    assert journaled(app_id) is not None

    async with make_app(store).run_test(size=SMALL) as pilot:
        screen, dialog = await reopen(pilot, app_id)
        assert [(c.name, c.new) for c in dialog.changes] == [
            ("capabilities.voice.conversations_ttl", 100)]
        assert "changed on the server" not in dialog.note
        assert pilot.app.focused.id == "confirm"  # enter restores
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.state is not None and screen.state.dirty, "restore")
        await settle(pilot)
        assert screen.state.working["capabilities"]["voice"]["conversations_ttl"] == 100
        assert label(screen, TTL).startswith("conversations_ttl 100") and label(screen, TTL)[-1] == "•"
        assert "restored" in screen.status_note
        # Saved: the journal goes.
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: not screen.state.dirty, "save")
        await settle(pilot)
        assert store.applications[app_id]["capabilities"]["voice"]["conversations_ttl"] == 100
        assert journaled(app_id) is None


async def test_discard_in_the_offer_drops_the_journal_and_shows_the_server_version() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    ttl = store.applications[app_id]["capabilities"]["voice"]["conversations_ttl"]
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await edit_ttl(pilot, screen, "100")
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen, _dialog = await reopen(pilot, app_id)
        await pilot.click("#cancel")  # "Discard"
        await settle(pilot)
        assert journaled(app_id) is None
        assert not screen.state.dirty
        assert screen.state.working["capabilities"]["voice"]["conversations_ttl"] == ttl


async def test_a_server_change_since_is_said_and_the_save_then_asks() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await edit_ttl(pilot, screen, "100")
    store.applications[app_id]["name"] = "Renamed elsewhere"
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen, dialog = await reopen(pilot, app_id)
        assert "changed on the server since (name)" in dialog.note
        await pilot.press("escape")  # esc restores: the choice that loses nothing
        await wait_until(pilot, lambda: screen.state is not None and screen.state.dirty, "restore")
        await settle(pilot)
        await save_through_preview(pilot)
        conflict = await wait_for_screen(pilot, ConflictModal)
        assert [c.name for c in conflict.remote_changes] == ["name"]


async def test_leaving_with_discard_drops_the_journal_and_readonly_never_touches_it() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await edit_ttl(pilot, screen, "100")
    async with make_app(store, readonly=True).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)  # no offer: nothing could be saved here
        assert not isinstance(pilot.app.screen, RestoreEdits)
        assert journaled(app_id) is not None
    async with make_app(store).run_test(size=SMALL) as pilot:
        screen, _dialog = await reopen(pilot, app_id)
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.state is not None and screen.state.dirty, "restore")
        await settle(pilot)
        screen.doc_tree.focus()
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.click("#confirm")
        await wait_for_screen(pilot, ApplicationsScreen)
        assert journaled(app_id) is None


async def test_quitting_and_saying_discard_drops_the_journal() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await edit_ttl(pilot, screen, "100")
        assert journaled(app_id) is not None
        screen.doc_tree.focus()
        await pilot.press("q")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: not app.is_running, "exit")
    assert journaled(app_id) is None
