"""Snapshots of the create form, the key capture screen and the delete modal at two sizes."""

from __future__ import annotations


from tests.tui_harness import SIZES, make_app, seeded_store, settle
from vonage_tui.tui.screens.base import VonageScreen
from vonage_tui.tui.screens.create_application import CreateApplicationScreen
from vonage_tui.tui.screens.delete_application import DeleteApplicationModal
from vonage_tui.tui.screens.key_capture import KeyCaptureScreen
from vonage_tui.tui.widgets.app_header import AppHeader

FIXED_ID = "5f8a3c2e-0000-4000-8000-00000000c0de"
FAKE_PEM = "-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----\n"


class Backdrop(VonageScreen):
    """A still screen behind the modals, so these snapshots don't change with the home list."""

    crumb = ""  # the home screen below already names itself

    def compose(self):
        yield AppHeader()


def app():
    return make_app(seeded_store(apps=1))


async def pushed(pilot, screen, backdrop: bool = True) -> None:
    await settle(pilot)
    if backdrop:
        await pilot.app.push_screen(Backdrop())
    await pilot.app.push_screen(screen)
    await pilot.pause()


@SIZES
def test_create_form_empty(snap_compare, size):
    async def run_before(pilot):
        await pushed(pilot, CreateApplicationScreen())

    assert snap_compare(app(), terminal_size=size, run_before=run_before)


@SIZES
def test_create_form_with_validation_errors(snap_compare, size):
    async def run_before(pilot):
        await pushed(pilot, CreateApplicationScreen())
        await pilot.press("tab", "space", "ctrl+s")  # voice chosen, no name, no base URL
        # The list behind the form loads in the screen's workers, a create in the app's: both
        # must be done before the picture is taken.
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.screen.query_one("#create-form").scroll_home(animate=False)
        await pilot.pause()

    assert snap_compare(app(), terminal_size=size, run_before=run_before)


@SIZES
def test_key_capture_screen(snap_compare, size):
    async def run_before(pilot):
        await pushed(pilot, KeyCaptureScreen(FIXED_ID, FAKE_PEM, "the collection is locked",
                                             app_name="Support line"))

    assert snap_compare(app(), terminal_size=size, run_before=run_before)


@SIZES
def test_delete_modal(snap_compare, size):
    async def run_before(pilot):
        await pushed(pilot, DeleteApplicationModal(FIXED_ID, "Support line"))
        await pilot.press(*"Support")

    assert snap_compare(app(), terminal_size=size, run_before=run_before)
