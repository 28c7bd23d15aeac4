"""The applications list: paging, page size, filter across all pages, empty and error states."""

from __future__ import annotations

import httpx
from textual.widgets import DataTable, Static

from tests.tui_harness import make_app, make_session, seeded_store, settle
from vonage_tui.emulator import EmulatorStore
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.credentials.key_vault import MemoryKeyVault


def status_text(app: VonageApp) -> str:
    return str(app.screen.query_one("#page-status", Static).render())


def row_ids(app: VonageApp) -> list[str]:
    table = app.screen.query_one("#applications-table", DataTable)
    return [str(app.screen.rows[row.key.value].id) for row in table.ordered_rows]


def row_names(app: VonageApp) -> list[str]:
    table = app.screen.query_one("#applications-table", DataTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def test_first_page_shows_rows_and_counts():
    store = seeded_store(apps=30)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ApplicationsScreen)
        assert status_text(app) == "page 1 of 2 · 30 applications · 20 per page"
        assert len(row_names(app)) == 20


async def test_paging_keys_walk_the_pages_and_stop_at_the_ends():
    app = make_app(seeded_store(apps=45))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = row_ids(app)
        await pilot.press("n")
        await settle(pilot)
        assert status_text(app).startswith("page 2 of 3")
        assert set(row_ids(app)).isdisjoint(first)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert status_text(app).startswith("page 3 of 3")
        assert len(row_ids(app)) == 5  # the partial last page
        await pilot.press("right_square_bracket")  # past the end: stays
        await settle(pilot)
        assert status_text(app).startswith("page 3 of 3")
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert row_ids(app) == first
        await pilot.press("p")
        await settle(pilot)
        assert status_text(app).startswith("page 1 of 3")


async def test_page_size_cycles_and_keeps_position():
    app = make_app(seeded_store(apps=45))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # page 2 of 20-per-page: items 21..40
        await settle(pilot)
        await pilot.press("s")  # 50 per page: item 21 is on page 1
        await settle(pilot)
        assert status_text(app) == "page 1 of 1 · 45 applications · 50 per page"
        assert len(row_names(app)) == 45


async def test_filter_searches_every_page_not_just_the_one_shown():
    store = seeded_store(apps=45)
    last_name = sorted(str(doc["name"]) for doc in store.applications.values())[-1]
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*last_name)
        await settle(pilot)
        assert last_name in row_names(app)
        assert "among all 45 applications" in status_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert status_text(app).startswith("page 1 of 3")


async def test_filter_by_capability_and_by_id():
    store = seeded_store(apps=30)
    with_video = {app_id for app_id, doc in store.applications.items()
                  if "video" in doc.get("capabilities", {}) or "video" in doc["name"].lower()}
    assert any("video" not in doc["name"].lower() for doc in store.applications.values()
               if "video" in doc.get("capabilities", {}))
    some_id = next(iter(store.applications))
    app = make_app(store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"video")
        await settle(pilot)
        assert set(row_ids(app)) == with_video
        await pilot.press(*(["backspace"] * 5), *some_id[:13])
        await settle(pilot)
        assert row_ids(app) == [some_id]


async def test_markup_in_names_is_shown_literally():
    store = EmulatorStore()
    store.add_application({"name": "[b]x[/b] [red]y", "capabilities": {"vbc": {}}})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert row_names(app) == ["[b]x[/b] [red]y"]


async def test_empty_account_says_so():
    app = make_app(EmulatorStore())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert status_text(app) == "no applications · 20 per page"
        empty = app.screen.query_one("#applications-empty", Static)
        assert empty.display and "No applications" in str(empty.render())


async def test_network_failure_shows_an_error_and_retry_recovers():
    store = seeded_store(apps=5)
    session = make_session(store)
    working = session.client_options["transport"]
    failing = {"on": True}

    class FlakyTransport(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            if failing["on"]:
                raise httpx.ConnectError("connection refused", request=request)
            return await working.handle_async_request(request)

    session.client_options["transport"] = FlakyTransport()
    session.client_options["max_retries"] = 0
    app = VonageApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "press r to retry" in status_text(app)
        failing["on"] = False
        await pilot.press("r")
        await settle(pilot)
        assert status_text(app).startswith("page 1 of 1 · 5 applications")


async def test_key_column_marks_applications_with_a_stored_private_key():
    store = seeded_store(apps=3)
    with_key = next(iter(store.applications))
    app = make_app(store, vault=MemoryKeyVault({with_key: "pem"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#applications-table", DataTable)
        marks = {str(app.screen.rows[row.key.value].id): str(table.get_row(row.key)[3])
                 for row in table.ordered_rows}
        assert marks[with_key] == "✓"
        assert [mark for app_id, mark in marks.items() if app_id != with_key] == ["", ""]


async def test_copy_id_puts_the_full_id_on_the_clipboard():
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard in store.applications


async def test_enter_opens_the_editor_on_the_selected_application():
    from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen

    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationEditorScreen)
        assert app.screen.app_id == row_ids_of(store)[1]


def row_ids_of(store) -> list[str]:
    """The emulator's order for page 1, which the list shows as is."""
    return list(store.applications)


async def test_list_keys_open_create_and_delete():
    from vonage_tui.tui.screens.create_application import CreateApplicationScreen
    from vonage_tui.tui.screens.delete_application import DeleteApplicationModal

    app = make_app(seeded_store(apps=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DeleteApplicationModal)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CreateApplicationScreen)


async def test_readonly_removes_mutating_keys():
    app = make_app(seeded_store(apps=3), readonly=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        for key in ("c", "d", "ctrl+r", "a", "C"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
        shown = {binding.action for (_, binding, enabled, _) in app.active_bindings.values()
                 if enabled}
        assert shown.isdisjoint(ApplicationsScreen.MUTATING_ACTIONS)


async def test_quit_is_refused_while_a_private_key_is_unsaved():
    from vonage_tui.tui.screens.key_capture import KeyCaptureScreen
    from vonage_tui.keys import generate_key_pair

    app = make_app(seeded_store(apps=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(KeyCaptureScreen("some-id", generate_key_pair().private_pem, "test"))
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, KeyCaptureScreen)


async def test_header_names_profile_host_and_region():
    from vonage_tui.tui.widgets.app_header import AppHeader

    session = make_session(seeded_store(apps=2))
    session.client_options["base_url"] = "https://api-eu-3.vonage.com"
    app = VonageApp(session)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        header = str(app.screen.query_one(AppHeader).render())
        assert "test @ api-eu-3.vonage.com eu-west" in header
        assert "Applications" in header
