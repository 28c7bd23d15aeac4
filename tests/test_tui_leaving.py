"""Quitting or switching account never silently drops unsaved edits or an unsaved key."""

from __future__ import annotations

from tests.tui_harness import make_app, make_session, seeded_store, settle, wait_until
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.confirm import ConfirmModal


async def open_dirty_editor(app, pilot, store) -> ApplicationEditorScreen:
    app_id = next(iter(store.applications))
    editor = ApplicationEditorScreen(app_id)
    await app.push_screen(editor)
    await settle(pilot)
    editor.state.set_value(("name",), "edited but not saved")  # as a field edit would
    assert editor.unsaved_summary is not None
    return editor


async def test_ctrl_q_with_unsaved_edits_asks_and_cancel_keeps_them():
    store = seeded_store(apps=2)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        editor = await open_dirty_editor(app, pilot, store)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.screen is editor and editor.unsaved_summary


async def test_quit_from_the_palette_with_unsaved_edits_asks_and_quit_confirms():
    store = seeded_store(apps=2)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_dirty_editor(app, pilot, store)
        app.run_worker(app.action_quit())
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: not app.is_running)


async def test_quit_is_refused_while_a_key_is_in_flight():
    app = make_app(seeded_store(apps=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with app.holding_unsaved_key():
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app.is_running
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)


async def test_switching_account_with_unsaved_edits_asks_first():
    store = seeded_store(apps=2)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        editor = await open_dirty_editor(app, pilot, store)
        worker = app.run_worker(app.connect(make_session(seeded_store(apps=1))))
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("escape")
        await worker.wait()
        assert worker.result is False
        assert app.screen is editor
