"""The user editor (issue 9): every channel kind edited through the tree, the exact PATCH body
the emulator receives, a 400's reasons on their nodes, a conflict, a failed save keeping the
edits, create (name optional), export/apply, read-only."""

from __future__ import annotations

import asyncio
import copy
import json

import pytest
from textual.widgets import Input, TextArea

from tests.tui_harness import SMALL, notifications, settle, wait_for_screen, wait_until
from tests.user_editor_harness import EVERY_KIND, edit, open_user_editor, row, save, setup
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.screens.user_editor import UserEditorScreen
from vonage_tui.tui.screens.users import UsersScreen
from vonage_tui.tui.widgets.field_row import FieldRow


async def test_edits_of_every_channel_kind_reach_the_server_as_exactly_that_patch() -> None:
    app, store, app_id, user_id, recording = setup()
    before = copy.deepcopy(store.users[app_id][user_id])
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        typed = {
            ("channels", "pstn", 0, "number"): ("447700900009", 447700900009),
            ("channels", "sip", 0, "uri"): ("sips:new@sip.example.com", "sips:new@sip.example.com"),
            ("channels", "vbc", 0, "extension"): ("402", "402"),
            ("channels", "websocket", 0, "uri"): ("ws://other.example/s", "ws://other.example/s"),
            ("channels", "sms", 0, "number"): ("447700900002", "447700900002"),
            ("channels", "mms", 0, "number"): ("447700900003", "447700900003"),
            ("channels", "whatsapp", 0, "number"): ("447700900004", "447700900004"),
            ("channels", "viber", 0, "number"): ("447700900005", "447700900005"),
            ("channels", "messenger", 0, "id"): ("abc", "abc"),
        }
        for path, (text, _value) in typed.items():
            await edit(pilot, screen, path, text)
        # websocket content-type is a choice.
        screen.doc_tree.move_to(("channels", "websocket", 0, "content-type"))
        await pilot.pause()
        row(screen, ("channels", "websocket", 0, "content-type")).control.value = \
            "audio/l16;rate=16000"
        await settle(pilot)
        assert screen.state is not None and not screen.state.invalid()
        await save(pilot)
        assert len(recording.writes) == 1
        method, body = recording.writes[0]
        expected_channels = copy.deepcopy(EVERY_KIND["channels"])
        for path, (_text, value) in typed.items():
            expected_channels[path[1]][path[2]][path[3]] = value
        expected_channels["websocket"][0]["content-type"] = "audio/l16;rate=16000"
        # Only the field that changed (channels), whole as edited: the rest is the server's.
        assert method == "PATCH" and body == {"channels": expected_channels}
        stored = store.users[app_id][user_id]
        assert stored == {**before, "channels": expected_channels}
        assert stored["future_field"] == {"kept": ["as", "is"]}  # unknown, kept
        assert screen.status_note == "Saved" and not screen.state.dirty


async def test_invalid_then_valid_values_add_and_remove_entries_and_custom_data() -> None:
    app, store, app_id, user_id, recording = setup()
    before = copy.deepcopy(store.users[app_id][user_id])
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        state = screen.state
        assert state is not None
        uri = ("channels", "sip", 0, "uri")
        await edit(pilot, screen, uri, "http://not-sip")
        assert state.rejected[uri].reason.startswith("must match")
        await pilot.press("ctrl+s")  # refused at once: nothing is sent
        await settle(pilot)
        assert recording.writes == [] and "Invalid fields" in " ".join(notifications(app))
        await edit(pilot, screen, uri, "sip:fixed@sip.example.com")
        assert uri not in state.rejected
        # A websocket entry with a header.
        screen.doc_tree.move_to(("channels", "websocket"))
        await pilot.pause()
        await pilot.press("a")
        await settle(pilot)
        new = ("channels", "websocket", 1)
        assert screen.doc_tree.cursor_entry.path == new
        await edit(pilot, screen, (*new, "uri"), "wss://added.example/ws")
        screen.doc_tree.move_to(new)
        await pilot.pause()
        headers = row(screen, (*new, "headers"))
        headers.control.focus()
        headers.control.text = '{"customer_id": "ABC123"}'
        await settle(pilot)
        # Remove the first pstn entry, after a confirmation.
        screen.doc_tree.focus()
        screen.doc_tree.move_to(("channels", "pstn", 0))
        await pilot.pause()
        await pilot.press("x")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        # custom_data: invalid JSON is refused, a valid object is taken.
        custom = ("properties", "custom_data")
        await edit(pilot, screen, custom, '{"team": ')
        assert state.rejected[custom].reason.startswith("is not valid JSON")
        await edit(pilot, screen, custom, '{"team": "sre", "shift": [1, 2]}')
        assert custom not in state.rejected and not state.invalid()
        preview = await save(pilot)
        shown = " ".join(change.name for change in preview.changes)
        assert {"channels.websocket", "channels.pstn", "properties.custom_data.team"} <= set(
            shown.split())
        method, body = recording.writes[0]
        assert method == "PATCH" and set(body) == {"channels", "properties"}
        assert body["channels"]["pstn"] == [{"number": 447700900002}]
        assert body["channels"]["websocket"][1] == {
            "uri": "wss://added.example/ws", "content-type": "audio/l16;rate=16000",
            "headers": {"customer_id": "ABC123"}}
        assert body["properties"] == {"custom_data": {"team": "sre", "shift": [1, 2]},
                                      "ttl": 3600}
        stored = store.users[app_id][user_id]
        assert {k: v for k, v in stored.items() if k not in ("channels", "properties")} == {
            k: v for k, v in before.items() if k not in ("channels", "properties")}
        assert stored["channels"]["sip"][0]["uri"] == "sip:fixed@sip.example.com"


async def test_a_removed_field_is_sent_as_null_and_the_name_cannot_be_cleared() -> None:
    app, store, app_id, user_id, recording = setup()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        await edit(pilot, screen, ("name",), "")
        assert screen.state.rejected[("name",)].reason == "is required"
        await edit(pilot, screen, ("name",), "every.kind")
        await edit(pilot, screen, ("display_name",), "")
        await save(pilot)
        assert recording.writes == [("PATCH", {"display_name": None})]
        assert "display_name" not in store.users[app_id][user_id]


async def test_a_400_puts_each_reason_on_its_node_and_keeps_the_edits() -> None:
    app, store, app_id, user_id, recording = setup()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        uri = ("channels", "sip", 0, "uri")
        await edit(pilot, screen, uri, "sip:other@sip.example.com")
        recording.mode = "reject"
        await save(pilot)
        state = screen.state
        assert state.server_errors == {uri: "is not reachable", ("display_name",): "is taken"}
        assert state.working["channels"]["sip"][0]["uri"] == "sip:other@sip.example.com"
        assert screen.doc_tree.cursor_entry.path == ("channels", "sip", 0, "uri") or \
            screen.doc_tree.cursor_entry.path == ("display_name",)
        label = str(screen.doc_tree.node_for(uri).label)
        assert label.endswith("!")
        assert "rejected by the server" in str(screen.query_one("#editor-status").render())
        recording.mode = "refuse"
        await save(pilot)
        assert state.working["channels"]["sip"][0]["uri"] == "sip:other@sip.example.com"
        assert screen.status_note == "Not saved; your edits are kept"
        recording.mode = ""
        await save(pilot)
        assert store.users[app_id][user_id]["channels"]["sip"][0]["uri"] == \
            "sip:other@sip.example.com"


@pytest.mark.parametrize("choice", ["reload", "overwrite", "cancel"])
async def test_a_change_made_elsewhere_is_offered(choice: str) -> None:
    app, store, app_id, user_id, recording = setup()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        await edit(pilot, screen, ("channels", "vbc", 0, "extension"), "999")
        store.users[app_id][user_id]["display_name"] = "Changed elsewhere"
        await save(pilot, conflict=choice)
        state = screen.state
        if choice == "reload":
            assert recording.writes == [] and not state.dirty
            assert state.working["display_name"] == "Changed elsewhere"
        elif choice == "cancel":
            assert recording.writes == [] and state.dirty
        else:
            # Overwrite: my version, against what the server has now.
            assert recording.writes == [("PATCH", {
                "display_name": "Every Kind",
                "channels": {**EVERY_KIND["channels"], "vbc": [{"extension": "999"}]}})]


async def test_create_a_user_with_a_channel_and_no_name_then_edit_it() -> None:
    app, store, app_id, _user_id, recording = setup()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, None)
        assert screen.state.creating and screen.crumb == "New user"
        screen.doc_tree.move_to(("channels",))
        await pilot.pause()
        await pilot.press("enter")  # channels (not set): added
        await settle(pilot)
        screen.doc_tree.move_to(("channels", "sms"))
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        await edit(pilot, screen, ("channels", "sms", 0, "number"), "447700900123")
        preview = await save(pilot)
        assert preview.confirm_label == "Create"
        assert recording.writes == [("POST", {"channels": {"sms": [{"number": "447700900123"}]}})]
        assert screen.user_id is not None and screen.user_id in store.users[app_id]
        created = store.users[app_id][screen.user_id]
        assert created["name"] and screen.crumb == created["name"]  # the API made one
        assert not screen.state.creating and not screen.state.dirty
        await edit(pilot, screen, ("display_name",), "Now named")
        await save(pilot)
        assert recording.writes[-1] == ("PATCH", {"display_name": "Now named"})


async def test_the_users_list_opens_the_editor_creates_and_follows_a_save() -> None:
    app, store, app_id, user_id, recording = setup()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("u")
        users = await wait_for_screen(pilot, UsersScreen)
        await settle(pilot)
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, UserEditorScreen)
        await settle(pilot)
        assert screen.user_id == user_id and screen.crumb == "every.kind"
        await edit(pilot, screen, ("display_name",), "Renamed")
        await save(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is users)
        await settle(pilot)
        cell = users.query_one("#users-table").get_cell("row-0", "display_name")
        assert cell.plain == "Renamed"  # the row follows without r
        await pilot.press("c")
        created = await wait_for_screen(pilot, UserEditorScreen)
        await settle(pilot)
        assert created.user_id is None
        await pilot.press("ctrl+s")  # nothing set: asked, not previewed (no diff to confirm)
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert recording.writes[-1] == ("POST", {}) and created.user_id is not None
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is users)
        await settle(pilot)
        assert len(users.rows) == 2


async def test_readonly_has_no_mutating_key_and_no_editable_control() -> None:
    app, store, app_id, user_id, recording = setup(readonly=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        for action in ("save", "add", "remove"):
            assert screen.check_action(action, ()) is False
        screen.doc_tree.move_to(("channels", "sip", 0))
        await pilot.pause()
        await settle(pilot)
        assert all(r.control.disabled or not r.control.focusable
                   for r in screen.query(FieldRow) if not isinstance(r.control, TextArea))
        await pilot.press("ctrl+s", "a", "x")
        await settle(pilot)
        assert recording.writes == [] and app.screen is screen
        footer_keys = {b.binding.id for b in app.active_bindings.values()}
        assert not {"save", "add", "remove"} & footer_keys


async def test_export_then_apply_a_user_file(tmp_path) -> None:
    from vonage_tui.tui.screens.file_prompt import FilePromptModal

    app, store, app_id, user_id, recording = setup()
    target = tmp_path / "user.json"
    async with app.run_test(size=SMALL) as pilot:
        await open_user_editor(pilot, store, app_id, user_id)
        await pilot.press("e")
        prompt = await wait_for_screen(pilot, FilePromptModal)
        prompt.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        exported = json.loads(target.read_text())
        assert exported["channels"] == EVERY_KIND["channels"] and "_links" not in exported
        exported["display_name"] = "From the file"
        target.write_text(json.dumps(exported))
        await pilot.press("escape")
        await wait_for_screen(pilot, type(app.screen))
        await settle(pilot)
        await pilot.press("u")
        await wait_for_screen(pilot, UsersScreen)
        await settle(pilot)
        await pilot.press("a")
        prompt = await wait_for_screen(pilot, FilePromptModal)
        prompt.query_one(Input).value = str(target)
        await pilot.press("enter")
        preview = await wait_for_screen(pilot, DiffPreview)
        assert [change.name for change in preview.changes] == ["display_name"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert recording.writes == [("PATCH", {"display_name": "From the file"})]
        assert store.users[app_id][user_id]["display_name"] == "From the file"


async def test_leaving_the_editor_does_not_cancel_its_patch() -> None:
    # The save runs as an app worker: popping the editor while the PATCH is on its way must not
    # cancel it (it would leave the user changed on Vonage, or not, unreported).
    app, store, app_id, user_id, recording = setup()
    recording.held = asyncio.Event()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        await edit(pilot, screen, ("display_name",), "Left Behind")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, DiffPreview)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: recording.holding, "the PATCH held")
        app.pop_screen()
        await pilot.pause()
        recording.held.set()
        await wait_until(pilot, lambda: store.users[app_id][user_id].get("display_name")
                         == "Left Behind", "the PATCH applied")
        await settle(pilot)
        assert any("Saved" in line for line in notifications(app))


async def test_esc_cancels_a_held_patch_and_the_base_editor_says_so() -> None:
    # The user's save runs through the editors' shared seam (SaveRequest, SaveProgress): the
    # editor's request watch wraps the PATCH, so esc cancels it and says it may have happened;
    # the edits stay and the next save sends them.
    app, store, app_id, user_id, recording = setup()
    recording.held = asyncio.Event()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        await edit(pilot, screen, ("display_name",), "Held Back")
        screen.doc_tree.focus()
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, DiffPreview)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: recording.holding, "the PATCH held")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.saving, "the save to end")
        assert screen.status_note.startswith("Save cancelled: Vonage may or may not have it")
        assert app.screen is screen and screen.state.dirty
        assert recording.writes == []
        recording.held = None
        await save(pilot)
        assert recording.writes == [("PATCH", {"display_name": "Held Back"})]
        assert screen.status_note == "Saved" and not screen.state.dirty
