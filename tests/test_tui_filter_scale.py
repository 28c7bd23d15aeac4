"""The `/` filter over many applications: a bounded number of rows, the count of all matches,
no rebuild while the index fills behind an unchanged view, and an index that survives a page
that failed for a while (issue 11)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from textual.widgets import DataTable, Static

from tests.tui_harness import make_app, seeded_store, settle, wait_until
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.models import ApplicationSummary
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.applications import MAX_FILTER_ROWS, ApplicationsScreen
from vonage_tui.tui.search_index import ApplicationIndex
from vonage_tui.tui.session import Session


def status_text(app: VonageApp) -> str:
    return str(app.screen.query_one("#page-status", Static).render())


def table_of(app: VonageApp) -> DataTable[Any]:
    return app.screen.query_one("#applications-table", DataTable)


async def test_the_filter_shows_a_bounded_number_of_rows_and_says_how_many_match():
    total = MAX_FILTER_ROWS + 30
    app = make_app(seeded_store(apps=total, users_per_app=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert table_of(app).row_count == MAX_FILTER_ROWS
        assert status_text(app).startswith(f"showing {MAX_FILTER_ROWS} of {total} matches")
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen)
        # The rows shown are the first by name of all the matches.
        everything = screen.index.search("")
        assert list(screen.rows.values()) == everything[:MAX_FILTER_ROWS]


async def test_the_index_filling_in_leaves_unchanged_rows_and_the_cursor_alone():
    total = MAX_FILTER_ROWS + 10
    app = make_app(seeded_store(apps=total, users_per_app=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("enter", "down", "down", "down")
        await settle(pilot)
        assert table_of(app).cursor_row == 3
        # More applications arrive whose names sort after every row shown (they are past the
        # first MAX_FILTER_ROWS): the counts change, the rows (and where the cursor is) do not.
        last = max(str(a.name).casefold() for a in screen.index.search(""))
        screen.index.add([ApplicationSummary.from_document({"id": f"late-{n}",
                                                            "name": f"{last} later {n}"})
                          for n in range(5)])
        screen.index_progressed()
        await pilot.pause()
        assert table_of(app).cursor_row == 3
        assert f"of {total + 5} matches" in status_text(app)
        # A new first row by name does rebuild them.
        screen.index.add([ApplicationSummary.from_document({"id": "first", "name": "  aaa"})])
        screen.index_progressed()
        await pilot.pause()
        assert str(table_of(app).get_row_at(0)[0]) == "  aaa"


def flaky_pages(total: int, failing_page: int, failures: int):
    """A list endpoint whose page ``failing_page`` answers 503 its first ``failures`` times."""
    asked = {"count": 0}

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        size = int(request.url.params.get("page_size", "10"))
        if page == failing_page and size == 100:
            asked["count"] += 1
            if asked["count"] <= failures:
                return httpx.Response(503, json={"title": "Service Unavailable"})
        items = [{"id": f"app-{i:04d}", "name": f"App {i:04d}"}
                 for i in range((page - 1) * size, min(page * size, total))]
        return httpx.Response(200, json={
            "page": page, "page_size": size, "total_items": total,
            "total_pages": -(-total // size), "_embedded": {"applications": items}})

    return answer, asked


async def test_an_index_page_that_failed_for_a_while_is_read_later_and_the_index_completes():
    answer, asked = flaky_pages(450, failing_page=3, failures=2)

    async def no_wait(seconds: float) -> None:
        await asyncio.sleep(0)

    app = VonageApp(Session(
        client_options={"api_key": "k", "api_secret": "s", "base_url": "http://127.0.0.1",
                         "max_retries": 1, "sleep": no_wait,
                         "transport": httpx.MockTransport(answer)},
        key_vault=MemoryKeyVault(), profile_name="test"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen)
        await wait_until(pilot, lambda: screen.index.complete or screen.index_error is not None)
        assert asked["count"] == 3  # two failed tries, then read after the other pages
        assert screen.index_error is None and len(screen.index) == 450
        await pilot.press("slash", *"0250")
        await settle(pilot)
        assert [str(a.name) for a in screen.rows.values()] == ["App 0250"]
        assert "index incomplete" not in status_text(app)


def index_of(names: list[str]) -> ApplicationIndex:
    index = ApplicationIndex()
    index.add(ApplicationSummary.from_document({"id": f"id-{chr(97 + n)}", "name": name})
              for n, name in enumerate(names))
    return index


def test_typing_further_backspacing_and_a_changed_index_all_match_as_a_fresh_search():
    names = ["Alpha app", "Apple", "apricot 1", "Banana app 12", "Cherry", "app 1 voice"]
    index = index_of(names)
    for query in ["a", "ap", "app", "app 1", "app 12", "app 1", "ap", "", "z", "c", "ch", "app"]:
        assert index.search(query) == index_of(names).search(query), query
    assert [str(a.name) for a in index.search("app 1")] == [
        "app 1 voice", "Banana app 12"]
    # The index changes between two keys: the next search sees the new entry.
    index.add([ApplicationSummary.from_document({"id": "new", "name": "Appendix 1"})])
    assert "Appendix 1" in [str(a.name) for a in index.search("app 1")]
    index.discard("id-f")
    assert "app 1 voice" not in [str(a.name) for a in index.search("app 1")]


def test_matches_gives_the_first_by_name_and_the_count_of_all():
    index = index_of([f"App {n:02d}" for n in reversed(range(30))] + ["Other"])
    first, count = index.matches("app", 5)
    assert [str(a.name) for a in first] == ["App 00", "App 01", "App 02", "App 03", "App 04"]
    assert count == 30
