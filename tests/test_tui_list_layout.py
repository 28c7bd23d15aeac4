"""The lists and the editor at every terminal size (issue 10, layout): columns fill the table's
width and never scroll sideways, the Key column and its header stay whole, the default page
size is the rows that fit and follows a resize, a chosen one stays, status lines are one line,
and the editor's hints wrap instead of being cut."""

from __future__ import annotations


import httpx
import pytest
from textual.widgets import DataTable, Static

from tests.editor_harness import kitchen_sink, open_editor
from tests.tui_harness import (
    HUGE,
    MEDIUM,
    SMALL,
    crowded_store,
    make_app,
    make_session,
    open_users,
    screen_lines,
    seeded_store,
    settle,
    wait_until,
    with_keys,
)
from vonage_tui.models.limits import REGIONS
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.list_layout import (
    CELL_PADDING,
    application_columns,
    next_page_size,
    rows_in_view,
    user_columns,
)
from vonage_tui.tui.widgets.field_limits import hint_parts, pack_lines


def table_of(app: VonageApp) -> DataTable:
    return app.screen.query_one(DataTable)


def assert_fits(table: DataTable) -> None:
    """The columns add up to no more than the table's room: nothing to scroll sideways to."""
    used = sum(column.width + 2 * CELL_PADDING for column in table.columns.values())
    assert used <= table.size.width - table.styles.scrollbar_size_vertical
    assert not table.show_horizontal_scrollbar
    assert table.virtual_size.width <= table.scrollable_content_region.width


def header_line(app: VonageApp, first: str) -> str:
    return next(line for line in screen_lines(app) if line.lstrip().startswith(first))


def status_of(app: VonageApp, selector: str = "#page-status") -> str:
    return str(app.screen.query_one(selector, Static).render())


# -- pure arithmetic -------------------------------------------------------------------------

@pytest.mark.parametrize("room", [30, 70, 110, 190, 400])
@pytest.mark.parametrize("capabilities", [0, 12, 20, 36, 60])
def test_application_columns_fill_the_room_exactly(room, capabilities):
    widths = application_columns(room, capabilities)
    assert widths["key"] == 3
    assert sum(widths.values()) == room or widths["name"] == 1  # only a tiny table overflows


def test_the_name_takes_the_spare_room_and_full_ids_come_when_they_fit():
    small, huge = application_columns(70, 36), application_columns(190, 36)
    assert small["name"] >= 24 and small["id"] == 9
    assert huge["id"] == 36 and huge["capabilities"] == 36
    assert huge["name"] == 190 - 3 - 36 - 36


def test_user_columns_fill_the_room():
    for room in (70, 110, 190):
        assert sum(user_columns(room).values()) == room
    assert user_columns(190)["id"] == 40 and user_columns(70)["id"] == 14


def test_s_cycles_through_the_presets_and_the_fitted_size():
    presets = (10, 20, 50, 100)
    assert [next_page_size(size, presets, 46) for size in (10, 20, 46, 50, 100)] == \
        [20, 46, 50, 100, 10]
    assert next_page_size(20, presets, 20) == 50


def test_rows_in_view_leave_out_the_status_and_header_or_the_chrome_before_layout():
    # Both lists measure their page through this one rule.
    assert rows_in_view(20, 1, 1, 24) == 18
    assert rows_in_view(20, 2, 1, 24) == 17  # a status line that wraps takes a row
    assert rows_in_view(0, 1, 1, 24) == 20  # not laid out yet: the terminal less 4 lines


def test_hints_break_between_parts_only():
    parts = hint_parts("1–31 days · default 2")
    assert parts == ["1–31 days ·", "default 2"]
    assert pack_lines(parts, 12) == ["1–31 days ·", "default 2"]
    regions = pack_lines(hint_parts(" | ".join(REGIONS)), 20)
    assert " ".join(regions) == " | ".join(REGIONS)
    assert all(len(line) <= 20 for line in regions)


# -- the applications list ---------------------------------------------------------------------

async def test_key_header_whole_at_80_columns_and_50_a_page():
    app = make_app(seeded_store(apps=60))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("s")  # 20 (the rows that fit) → 50: a vertical scrollbar comes
        await settle(pilot)
        assert "50 per page" in status_of(app)
        table = table_of(app)
        assert table.row_count == 50
        assert header_line(app, "Name").endswith("Key")
        assert_fits(table)


@pytest.mark.parametrize("size", [SMALL, MEDIUM, HUGE], ids=["80x24", "120x40", "200x50"])
async def test_no_horizontal_scrollbar_and_key_column_while_filtering(size):
    app = make_app(seeded_store(apps=60))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert_fits(table_of(app))
        await pilot.press("slash", *"voice")
        await settle(pilot)
        assert "key" in table_of(app).columns
        assert header_line(app, "Name").endswith("Key")
        assert_fits(table_of(app))


async def test_the_name_column_grows_with_the_width_and_ids_show_whole():
    widths = {}
    for size in (SMALL, HUGE):
        app = make_app(seeded_store(apps=30))
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            table = table_of(app)
            widths[size] = table.columns["name"].width
            first = next(iter(app.screen.rows.values()))
            shown_id = str(table.get_cell_at((0, 1)))
            if size == HUGE:
                assert shown_id == first.id  # whole
    assert widths[HUGE] > widths[SMALL] + 60


async def test_the_default_page_size_is_the_rows_that_fit():
    app = make_app(seeded_store(apps=120))
    async with app.run_test(size=HUGE) as pilot:
        await settle(pilot)
        table = table_of(app)
        visible = table.scrollable_content_region.height - table.header_height
        assert visible == 50 - 4  # header, status, the table's header, footer
        assert table.row_count == visible
        assert "46 per page" in status_of(app)
        assert table.max_scroll_y == 0  # no blank lines below, nothing hidden


async def test_resize_refits_the_default_page_keeping_the_cursor_application():
    app = make_app(seeded_store(apps=120))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("n")  # page 2 of 20: applications 21–40
        await settle(pilot)
        for _ in range(5):
            await pilot.press("j")
        chosen = app.screen.selected_row()
        await pilot.resize_terminal(*HUGE)
        await wait_until(pilot, lambda: "46 per page" in status_of(app))
        await settle(pilot)
        assert app.screen.selected_row().id == chosen.id  # application 26: on page 1 of 46
        assert status_of(app).startswith("page 1 of 3")


async def test_a_chosen_page_size_stays_on_resize():
    app = make_app(seeded_store(apps=120))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "50 per page" in status_of(app)
        await pilot.resize_terminal(*HUGE)
        await pilot.pause()
        await settle(pilot)
        assert "50 per page" in status_of(app)
        assert_fits(table_of(app))
        assert table_of(app).columns["name"].width > 60  # the columns still follow


async def test_an_error_status_is_one_line_saying_what_and_retry_first():
    session = make_session(seeded_store(apps=3))

    class Unreachable(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            raise httpx.ConnectError("connection refused by the host at the far end of a "
                                     "long and winding road", request=request)

    session.client_options.update(transport=Unreachable(), max_retries=0)
    app = VonageApp(session)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        status = app.screen.query_one("#page-status")
        assert status.size.height == 1
        line = screen_lines(app)[status.region.y]
        assert line.startswith(" ⚠ Could not load applications · press r to retry")
        assert line.endswith("…")  # shortened visibly, not cut


# -- the users list ----------------------------------------------------------------------------

async def test_users_fill_a_large_terminal_and_refit_on_resize():
    app = make_app(store := crowded_store(), vault=with_keys(store))
    async with app.run_test(size=HUGE) as pilot:
        screen = await open_users(pilot)
        table = table_of(app)
        assert table.row_count == 46 and screen.pages.page_size == 46
        assert_fits(table)
        wide_name = table.columns["name"].width
        await pilot.resize_terminal(*SMALL)
        await wait_until(pilot, lambda: screen.pages.page_size == 20)
        await settle(pilot)
        assert table.row_count == 20
        assert table.columns["name"].width < wide_name
        assert_fits(table)
        assert header_line(app, "Name").endswith("Channels")


async def test_a_chosen_users_page_size_stays_on_resize():
    app = make_app(store := crowded_store(), vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        await pilot.press("s")  # 20 → 50
        await settle(pilot)
        assert screen.pages.page_size == 50
        await pilot.resize_terminal(*HUGE)
        await pilot.pause()
        await settle(pilot)
        assert screen.pages.page_size == 50 and table_of(app).row_count == 50


# -- the editor --------------------------------------------------------------------------------

async def test_every_region_can_be_read_at_80_columns():
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    app = make_app(store)
    async with app.run_test(size=(80, 60)) as pilot:  # 80 wide, tall enough for the region row
        await settle(pilot)
        screen = await open_editor(pilot, app_id)
        screen.doc_tree.move_to(("capabilities", "voice"))
        await pilot.pause()
        await pilot.pause()
        shown = " ".join(line.split("▕", 1)[-1] for line in screen_lines(app))
        assert all(region in shown for region in REGIONS)
