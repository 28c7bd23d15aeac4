"""Snapshots of the user editor at 80×24 and a large terminal: an entry of each channel kind
(websocket with headers), custom_data as JSON with an invalid edit, a new user, read-only."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from tests.user_editor_harness import EVERY_KIND, open_user_editor, setup
from tests.tui_harness import LARGE, SMALL, settle
from vonage_tui.models import CHANNEL_KINDS

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "large"])
WITH_HEADERS = {**EVERY_KIND, "channels": {
    **EVERY_KIND["channels"],
    "websocket": [{"uri": "wss://media.example.com/socket", "content-type": "audio/l16;rate=8000",
                   "headers": {"customer_id": "ABC123"}}]}}


def on_node(path: tuple, *, readonly: bool = False, new: bool = False):
    app, store, app_id, user_id, _ = setup(readonly=readonly, user=WITH_HEADERS)

    async def run_before(pilot):
        screen = await open_user_editor(pilot, store, app_id, None if new else user_id)
        screen.doc_tree.move_to(path)
        await pilot.pause()
        await settle(pilot)
    return app, run_before


@SIZES
@pytest.mark.parametrize("kind", CHANNEL_KINDS)
def test_user_editor_channel_entry(snap_compare, size, kind):
    app, run_before = on_node(("channels", kind, 0))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_user_editor_invalid_custom_data(snap_compare, size):
    app, store, app_id, user_id, _ = setup(user=WITH_HEADERS)

    async def run_before(pilot):
        screen = await open_user_editor(pilot, store, app_id, user_id)
        screen.doc_tree.move_to(("properties", "custom_data"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        area = pilot.app.focused
        assert isinstance(area, TextArea)
        area.text = '{"team": '
        await settle(pilot)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_user_editor_new_user(snap_compare, size):
    app, run_before = on_node(("channels",), new=True)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_user_editor_readonly(snap_compare, size):
    app, run_before = on_node(("channels", "sip", 0), readonly=True)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
