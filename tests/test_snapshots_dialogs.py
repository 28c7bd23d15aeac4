"""Snapshots of the dialogs' own footers and shortcuts (issue 10), at 80×24 and a large
terminal: the yes/no question, and a dialog with notifications on show (they go top-right,
never on the buttons)."""

from __future__ import annotations

from tests.tui_harness import SIZES, make_app, seeded_store, settle, wait_for_screen
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.delete_application import DeleteApplicationModal


def app():
    return make_app(seeded_store(apps=45))


@SIZES
def test_confirm_dialog(snap_compare, size):
    async def ask(pilot):
        await settle(pilot)
        await pilot.app.push_screen(ConfirmModal(
            "Quit and discard your changes?", "Unsaved: the application Stark IVR.",
            confirm_label="Quit", cancel_label="Keep editing", danger=True))
        await pilot.pause()

    assert snap_compare(app(), terminal_size=size, run_before=ask)


@SIZES
def test_notifications_over_a_dialog(snap_compare, size):
    async def notify_while_deleting(pilot):
        await settle(pilot)
        await pilot.press("d")
        await wait_for_screen(pilot, DeleteApplicationModal)
        for number in (1, 2, 3):
            pilot.app.notify(f"Background notice {number}: something happened meanwhile.",
                             title="Notice", timeout=600)
        await pilot.pause()

    assert snap_compare(app(), terminal_size=size, run_before=notify_while_deleting)
