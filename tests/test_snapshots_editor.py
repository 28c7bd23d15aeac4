"""Snapshots of the application editor: each capability, an invalid field, the diff preview,
the save conflict, the capability picker, markup-like keys shown as text, a server value
outside the documented limits; the voice capability's fields down to the region's six values
at 80×24, 120×40 and 200×50 (and in 16 colours and NO_COLOR)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.editor_harness import (
    ANSWER,
    MARKUP_APP,
    OUT_OF_LIMITS_APP,
    focus_field,
    kitchen_sink,
    open_editor,
    retype,
    row,
    save_through_preview,
    store_with,
)
from tests.tui_harness import (
    LARGE,
    LAYOUT_SIZES,
    SIZES,
    SMALL,
    AsTheTerminalShowsIt,
    at_sizes,
    make_app,
    make_session,
    seeded_store,
    size_id,
    wait_for_screen,
)
from vonage_tui.models import CAPABILITY_NAMES
from vonage_tui.tui.screens.application_editor_modals import CapabilityPicker, ConflictModal
from vonage_tui.tui.screens.diff_preview import DiffPreview

# Where the cursor goes for each capability: a node that shows its fields.
CAPABILITY_VIEWS: dict[str, tuple] = {
    "voice": ANSWER,
    "messages": ("capabilities", "messages"),
    "rtc": ("capabilities", "rtc", "webhooks", "event_url"),
    "vbc": ("capabilities", "vbc"),
    "network_apis": ("capabilities", "network_apis"),
    "meetings": ("capabilities", "meetings", "webhooks", "room_changed"),
    "verify": ("capabilities", "verify"),
    "video": ("capabilities", "video", "storage"),
}


def editor_app() -> tuple[Any, str]:
    store = seeded_store(apps=2, users_per_app=0)
    return make_app(store), kitchen_sink(store)


def showing(app_id: str, path: tuple) -> Any:
    async def run_before(pilot: Any) -> None:
        screen = await open_editor(pilot, app_id)
        screen.doc_tree.move_to(path)
        node = screen.doc_tree.cursor_node
        if node is not None:
            node.expand()
        # take_svg_screenshot pauses before the shot: no pause of our own.

    return run_before


def with_invalid_field(app_id: str) -> Any:
    async def run_before(pilot: Any) -> None:
        screen = await open_editor(pilot, app_id)
        screen.doc_tree.move_to((*ANSWER, "connect_timeout"))
        await pilot.pause()
        await pilot.press("enter")
        await retype(pilot, "200")

    return run_before


def with_diff_preview(app_id: str) -> Any:
    async def run_before(pilot: Any) -> None:
        screen = await open_editor(pilot, app_id)
        screen.doc_tree.move_to(("capabilities", "voice", "conversations_ttl"))
        await pilot.pause()
        await pilot.press("enter")
        await retype(pilot, "96")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, DiffPreview)

    return run_before


assert set(CAPABILITY_VIEWS) == set(CAPABILITY_NAMES)


# Every capability at 80×24; the one with the most fields (video) at the large size too.
CAPABILITY_SHOTS = [*[(name, SMALL) for name in CAPABILITY_VIEWS], ("video", LARGE)]


@pytest.mark.parametrize(("capability", "size"), CAPABILITY_SHOTS,
                         ids=[f"{name}-{size_id(size)}" for name, size in CAPABILITY_SHOTS])
def test_capability(snap_compare: Any, capability: str, size: tuple[int, int]) -> None:
    app, app_id = editor_app()
    assert snap_compare(app, terminal_size=size,
                        run_before=showing(app_id, CAPABILITY_VIEWS[capability]))


REGION = ("capabilities", "voice", "region")


def showing_the_region(app_id: str) -> Any:
    """The voice capability's fields, scrolled down to the region: its hint lists six values."""
    async def run_before(pilot: Any) -> None:
        screen = await open_editor(pilot, app_id)
        screen.doc_tree.move_to(("capabilities", "voice"))
        await pilot.pause()
        row(screen, REGION).scroll_visible(animate=False)

    return run_before


@LAYOUT_SIZES
def test_voice_region_hint(snap_compare: Any, size: tuple[int, int]) -> None:
    app, app_id = editor_app()
    assert snap_compare(app, terminal_size=size, run_before=showing_the_region(app_id))


@at_sizes(SMALL)
def test_voice_region_hint_in_16_colours(snap_compare: Any, size: tuple[int, int],
                                         monkeypatch: Any) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    app = AsTheTerminalShowsIt(make_session(store))
    assert app.console.color_system == "standard"
    assert snap_compare(app, terminal_size=size, run_before=showing_the_region(app_id))


@at_sizes(SMALL)
def test_voice_region_hint_with_no_color(snap_compare: Any, size: tuple[int, int],
                                         monkeypatch: Any) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app, app_id = editor_app()
    assert app.no_color
    assert snap_compare(app, terminal_size=size, run_before=showing_the_region(app_id))


@SIZES
def test_invalid_field(snap_compare: Any, size: tuple[int, int]) -> None:
    app, app_id = editor_app()
    assert snap_compare(app, terminal_size=size, run_before=with_invalid_field(app_id))


@SIZES
def test_diff_preview(snap_compare: Any, size: tuple[int, int]) -> None:
    app, app_id = editor_app()
    assert snap_compare(app, terminal_size=size, run_before=with_diff_preview(app_id))


@at_sizes(SMALL)
def test_markup_keys_as_text(snap_compare: Any, size: tuple[int, int]) -> None:
    store, (app_id,) = store_with(MARKUP_APP)
    assert snap_compare(make_app(store), terminal_size=size,
                        run_before=showing(app_id, ("capabilities", "voice", "[red]")))


@pytest.mark.usefixtures("lenient_server")
@at_sizes(SMALL)
def test_server_value_outside_the_limits(snap_compare: Any, size: tuple[int, int]) -> None:
    store, (app_id,) = store_with(OUT_OF_LIMITS_APP)
    assert snap_compare(make_app(store), terminal_size=size,
                        run_before=showing(app_id, ("capabilities", "voice", "conversations_ttl")))


@SIZES
def test_save_conflict(snap_compare: Any, size: tuple[int, int]) -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)

    async def run_before(pilot: Any) -> None:
        screen = await open_editor(pilot, app_id)
        await focus_field(pilot, screen, ("capabilities", "voice", "conversations_ttl"))
        await retype(pilot, "96")
        store.applications[app_id]["name"] = "Renamed elsewhere"  # behind the editor's back
        await save_through_preview(pilot)
        await wait_for_screen(pilot, ConflictModal)

    assert snap_compare(make_app(store), terminal_size=size, run_before=run_before)


@SIZES
def test_capability_picker(snap_compare: Any, size: tuple[int, int]) -> None:
    store, (app_id,) = store_with({"name": "Voice only", "capabilities": {"voice": {
        "webhooks": {"answer_url": {"address": "https://keep.example/answer",
                                    "http_method": "GET"},
                     "event_url": {"address": "https://keep.example/event",
                                   "http_method": "POST"}}}}})

    async def run_before(pilot: Any) -> None:
        screen = await open_editor(pilot, app_id)
        screen.doc_tree.move_to(("capabilities",))
        await pilot.pause()
        await pilot.press("a")
        await wait_for_screen(pilot, CapabilityPicker)

    assert snap_compare(make_app(store), terminal_size=size, run_before=run_before)
