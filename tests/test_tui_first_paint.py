"""What start-up does before the first rows are on screen: nothing a user can wait for.

The applications list shows its rows as soon as the page arrives; the Key column (a keyring
read that can take longer than the page) fills in after, and the search index starts reading
every page only once the first one is shown.
"""

from __future__ import annotations

import asyncio

import httpx
from textual.widgets import DataTable

from tests.startup_harness import URL, make_real_app
from tests.tui_harness import (
    API_KEY,
    API_SECRET,
    make_app,
    make_session,
    seeded_store,
    settle,
    wait_until,
)
from vonage_tui.credentials.key_vault import MemoryKeyVault
from tests.editor_harness import open_editor
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.widgets.app_header import AppHeader


class SlowVault(MemoryKeyVault):
    """A key store that answers ``stored_ids`` only when the test lets it (a keyring waking)."""

    def __init__(self, keys: dict[str, str]) -> None:
        super().__init__(keys)
        self.answer = asyncio.Event()

    async def stored_ids(self) -> set[str]:
        await self.answer.wait()
        return await super().stored_ids()


def key_marks(app) -> dict[str, str]:
    table = app.screen.query_one("#applications-table", DataTable)
    return {str(app.screen.rows[row.key.value].id): str(table.get_row(row.key)[3])
            for row in table.ordered_rows}


async def test_rows_show_before_the_key_store_answers_then_the_key_column_fills():
    store = seeded_store(apps=3)
    with_key = next(iter(store.applications))
    vault = SlowVault({with_key: "pem"})
    app = make_app(store, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(getattr(app.screen, "rows", None)), "the rows")
        assert set(key_marks(app)) == set(store.applications)
        assert set(key_marks(app).values()) == {""}  # the store has not answered yet
        vault.answer.set()
        await settle(pilot)
        assert key_marks(app)[with_key] == "✓"


class HeldFirstPage(httpx.AsyncBaseTransport):
    """The emulator, with the first list request held until the test lets it go; logs each
    list request's page size."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.release = asyncio.Event()
        self.page_sizes: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v2/applications":
            self.page_sizes.append(request.url.params.get("page_size", ""))
            if len(self.page_sizes) == 1:
                await self.release.wait()
        return await self.inner.handle_async_request(request)


async def test_the_search_index_starts_reading_pages_after_the_first_page_is_shown():
    session = make_session(seeded_store(apps=30))
    held = HeldFirstPage(session.client_options["transport"])
    session.client_options["transport"] = held
    app = VonageApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(held.page_sizes), "the first page request")
        await pilot.pause(0.1)
        assert len(held.page_sizes) == 1  # the index waits: its pages would slow this one
        held.release.set()
        await settle(pilot)
        assert app.screen.rows
        assert held.page_sizes[1:] and app.screen.index.complete


async def test_with_the_key_and_secret_in_the_environment_the_app_starts_connected():
    """No start screen and no flow worker between the start and the first page request."""
    app = make_real_app(environ={"VONAGE_API_KEY": API_KEY, "VONAGE_API_SECRET": API_SECRET,
                                 "VONAGE_API_URL": URL})
    assert app.session is not None and app.session.sources["api_secret"].startswith("env")
    assert app.startup is not None and app.startup.store is None  # no keyring opened
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ApplicationsScreen)
        await settle(pilot)
        assert len(app.screen.rows) == 3
        assert app.screen.query_one(AppHeader).render().plain.strip().endswith("env @ 127.0.0.1")


async def test_an_unexpected_error_before_the_app_runs_is_shown_by_the_flow_not_raised(monkeypatch):
    """The direct start must not bypass the flow's last line of defence (``_safely``)."""
    from vonage_tui.credentials.profiles import ProfileStore
    from vonage_tui.tui.screens.confirm import ConfirmModal

    def broken(self):
        raise RuntimeError("the profiles file reader broke")

    monkeypatch.setattr(ProfileStore, "load", broken)
    app = make_real_app(environ={"VONAGE_API_KEY": API_KEY, "VONAGE_API_SECRET": API_SECRET,
                                 "VONAGE_API_URL": URL})
    assert app.session is None
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the trouble")
        assert app.screen.title_text == "Could not open the credentials"


def stylesheet_files(app: VonageApp) -> list[str]:
    """The stylesheet files read, in the order their rules apply (a later one wins a tie)."""
    return [path.rsplit("/", 1)[-1] for path, _ in app.stylesheet.source
            if path.endswith(".tcss")]


async def test_the_list_paints_with_app_tcss_and_the_other_stylesheets_come_with_another_screen():
    """Parsing the editor's, the forms' and the credentials' stylesheets waits until a screen
    that uses them opens; then their rules apply as if they had been read at the start."""
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(getattr(app.screen, "rows", None)), "the rows")
        assert stylesheet_files(app) == ["app.tcss"]
        editor = await open_editor(pilot, next(iter(store.applications)))
        assert stylesheet_files(app) == ["app.tcss", "create.tcss", "credentials.tcss",
                                         "editor.tcss"]
        tree = editor.query_one("#editor-tree")
        assert tree.styles.min_width is not None and tree.styles.min_width.value == 30
        assert tree.styles.scrollbar_size_vertical == 1  # editor.tcss's, not Textual's 2


async def test_the_later_stylesheets_are_parsed_without_parsing_app_tcss_again(monkeypatch):
    """Reading the later stylesheets parses them alone: parsing every source again (app.tcss,
    each widget's own CSS) stalled the opening of the editor."""
    from textual.css import stylesheet as textual_stylesheet

    parsed: list[str] = []
    parse = textual_stylesheet.parse

    def recording(scope, css, read_from, *args, **kwargs):
        parsed.append(str(read_from[0]).rsplit("/", 1)[-1])
        return parse(scope, css, read_from, *args, **kwargs)

    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(getattr(app.screen, "rows", None)), "the rows")
        monkeypatch.setattr(textual_stylesheet, "parse", recording)
        await open_editor(pilot, next(iter(store.applications)))
        assert "editor.tcss" in parsed
        assert "app.tcss" not in parsed
