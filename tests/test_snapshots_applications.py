"""Snapshots of the applications list in each state, at 80×24 and a large terminal."""

from __future__ import annotations

import httpx

from tests.tui_harness import SIZES, make_app, make_session, seeded_store
from tests.tui_harness import settle as settled
from vonage_tui.emulator import EmulatorStore
from vonage_tui.tui.app import VonageApp


@SIZES
def test_list(snap_compare, size):
    assert snap_compare(make_app(seeded_store(apps=45)), terminal_size=size, run_before=settled)


@SIZES
def test_list_filtered(snap_compare, size):
    async def filter_voice(pilot):
        await settled(pilot)
        await pilot.press("slash", *"voice")
        await settled(pilot)

    assert snap_compare(make_app(seeded_store(apps=45)), terminal_size=size,
                        run_before=filter_voice)


@SIZES
def test_list_empty(snap_compare, size):
    assert snap_compare(make_app(EmulatorStore()), terminal_size=size, run_before=settled)


@SIZES
def test_list_unreachable(snap_compare, size):
    session = make_session(EmulatorStore())

    class Unreachable(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            raise httpx.ConnectError("connection refused", request=request)

    session.client_options.update(transport=Unreachable(), max_retries=0)

    async def wait_without_toast(pilot):
        await settled(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(VonageApp(session), terminal_size=size, run_before=wait_without_toast)


@SIZES
def test_help(snap_compare, size):
    async def open_help(pilot):
        await settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(seeded_store(apps=45)), terminal_size=size, run_before=open_help)
