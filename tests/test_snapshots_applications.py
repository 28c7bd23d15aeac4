"""Snapshots of the applications list in each state, at 80×24 and a large terminal (the list
itself at 80×24, 120×40 and 200×50: its columns and page follow the terminal); the file prompt
it opens; and the list as a 16-colour terminal and NO_COLOR show it."""

from __future__ import annotations

import httpx

from tests.tui_harness import (
    HUGE,
    LAYOUT_SIZES,
    SIZES,
    SMALL,
    AsTheTerminalShowsIt,
    at_sizes,
    make_app,
    make_session,
    seeded_store,
    wait_for_screen,
)
from tests.tui_harness import settle as settled
from vonage_tui.emulator import EmulatorStore
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.file_prompt import FilePromptModal


@LAYOUT_SIZES
def test_list(snap_compare, size):
    assert snap_compare(make_app(seeded_store(apps=45)), terminal_size=size, run_before=settled)


@at_sizes(SMALL)
def test_list_50_a_page(snap_compare, size):
    """More rows than fit: the scrollbar comes, the columns stay put, Key stays whole."""
    async def fifty_a_page(pilot):
        await settled(pilot)
        await pilot.press("s")
        await settled(pilot)

    assert snap_compare(make_app(seeded_store(apps=45)), terminal_size=size,
                        run_before=fifty_a_page)


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


@SIZES
def test_file_prompt(snap_compare, size):
    async def export_the_first(pilot):
        await settled(pilot)
        await pilot.press("e")
        await wait_for_screen(pilot, FilePromptModal)

    assert snap_compare(make_app(seeded_store(apps=45)), terminal_size=size,
                        run_before=export_the_first)


@at_sizes(SMALL, HUGE)
def test_list_in_16_colours(snap_compare, size, monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = AsTheTerminalShowsIt(make_session(seeded_store(apps=45)))
    assert app.console.color_system == "standard"  # what Textual writes to an xterm
    assert snap_compare(app, terminal_size=size, run_before=settled)


@at_sizes(SMALL, HUGE)
def test_list_with_no_color(snap_compare, size, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # read when the app is built
    app = make_app(seeded_store(apps=45))
    assert app.no_color
    assert snap_compare(app, terminal_size=size, run_before=settled)
