"""A page whose ids are odd (repeated, missing, a number, with a "/") shows every row and says
what the server sent; such a row opens, or says why it can't; the `/` index keeps them all."""

from __future__ import annotations

import json
from typing import Any

import httpx
from textual.widgets import DataTable, Static

from tests.tui_harness import SMALL, settle, wait_until
from vonage_tui.models import ApplicationSummary
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.application_ids import odd_ids
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.search_index import ApplicationIndex
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.tui.session import Session

TWIN = "0b5e1a52-0000-4000-8000-000000000001"
ODD_PAGE = [
    {"id": TWIN, "name": "Twin one"},
    {"id": TWIN, "name": "Twin two"},
    {"name": "Nameless id"},
    {"id": 12345, "name": "Number id"},
    {"id": "a/b", "name": "Slash id"},
    {"id": "0b5e1a52-0000-4000-8000-000000000002", "name": "Ordinary"},
]


class OddServer:
    """Answers the list with ODD_PAGE as page 1 of 3 (pages 2 and 3 ordinary), and records the
    raw path of every other request."""

    def __init__(self) -> None:
        self.paths: list[bytes] = []

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["path"] == "/v2/applications":
            query = dict(part.split("=") for part in scope["query_string"].decode().split("&"))
            page = int(query.get("page", "1"))
            apps = ODD_PAGE if page == 1 else [
                {"id": f"0b5e1a52-0000-4000-8000-00000000{page}{n:03d}", "name": f"P{page} {n}"}
                for n in range(6 if page == 2 else 3)]
            body: dict = {"page": page, "page_size": 6, "total_items": 15, "total_pages": 3,
                          "_embedded": {"applications": apps}}
            status = 200
        else:
            self.paths.append(scope["raw_path"])
            status, body = 404, {"type": "about:blank", "title": "Not Found", "detail": "no"}
        data = json.dumps(body).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": data})


def odd_app(server: OddServer) -> VonageApp:
    return VonageApp(Session(
        client_options={"api_key": "k", "api_secret": "s", "base_url": "http://127.0.0.1",
                        "max_retries": 0, "transport": httpx.ASGITransport(app=server)},
        key_vault=MemoryKeyVault(), profile_name="test"))


def names_shown(app: VonageApp) -> list[str]:
    table = app.screen.query_one("#applications-table", DataTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


def status(app: VonageApp) -> str:
    return str(app.screen.query_one("#page-status", Static).render())


def test_odd_ids_are_named():
    assert odd_ids(ApplicationSummary.from_document(doc) for doc in ODD_PAGE) == [
        "a duplicate id", "an application with no id", "an id that is not text", "an id with a /"]
    assert odd_ids(ApplicationSummary.from_document(doc) for doc in ODD_PAGE[-1:]) == []


def test_the_index_keeps_every_application_whatever_its_id():
    index = ApplicationIndex()
    index.add(ApplicationSummary.from_document(doc) for doc in ODD_PAGE)
    assert len(index) == 6
    assert [str(a.name) for a in index.search("twin")] == ["Twin one", "Twin two"]
    index.put(TWIN, ApplicationSummary.from_document({"id": TWIN, "name": "Twin renamed"}))
    assert [str(a.name) for a in index.search("twin")] == ["Twin renamed", "Twin renamed"]
    index.discard(TWIN)
    assert len(index) == 4 and index.search("nameless")


async def test_a_page_with_odd_ids_shows_every_row_and_says_what_the_server_sent():
    server = OddServer()
    app = odd_app(server)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert names_shown(app) == [doc["name"] for doc in ODD_PAGE]
        line = status(app)
        assert line.startswith("page 1 of 3 · 15 applications")
        assert "the server sent a duplicate id" in line
        assert not any("DuplicateKey" in str(n.message) for n in app._notifications)
        # The second twin opens its own id, like the first.
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        assert app.screen.app_id == TWIN
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        # A row with no id cannot be opened, and says why.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ApplicationEditorScreen)
        assert any("without an id" in str(n.message) for n in app._notifications)
        await pilot.press("d")  # nor deleted
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ApplicationsScreen"
        # A number opens as its digits; a "/" stays inside one path segment.
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        assert app.screen.app_id == "12345"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        await settle(pilot)
        assert server.paths[-1] == b"/v2/applications/a%2Fb"
        await pilot.press("escape")
        await settle(pilot)
        # The filter finds every one of them.
        await pilot.press("slash")
        await settle(pilot)
        assert len(names_shown(app)) == 15
        assert names_shown(app)[:2] == ["Nameless id", "Number id"]
