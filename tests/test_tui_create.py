"""Creating an application from the form: each key option, validation, key store failures."""

from __future__ import annotations

import asyncio
import os
import stat

from textual.widgets import Input

from tests.create_harness import fill, open_form
from tests.tui_harness import LockedVault, SMALL, make_app, seeded_store, wait_for_screen, wait_until
from vonage_tui.api import ServerError
from vonage_tui.keys import generate_key_pair, keys_match
from vonage_tui.operations.create import (
    empty_addresses,
    fill_addresses,
    new_application_document,
    webhook_address,
)
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.screens.key_capture import KeyCaptureScreen
from vonage_tui.credentials.key_vault import MemoryKeyVault


async def create(pilot, screen) -> None:
    """Submit, accept the preview, and wait for the flow to get past the POST."""
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DiffPreview))
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: pilot.app.screen is not screen
                     and not isinstance(pilot.app.screen, DiffPreview))


# -- pure parts -----------------------------------------------------------------------------

def test_base_url_fills_every_empty_address_and_keeps_set_ones():
    document = new_application_document("A", ["voice", "messages", "network_apis", "video"])
    assert ("capabilities", "voice", "webhooks", "answer_url", "address") in empty_addresses(document)
    document["capabilities"]["voice"]["webhooks"]["event_url"]["address"] = "https://mine/ev"
    filled = fill_addresses(document, "https://base.example/")
    voice = filled["capabilities"]["voice"]["webhooks"]
    assert voice["answer_url"]["address"] == "https://base.example/webhooks/answer"
    assert voice["event_url"]["address"] == "https://mine/ev"
    inbound = filled["capabilities"]["messages"]["webhooks"]["inbound_url"]["address"]
    assert inbound == "https://base.example/webhooks/messages/inbound"
    assert filled["capabilities"]["network_apis"]["redirect_uri"].startswith("https://base.example/")
    assert empty_addresses(filled) == []
    assert webhook_address("https://b", "meetings", "room_changed") == "https://b/webhooks/meetings/room-changed"


# -- the form -------------------------------------------------------------------------------

async def test_local_key_is_stored_and_matches_the_servers_public_key():
    store = seeded_store(apps=2)
    app = make_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, results)
        fill(screen, "Support line", ["voice"], "https://hooks.example.com")
        await create(pilot, screen)
        await wait_until(pilot, lambda: results)
        app_id = results[0]
        stored = store.applications[app_id]
        assert stored["name"] == "Support line"
        answer = stored["capabilities"]["voice"]["webhooks"]["answer_url"]["address"]
        assert answer == "https://hooks.example.com/webhooks/answer"
        private = await app.session.key_vault.get(app_id)
        assert private is not None
        assert keys_match(private, stored["keys"]["public_key"])


async def test_vonage_generated_key_is_taken_from_the_response_and_stored():
    store = seeded_store(apps=2)
    app = make_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, results)
        fill(screen, "Vonage made", source="key-vonage")
        await create(pilot, screen)
        await wait_until(pilot, lambda: results)
        app_id = results[0]
        private = await app.session.key_vault.get(app_id)
        assert private is not None
        assert keys_match(private, store.applications[app_id]["keys"]["public_key"])
        assert keys_match(store.private_key_for(app_id), store.applications[app_id]["keys"]["public_key"])


async def test_public_key_file_is_sent_and_nothing_is_stored(tmp_path):
    pair = generate_key_pair()
    key_file = tmp_path / "public.pem"
    key_file.write_text(pair.public_pem)
    store = seeded_store(apps=2)
    app = make_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, results)
        fill(screen, "Own key", source="key-file", key_file=str(key_file))
        await pilot.pause()
        assert screen.query_one("#create-key-file").display
        assert "No private key is stored" in str(screen.query_one("#create-key-note").render())
        await create(pilot, screen)
        await wait_until(pilot, lambda: results)
        app_id = results[0]
        assert keys_match(pair.private_pem, store.applications[app_id]["keys"]["public_key"])
        assert await app.session.key_vault.stored_ids() == set()


async def test_missing_name_is_reported_at_the_field_and_nothing_is_sent():
    store = seeded_store(apps=2)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, [])
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.query_one("#create-name-error").display)
        assert "name is required" in str(screen.query_one("#create-name-error").render())
        assert app.screen is screen and not isinstance(app.screen, DiffPreview)
        assert screen.focused is screen.query_one("#create-name")
        await wait_until(pilot, lambda: not screen.busy)
        assert len(store.applications) == 2


async def test_typing_in_the_form_with_the_keyboard_only():
    store = seeded_store(apps=1)
    app = make_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, results)
        await pilot.press(*"Typed")
        await pilot.press("tab", "space")  # capabilities: voice
        await pilot.press("ctrl+s")
        # voice needs addresses and no base URL was given: said at the base URL field.
        await wait_until(pilot, lambda: screen.query_one("#create-base-url-error").display)
        assert "base URL" in str(screen.query_one("#create-base-url-error").render())
        assert screen.focused is screen.query_one("#create-base-url")
        await pilot.press(*"http://t.io")
        await create(pilot, screen)
        await wait_until(pilot, lambda: results)
        assert store.applications[results[0]]["name"] == "Typed"


async def test_bad_public_key_file_and_bad_base_url_send_nothing(tmp_path):
    not_a_key = tmp_path / "nope.pem"
    not_a_key.write_text("hello")
    store = seeded_store(apps=1)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, [])
        fill(screen, "X", ["voice"], "ftp://nope", source="key-file", key_file=str(not_a_key))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.query_one("#create-key-file-error").display)
        assert "not a PEM public key" in str(screen.query_one("#create-key-file-error").render())
        assert "http" in str(screen.query_one("#create-base-url-error").render())
        await wait_until(pilot, lambda: not screen.busy)
        assert len(store.applications) == 1


async def test_api_error_is_shown_in_the_form_and_nothing_is_stored(monkeypatch):
    store = seeded_store(apps=1)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        async def refuse(document):
            raise ServerError("Service unavailable", status=503)

        monkeypatch.setattr(app.client, "create_application", refuse)
        screen = await open_form(pilot, [])
        fill(screen, "Doomed")
        # Backing out of the preview sends nothing and keeps the form.
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen and not screen.busy)
        assert len(store.applications) == 1
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.query_one("#create-error").display)
        assert "Service unavailable" in str(screen.query_one("#create-error").render())
        assert app.screen is screen
        assert await app.session.key_vault.stored_ids() == set()


# -- a key store that fails -------------------------------------------------------------------

async def test_locked_key_store_forces_the_key_into_a_private_file(tmp_path):
    store = seeded_store(apps=1)
    app = make_app(store, vault=LockedVault())
    results: list = []
    target = tmp_path / "new.key"
    occupied = tmp_path / "occupied.key"
    occupied.write_text("keep me")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, results)
        fill(screen, "Locked store")
        await create(pilot, screen)
        await wait_until(pilot, lambda: isinstance(app.screen, KeyCaptureScreen))
        capture = app.screen
        assert "locked" in str(capture.query_one("#key-capture-message").render())
        # The key is hidden until asked for.
        assert "PRIVATE KEY" not in str(capture.query_one("#key-capture-text").render())
        # It cannot be left before the key is saved.
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is capture and not results
        assert capture.query_one("#key-capture-error").display
        # An existing file is never replaced.
        capture.query_one("#key-capture-path", Input).value = str(occupied)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already exists" in str(capture.query_one("#key-capture-error").render())
        assert occupied.read_text() == "keep me"
        capture.query_one("#key-capture-show").focus()
        await pilot.press("enter")
        assert "PRIVATE KEY" in str(capture.query_one("#key-capture-text").render())
        capture.query_one("#key-capture-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(target) in str(capture.query_one("#key-capture-message").render())
        await pilot.press("enter")  # "Done" has the focus
        await wait_until(pilot, lambda: results)
    app_id = results[0]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert keys_match(target.read_text(), store.applications[app_id]["keys"]["public_key"])


async def test_key_store_timeout_is_a_failure_too(monkeypatch, tmp_path):
    class HangingVault(MemoryKeyVault):
        async def put(self, app_id: str, private_pem: str) -> None:
            await asyncio.sleep(3600)

    monkeypatch.setattr("vonage_tui.operations.key_storage.VAULT_TIMEOUT", 0.05)
    store = seeded_store(apps=1)
    app = make_app(store, vault=HangingVault())
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, [])
        fill(screen, "Slow store")
        await create(pilot, screen)
        await wait_until(pilot, lambda: isinstance(app.screen, KeyCaptureScreen))
        assert "did not answer" in str(app.screen.query_one("#key-capture-message").render())


async def test_readonly_session_never_sends():
    store = seeded_store(apps=1)
    app = make_app(store, readonly=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, [])
        fill(screen, "Nope")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.query_one("#create-error").display)
        assert "read-only" in str(screen.query_one("#create-error").render())
        assert len(store.applications) == 1


def test_the_create_summary_lists_every_leaf():
    from vonage_tui.operations.create import creation_changes

    changes = creation_changes({"name": "A", "capabilities": {"vbc": {}, "rtc": {
        "webhooks": {"event_url": {"address": "https://x/e"}}}}, "tags": ["a", "b"]})
    assert [(c.name, c.new) for c in changes] == [
        ("name", "A"), ("capabilities.vbc", {}),
        ("capabilities.rtc.webhooks.event_url.address", "https://x/e"),
        ("tags[0]", "a"), ("tags[1]", "b")]
    assert all(c.kind == "added" for c in changes)


async def test_unknown_create_outcome_forces_the_key_into_a_file(tmp_path):
    """The POST's answer is lost and the account can't be searched: Vonage may hold the new
    public key, so its private half must be saved before the user can go on."""
    import httpx

    from vonage_tui.emulator import create_app as emulator_app
    from tests.tui_harness import API_KEY, API_SECRET, make_session
    from vonage_tui.tui.app import VonageApp

    store = seeded_store(apps=1)
    inner = httpx.ASGITransport(app=emulator_app(store, api_key=API_KEY, api_secret=API_SECRET))
    state = {"posted": False}

    class LoseTheAnswerThenTheNetwork(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            if state["posted"]:
                raise httpx.ConnectError("network down", request=request)
            response = await inner.handle_async_request(request)
            if request.method == "POST":
                state["posted"] = True
                raise httpx.ReadTimeout("no answer", request=request)
            return response

    session = make_session(store)
    session.client_options.update(transport=LoseTheAnswerThenTheNetwork(), max_retries=0)
    app = VonageApp(session)
    results: list = []
    target = tmp_path / "maybe.key"
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: app.screen is not None and app.client is not None)
        screen = await open_form(pilot, results)
        fill(screen, "Lost in transit")
        await create(pilot, screen)
        await wait_until(pilot, lambda: isinstance(app.screen, KeyCaptureScreen))
        message = str(app.screen.query_one("#key-capture-message").render())
        assert "may have created it" in message
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        app.screen.query_one("#key-capture-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: results)
    created = next(doc for doc in store.applications.values() if doc["name"] == "Lost in transit")
    assert results == [None]
    assert keys_match(target.read_text(), created["keys"]["public_key"])


# -- leaving the form ---------------------------------------------------------------------------

async def test_esc_on_an_untouched_form_leaves_at_once():
    app = make_app(seeded_store(apps=1))
    async with app.run_test(size=SMALL) as pilot:
        results: list = []
        screen = await open_form(pilot, results)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is not screen)
        assert results == [None]


async def test_esc_after_typing_asks_before_dropping_the_form():
    from vonage_tui.tui.screens.confirm import ConfirmModal

    app = make_app(seeded_store(apps=1))
    async with app.run_test(size=SMALL) as pilot:
        results: list = []
        screen = await open_form(pilot, results)
        await pilot.press(*"Support line")
        await pilot.press("escape")
        question = await wait_for_screen(pilot, ConfirmModal)
        assert "Support line" in str(question.message)
        await pilot.press("n")  # no: the form stays, as typed
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.query_one("#create-name", Input).value == "Support line"
        assert results == []
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("escape")  # esc on the question is no, too
        await wait_until(pilot, lambda: app.screen is screen)
        assert results == []
        screen.query_one("#create-cancel").press()  # the Cancel button asks the same
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is not screen
                         and not isinstance(app.screen, ConfirmModal))
        assert results == [None]


async def test_quitting_with_a_typed_form_asks_first():
    from textual.widgets import SelectionList

    from vonage_tui.tui.screens.confirm import ConfirmModal

    app = make_app(seeded_store(apps=1))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_form(pilot, [])
        fill(screen, "Half done", capabilities=["voice"])
        screen.query_one("#create-capabilities", SelectionList).focus()
        await pilot.press("q")  # not a text field: q quits
        question = await wait_for_screen(pilot, ConfirmModal)
        assert "Half done" in str(question.message) and "voice" in str(question.message)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen)
        assert app.is_running
