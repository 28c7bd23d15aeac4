"""Server strings never reach the terminal as control: every surface shows them made visible.

Each test seeds the emulator (or a fake server) with names, keys, values and error titles that
would clear the screen, retitle the terminal or write the clipboard if drawn raw, then checks
what the app draws (the exported screen, the widgets' text, the notifications) holds no control
character and does hold the visible stand-in.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Static

from tests.tui_harness import (
    API_KEY, API_SECRET, SMALL, make_app, make_session, seeded_store, settle, wait_until,
)
from vonage_tui.emulator import create_app, key_pool
from vonage_tui.models.documents import diff_documents
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.delete_application import DeleteApplicationModal
from vonage_tui.tui.screens.diff_preview import DiffPreview, render_diff
from vonage_tui.tui.editing.values import short_value
from vonage_tui.credentials import MemoryKeyVault
from vonage_tui.tui.session import Session
from vonage_tui.tui.widgets.app_header import AppHeader
from vonage_tui.tui.widgets.field_row import FieldRow

CLEAR = "evil\x1b[2J\x1b[H"
RETITLE = "\x1b]2;pwned\x1b\\"
CLIPBOARD = "\x1b]52;c;aGk=\x07"
CSI8 = "\x9b31m"
LOW = "a\x00b\x01c\x7f"
BIDI = "x\u202eexe.txt"
HOSTILE_NAME = CLEAR + RETITLE + CSI8 + LOW + BIDI
SHOWN_NAME = "evil␛[2J␛[H␛]2;pwned␛\\\\x9b31ma␀b␁c␡x\\u202eexe.txt"

# What must never be drawn: C0 (but newline and tab, which layout uses), DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_clean(text: str, where: str = "screen") -> None:
    found = RAW_CONTROL.search(text)
    if found is not None:
        context = text[max(0, found.start() - 40):found.end() + 40]
        raise AssertionError(f"raw {found.group()!r} on the {where}: …{context!r}…")


def screen_of(app: VonageApp) -> str:
    """What the terminal would show now, as the exported SVG (text nodes hold every cell)."""
    shot = app.export_screenshot()
    assert_clean(shot)
    return shot


def plain(widget: Static) -> str:
    rendered = widget.render()
    return str(getattr(rendered, "plain", rendered))


@pytest.fixture(autouse=True)
def server_keeps_what_it_holds(lenient_server: None) -> None:
    """A real account may already hold a URL with an ESC in it (the emulator, like the editor,
    would now refuse to be sent one): these tests are about showing such data, not sending it."""


def hostile_store() -> tuple[Any, str]:
    store = seeded_store(apps=3, users_per_app=0)
    app_id = store.add_application({
        "name": HOSTILE_NAME,
        "keys": {"public_key": key_pool()[0].public_pem},
        "capabilities": {"voice": {"webhooks": {"answer_url": {
            "address": "https://x.example/" + CLIPBOARD + CSI8, "http_method": "GET"}},
            "x\x1b[31munknown": "value" + CSI8 + "\x1b[2J"}},
    })["id"]
    return store, app_id


def first_rows(app: VonageApp) -> list[str]:
    table = app.screen.query_one("#applications-table", DataTable)
    return [" | ".join(str(cell) for cell in table.get_row_at(index))
            for index in range(table.row_count)]


async def test_table_shows_a_hostile_name_as_visible_escapes() -> None:
    store, _ = hostile_store()
    app = make_app(store)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        rows = first_rows(app)
        assert any(SHOWN_NAME in row for row in rows), rows
        for row in rows:
            assert_clean(row, "table")
        screen_of(app)
        # The filter finds it and the row stays visible-escaped.
        await pilot.press("slash", *"evil")
        await settle(pilot)
        assert any(SHOWN_NAME[:30] in row for row in first_rows(app))
        screen_of(app)


async def test_editor_tree_panel_header_and_inputs_show_escapes() -> None:
    store, app_id = hostile_store()
    app = make_app(store)
    async with app.run_test(size=(200, 50)) as pilot:
        editor = ApplicationEditorScreen(app_id)
        app.push_screen(editor)
        await settle(pilot)
        assert editor.state is not None
        # Header and breadcrumbs.
        header = plain(editor.query_one(AppHeader))
        assert "evil␛[2J␛[H" in header
        assert_clean(header, "header")
        # Tree labels: the root is the name; an unknown key and its value.
        root = editor.doc_tree.root.label.plain
        assert root.startswith("evil␛[2J␛[H")
        voice = ("capabilities", "voice")
        unknown = editor.doc_tree.node_for((*voice, "x\x1b[31munknown"))
        assert unknown is not None
        assert unknown.label.plain.startswith("x␛[31munknown")
        for node in editor.doc_tree._by_path.values():
            assert_clean(node.label.plain, "tree")
        # The name's input shows the name made visible; nothing counts as an edit.
        name_row = next(row for row in editor.query(FieldRow) if row.path == ("name",))
        assert name_row.control.value == SHOWN_NAME
        screen_of(app)
        # The voice panel: the unknown key's row label and its read-only value.
        editor.doc_tree.move_to(voice)
        await settle(pilot)
        rows = {row.path: row for row in editor.query(FieldRow)}
        unknown_row = rows[(*voice, "x\x1b[31munknown")]
        assert "x␛[31munknown" in plain(unknown_row._label)
        # Shown as JSON, which writes C0 as \u001b itself; the C1 is ours to make visible.
        assert plain(unknown_row.control) == '"value\\x9b31m\\u001b[2J"'
        screen_of(app)
        # A webhook address with an OSC 52 in it, in its input.
        editor.doc_tree.move_to((*voice, "webhooks", "answer_url"))
        await settle(pilot)
        address = next(row for row in editor.query(FieldRow)
                       if row.path == (*voice, "webhooks", "answer_url", "address"))
        assert address.control.value == "https://x.example/␛]52;c;aGk=␇\\x9b31m"
        screen_of(app)
        assert not editor.state.overview().changes  # showing it changed nothing


async def test_help_and_title_take_no_control() -> None:
    store, app_id = hostile_store()
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        app.title = "vonage" + RETITLE
        app.sub_title = CLIPBOARD
        assert app.title == "vonage␛]2;pwned␛\\"
        assert app.sub_title == "␛]52;c;aGk=␇"
        editor = ApplicationEditorScreen(app_id)
        app.push_screen(editor)
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        screen_of(app)


async def test_delete_dialog_shows_escapes_in_title_and_placeholder() -> None:
    store, app_id = hostile_store()
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        modal = DeleteApplicationModal(app_id, HOSTILE_NAME)
        app.push_screen(modal)
        await wait_until(pilot, lambda: app.screen is modal)
        await pilot.pause()
        assert modal.query_one("#delete-typed", Input).placeholder == app_id
        title = plain(modal.query_one(".modal-title", Static))
        assert "evil␛[2J␛[H" in title
        screen_of(app)


async def test_confirm_dialog_cleans_both_plain_and_styled_messages() -> None:
    store, _ = hostile_store()
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        styled = Text("Rotate the key of ")
        styled.append(HOSTILE_NAME, style="bold")
        styled.append("?")
        modal = ConfirmModal("Title " + RETITLE, styled)
        app.push_screen(modal)
        await wait_until(pilot, lambda: app.screen is modal)
        await pilot.pause()
        message = modal.query_one(".modal-message", Static).render()
        assert message.plain == f"Rotate the key of {SHOWN_NAME}?"
        # The bold stays on the name, and only on it.
        bold = [message.plain[span.start:span.end] for span in message.spans]
        assert bold == [SHOWN_NAME]
        assert "Title ␛]2;pwned␛\\" in plain(modal.query_one(".modal-title", Static))
        screen_of(app)


async def test_diff_preview_of_a_hostile_document() -> None:
    store, app_id = hostile_store()
    app = make_app(store)
    async with app.run_test(size=(200, 50)) as pilot:
        editor = ApplicationEditorScreen(app_id)
        app.push_screen(editor)
        await settle(pilot)
        editor.doc_tree.move_to(("capabilities", "voice", "webhooks", "answer_url", "address"))
        await pilot.press("enter")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, Input)
        focused.value = "https://renamed.example/"
        await pilot.pause()
        await pilot.press("ctrl+s")
        preview = await wait_until_screen(pilot, DiffPreview)
        diff = plain(preview.query_one("#diff-text", Static))
        assert '"https://x.example/\\u001b]52;c;aGk=\\u0007\\x9b31m"' in diff, diff
        assert "renamed" in diff
        assert_clean(diff, "diff")
        assert "evil␛[2J" in plain(preview.query_one(".modal-title", Static))  # "Save <name>"
        screen_of(app)


def test_render_diff_makes_keys_and_values_visible() -> None:
    base = {"name": "a", "x\x1b[2Jkey": {"v": 1}}
    changed = {"name": "b" + CSI8 + BIDI, "x\x1b[2Jkey": {"v": 2}}
    text = render_diff(diff_documents(base, changed)).plain
    assert_clean(text, "diff")
    assert "x␛[2Jkey" in text and '"b\\x9b31mx\\u202eexe.txt"' in text


async def wait_until_screen(pilot: Any, kind: type) -> Any:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind))
    await pilot.pause()
    return pilot.app.screen


# -- notifications and error details ---------------------------------------------------------

PROBLEM_TITLE = "Too Many Requests" + CLIPBOARD + RETITLE
PROBLEM_DETAIL = "slow down" + "\x9d0;t\x9c" + "\x1b[2J" + "x" * 2000


def throttling_server(request: httpx.Request) -> httpx.Response:
    """Every call is refused with a 429 whose problem body carries escape sequences."""
    body = {"type": "https://developer.nexmo.com/api-errors#throttled", "title": PROBLEM_TITLE,
            "detail": PROBLEM_DETAIL, "instance": "trace\x1b]2;t\x07"}
    return httpx.Response(429, json=body, headers={"Retry-After": "0"})


def throttled_app() -> VonageApp:
    session = Session(
        client_options={"api_key": API_KEY, "api_secret": API_SECRET,
                        "base_url": "http://127.0.0.1", "max_retries": 0,
                        "transport": httpx.MockTransport(throttling_server)},
        key_vault=MemoryKeyVault(), profile_name="test", readonly=False,
    )
    return VonageApp(session)


async def test_429_with_an_osc52_title_notifies_and_reports_it_visibly() -> None:
    app = throttled_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        notes = list(app._notifications)
        assert notes, "the failure was not said"
        for note in notes:
            assert_clean(note.title, "notification title")
            assert_clean(note.message, "notification")
            assert len(note.message) <= 300 and len(note.title) <= 80
            assert not note.markup
        said = " ".join(note.message for note in notes)
        assert "␛]52;c;aGk=␇" in said
        assert any(note.message.endswith("…") for note in notes)  # the 2000 x's were cut
        # The error detail on the list screen's status line.
        assert isinstance(app.screen, ApplicationsScreen)
        status = plain(app.screen.query_one("#page-status", Static))
        assert "␛]52;c;aGk=␇" in status
        screen_of(app)


async def test_editor_load_error_detail_is_visible() -> None:
    app = throttled_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        editor = ApplicationEditorScreen("some-id")
        app.push_screen(editor)
        await settle(pilot)
        status = plain(editor.query_one("#editor-status", Static))
        assert "␛]52;c;aGk=␇" in status
        screen_of(app)


async def test_no_notification_bypasses_the_sanitiser() -> None:
    store, _ = hostile_store()
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.clear_notifications()
        # From the app, a screen and a widget, with and without markup, long and short.
        app.notify(CLIPBOARD, title=RETITLE)
        app.screen.notify("[b]" + HOSTILE_NAME, markup=True)
        app.screen.query_one(DataTable).notify("y" * 5000 + CLEAR, severity="error", timeout=5)
        await pilot.pause()
        notes = list(app._notifications)
        assert len(notes) == 3
        for note in notes:
            assert_clean(note.message, "notification")
            assert_clean(note.title, "notification title")
            assert not note.markup
        assert notes[0].message == "␛]52;c;aGk=␇" and notes[0].title == "␛]2;pwned␛\\"
        assert notes[1].message == "[b]" + SHOWN_NAME
        assert len(notes[2].message) == 300 and notes[2].message.endswith("…")
        screen_of(app)


async def test_header_shows_a_hostile_profile_name_and_crumb() -> None:
    store, _ = hostile_store()
    session = make_session(store)
    session.profile_name = "ops" + CLIPBOARD
    app = VonageApp(session)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        app.screen.crumb = HOSTILE_NAME  # a crumb is whatever a screen says it is
        header = app.screen.query_one(AppHeader)
        header.refresh_header()
        await pilot.pause()
        text = plain(header)
        assert "ops␛]52;c;aGk=␇" in text and SHOWN_NAME in text
        assert_clean(text, "header")
        screen_of(app)


def test_tree_value_glimpse_is_visible_and_cut_after_escaping() -> None:
    glimpse = short_value("\x1b[2J" * 20, width=24)
    assert glimpse == "␛[2J" * 5 + "␛[2" + "…"
    assert short_value("\x1b[2J" * 20) == "␛[2J" * 20  # the tree itself fits it to the row
    assert short_value({"k": "\x9b"}) == '{"k": "\\x9b"}'


async def test_server_rejection_reasons_show_visibly_at_the_field_and_object() -> None:
    store, app_id = hostile_store()
    emulator = httpx.ASGITransport(app=create_app(store, api_key=API_KEY, api_secret=API_SECRET))
    hook = "capabilities.voice.webhooks.answer_url"

    async def rejecting(request: httpx.Request) -> httpx.Response:
        if request.method != "PUT":
            return await emulator.handle_async_request(request)
        return httpx.Response(400, json={
            "type": "about:blank", "title": "Bad Request" + RETITLE,
            "invalid_parameters": [
                {"name": hook + ".address", "reason": "unreachable" + CLIPBOARD},
                {"name": hook, "reason": "object" + CLEAR}]})

    session = Session(client_options={"api_key": API_KEY, "api_secret": API_SECRET,
                                      "base_url": "http://127.0.0.1", "max_retries": 0,
                                      "transport": httpx.MockTransport(rejecting)},
                      key_vault=MemoryKeyVault(), profile_name="test", readonly=False)
    app = VonageApp(session)
    async with app.run_test(size=(200, 50)) as pilot:
        editor = ApplicationEditorScreen(app_id)
        app.push_screen(editor)
        await settle(pilot)
        voice_hook = ("capabilities", "voice", "webhooks", "answer_url")
        editor.doc_tree.move_to((*voice_hook, "http_method"))
        await settle(pilot)
        editor.doc_tree.move_to((*voice_hook, "address"))
        await pilot.press("enter")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, Input)
        focused.value = "https://changed.example/"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until_screen(pilot, DiffPreview)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: editor.state is not None and editor.state.server_errors)
        await settle(pilot)
        editor.doc_tree.move_to((*voice_hook, "address"))
        await settle(pilot)
        address = next(row for row in editor.query(FieldRow)
                       if row.path == (*voice_hook, "address"))
        assert "unreachable␛]52;c;aGk=␇" in plain(address._error)
        problem = plain(editor.fields.query_one(".panel-problem", Static))
        assert "object" + "evil␛[2J␛[H" in problem
        for note in app._notifications:
            assert_clean(note.message + note.title, "notification")
        screen_of(app)


# -- keys and files ----------------------------------------------------------------------------

HOSTILE_PEM = ("-----BEGIN PRIVATE KEY-----\nMIIE\x1b]52;c;aGk=\x07\x9b2J\n"
               "-----END PRIVATE KEY-----\n")


async def test_key_capture_shows_a_server_sent_key_and_id_visibly() -> None:
    from vonage_tui.tui.screens.key_capture import KeyCaptureScreen

    store, _ = hostile_store()
    app = make_app(store)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        modal = KeyCaptureScreen("id" + CLEAR, HOSTILE_PEM, "keyring locked" + RETITLE,
                                app_name=HOSTILE_NAME)
        app.push_screen(modal)
        await wait_until(pilot, lambda: app.screen is modal)
        await pilot.pause()
        assert modal.query_one("#key-capture-path", Input).value == "~/vonage-idevil␛[2J␛[H.key"
        message = plain(modal.query_one("#key-capture-message", Static))
        assert SHOWN_NAME in message and "keyring locked␛]2;pwned␛\\" in message
        modal.revealed = True
        await pilot.pause()
        key = plain(modal.query_one("#key-capture-text", Static))
        assert key.splitlines() == ["-----BEGIN PRIVATE KEY-----", "MIIE␛]52;c;aGk=␇\\x9b2J",
                                    "-----END PRIVATE KEY-----"]
        screen_of(app)


async def test_file_prompt_default_and_message_are_visible() -> None:
    from vonage_tui.tui.screens.file_prompt import FilePromptModal

    app = make_app(seeded_store(apps=1, users_per_app=0))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        modal = FilePromptModal("Export " + RETITLE, "Write " + HOSTILE_NAME,
                                default="~/vonage-" + CLEAR + ".json")
        app.push_screen(modal)
        await wait_until(pilot, lambda: app.screen is modal)
        await pilot.pause()
        assert modal.query_one("#file-path", Input).value == "~/vonage-evil␛[2J␛[H.json"
        assert "Write " + SHOWN_NAME in plain(modal.query_one(".modal-message", Static))
        screen_of(app)


async def test_private_keys_screen_shows_stored_ids_and_pem_visibly() -> None:
    from vonage_tui.tui.screens.private_keys import PrivateKeysScreen

    vault = MemoryKeyVault()
    vault.keys["id" + CLEAR] = HOSTILE_PEM
    app = make_app(seeded_store(apps=1, users_per_app=0), vault=vault)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = PrivateKeysScreen()
        app.push_screen(screen)
        await settle(pilot)
        table = screen.query_one(DataTable)
        name, app_id = table.get_row_at(0)  # the name column came first with issue 10
        assert str(app_id) == "idevil␛[2J␛[H"
        assert str(name) == "no such application on Vonage"  # looked up, safely
        await pilot.press("s")
        await settle(pilot)
        shown = plain(screen.query_one("#keys-shown-text", Static))
        assert "MIIE␛]52;c;aGk=␇\\x9b2J" in shown
        screen_of(app)


async def test_conflict_modal_note_and_remote_diff_are_visible() -> None:
    from vonage_tui.tui.screens.application_editor_modals import ConflictModal

    app = make_app(seeded_store(apps=1, users_per_app=0))
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        changes = diff_documents({"name": "a"}, {"name": "b" + CSI8, "k" + CLEAR: 1})
        modal = ConflictModal(changes, note="rotated by " + HOSTILE_NAME)
        app.push_screen(modal)
        await wait_until(pilot, lambda: app.screen is modal)
        await pilot.pause()
        notes = [plain(widget) for widget in modal.query(".modal-message").results(Static)]
        assert any("rotated by " + SHOWN_NAME in note for note in notes)
        assert "kevil␛[2J␛[H: 1" in plain(modal.query_one("#diff-text", Static))
        screen_of(app)


async def test_an_application_whose_name_cannot_be_typed_is_deleted_by_its_id() -> None:
    store, app_id = hostile_store()
    app = make_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        modal = DeleteApplicationModal(app_id, HOSTILE_NAME)
        app.push_screen(modal, results.append)
        await wait_until(pilot, lambda: app.screen is modal)
        await pilot.pause()
        assert "Type its id" in plain(modal.query_one(".modal-message", Static))
        modal.query_one("#delete-typed", Input).value = app_id
        await pilot.press("enter")
        await wait_until(pilot, lambda: results)
    assert results == [True] and app_id not in store.applications


async def test_create_form_shows_a_hostile_server_refusal_visibly() -> None:
    from vonage_tui.tui.screens.create_application import CreateApplicationScreen

    store = seeded_store(apps=1, users_per_app=0)
    emulator = httpx.ASGITransport(app=create_app(store, api_key=API_KEY, api_secret=API_SECRET))

    async def refusing(request: httpx.Request) -> httpx.Response:
        if request.method != "POST":
            return await emulator.handle_async_request(request)
        return httpx.Response(400, json={"type": "about:blank", "title": "Invalid" + CLIPBOARD,
                                         "detail": "name " + CLEAR})

    session = Session(client_options={"api_key": API_KEY, "api_secret": API_SECRET,
                                      "base_url": "http://127.0.0.1", "max_retries": 0,
                                      "transport": httpx.MockTransport(refusing)},
                      key_vault=MemoryKeyVault(), profile_name="test", readonly=False)
    app = VonageApp(session)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = CreateApplicationScreen()
        await app.push_screen(screen)
        await wait_until(pilot, lambda: app.screen is screen)
        screen.query_one("#create-name", Input).value = "Doomed"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.query_one("#create-error").display)
        error = plain(screen.query_one("#create-error", Static))
        assert "Invalid␛]52;c;aGk=␇" in error and "evil␛[2J␛[H" in error
        screen_of(app)


async def test_credentials_form_shows_a_profiles_file_key_visibly_and_keeps_the_name() -> None:
    from vonage_tui.credentials.profiles import Profile
    from vonage_tui.tui.screens.credentials import CredentialsScreen

    async def submit(form: Any) -> None:
        return None

    app = make_app(seeded_store(apps=1, users_per_app=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        profile = Profile(name="work", api_key="key" + CLEAR)
        screen = CredentialsScreen(submit, profile=profile, editing=True,
                                   reason="Rejected: " + PROBLEM_TITLE)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause()
        assert screen.query_one("#field-api_key", Input).value == "keyevil␛[2J␛[H"
        assert "Too Many Requests␛]52;c;aGk=␇" in plain(screen.query_one("#credentials-intro",
                                                                          Static))
        assert screen.form().profile_name == "work"
        screen_of(app)
