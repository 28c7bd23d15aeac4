"""The application editor, driven through Pilot against the in-process emulator."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
from textual.widgets import Input, Select, Switch

from tests.editor_harness import (
    ANSWER,
    UNKNOWN_FIELDS_APP,
    VOICE,
    app_on,
    focus_field,
    kitchen_sink,
    label,
    open_editor,
    retype,
    row,
    save_through_preview,
    store_with,
    type_keys,
)
from tests.tui_harness import (
    SMALL,
    make_app,
    notifications,
    seeded_store,
    settle,
    wait_for_screen,
    wait_until,
)
from vonage_tui.models import CAPABILITY_NAMES
from vonage_tui.models.documents import set_path
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.application_editor_modals import CapabilityPicker, ConflictModal
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.widgets.field_row import FieldRow

# -- loading and the tree ----------------------------------------------------------------------


async def test_load_failure_is_shown_then_every_capability_loads_into_the_tree() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        missing = ApplicationEditorScreen("no-such-app")
        app.push_screen(missing)
        await settle(pilot)
        assert missing.state is None
        assert "Could not load" in missing.status_note
        assert missing.check_action("save", ()) is None
        await pilot.press("escape")  # nothing loaded, nothing to lose
        await wait_for_screen(pilot, ApplicationsScreen)

        screen = await open_editor(pilot, app_id)
        capabilities = screen.doc_tree.node_for(("capabilities",))
        assert capabilities is not None
        names = [child.data.key for child in capabilities.children]
        assert names == list(CAPABILITY_NAMES)
        assert screen.crumb == store.applications[app_id]["name"]
        # Video: its storage, and every one of the 15 webhooks, set or offered.
        video_hooks = screen.doc_tree.node_for(("capabilities", "video", "webhooks"))
        assert len(video_hooks.children) == 15
        offered = [c.data.key for c in video_hooks.children if c.data.kind == "absent"]
        assert offered and all("(not set)" in label(screen, c.data.path)
                               for c in video_hooks.children if c.data.kind == "absent")
        assert screen.doc_tree.node_for(("capabilities", "video", "storage")) is not None
        assert "read-only" in label(screen, (*VOICE, "payments"))
        # The root panel shows the id (read-only) and the name.
        assert {r.path for r in screen.query(FieldRow)} >= {("id",), ("name",)}


# -- editing -------------------------------------------------------------------------------
# One app start for the editing flows: each section starts from what the last one left.


async def test_editing_marks_controls_limits_and_clearing() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)

        # A changed field is marked on its row and on every node up to the root.
        await focus_field(pilot, screen, (*VOICE, "conversations_ttl"))
        await retype(pilot, "100")
        for path in [(), ("capabilities",), VOICE, (*VOICE, "conversations_ttl")]:
            assert label(screen, path).endswith("•"), path
        for path in [("name",), ("capabilities", "messages"), (*VOICE, "webhooks")]:
            assert "•" not in label(screen, path), path
        assert row(screen, (*VOICE, "conversations_ttl")).has_class("-changed")
        assert "1 unsaved change" in str(screen.query_one("#editor-status").render())

        # A select and a switch; switching back is no change.
        method = (*ANSWER, "http_method")
        before = screen.state.working["capabilities"]["voice"]["webhooks"]["answer_url"][
            "http_method"]
        select = await focus_field(pilot, screen, method)
        assert isinstance(select, Select)
        await pilot.press("enter")  # open the list
        await pilot.press("down" if before == "GET" else "up", "enter")
        await pilot.pause()
        after = "POST" if before == "GET" else "GET"
        assert screen.state.working["capabilities"]["voice"]["webhooks"]["answer_url"][
            "http_method"] == after
        assert label(screen, method).endswith("•")
        signed = (*VOICE, "signed_callbacks")
        was = screen.state.working["capabilities"]["voice"]["signed_callbacks"]
        switch = await focus_field(pilot, screen, signed)
        assert isinstance(switch, Switch)
        await pilot.press("space")
        assert screen.state.working["capabilities"]["voice"]["signed_callbacks"] is (not was)
        await pilot.press("space")
        assert signed not in screen.state.changed_paths()

        # A number: valid, then out of range, then not a number.
        field = (*ANSWER, "connect_timeout")
        control = await focus_field(pilot, screen, field)
        assert isinstance(control, Input)
        await type_keys(pilot, "700")
        assert screen.state.working["capabilities"]["voice"]["webhooks"]["answer_url"][
            "connect_timeout"] == 700
        assert "300–1000 ms" in str(row(screen, field).query_one(".field-limits").render())
        await retype(pilot, "7000")
        # Not applied: the working copy keeps the last valid value; the reason is at the field.
        assert screen.state.working["capabilities"]["voice"]["webhooks"]["answer_url"][
            "connect_timeout"] == 700
        error = row(screen, field).query_one(".field-error")
        assert error.display and "must be between 300 and 1000 ms" in str(error.render())
        assert label(screen, ANSWER).endswith("!")
        # Save is refused, naming the field.
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, DiffPreview)
        assert any("answer_url.connect_timeout must be between" in n for n in notifications(app))
        control.focus()
        await retype(pilot, "5e2")
        assert "must be a whole number" in str(row(screen, field).query_one(".field-error").render())
        await retype(pilot, "800")
        assert screen.state.invalid() == {}
        assert not row(screen, field).query_one(".field-error").display

        # Clearing an optional address or text unsets it; clearing a required one is refused.
        redirect = ("capabilities", "network_apis", "redirect_uri")
        await focus_field(pilot, screen, redirect)
        await retype(pilot, "")
        assert "redirect_uri" not in screen.state.working["capabilities"]["network_apis"]
        assert screen.state.invalid() == {}
        assert "(not set)" in str(row(screen, redirect).query_one(".field-label").render())
        assert row(screen, redirect).control.placeholder == "(not set)"
        assert screen.doc_tree.node_for(redirect) is None  # the tree shows what is set
        version = ("capabilities", "messages", "version")
        await focus_field(pilot, screen, version)
        await retype(pilot, "")
        assert "version" not in screen.state.working["capabilities"]["messages"]
        removed = {change.path for change in screen.state.changes() if change.kind == "removed"}
        assert removed == {redirect, version}
        await retype(pilot, "v1")  # typed again: back in its place, no change
        assert list(screen.state.working["capabilities"]["messages"])[0] == "version"
        await focus_field(pilot, screen, ("name",))
        await retype(pilot, "")
        assert screen.state.invalid() == {("name",): "is required"}
        assert "is required" in str(row(screen, ("name",)).query_one(".field-error").render())


# -- adding and removing ---------------------------------------------------------------------


async def pick_capability(pilot: Any, name: str) -> list[str]:
    """Add a capability with a then the picker; returns the names the picker offered."""
    await pilot.press("a")
    picker = await wait_for_screen(pilot, CapabilityPicker)
    await pilot.press(*["down"] * picker.names.index(name), "enter")
    await wait_for_screen(pilot, ApplicationEditorScreen)
    return picker.names


async def test_add_and_remove_a_capability_and_a_webhook() -> None:
    store, (app_id,) = store_with({"name": "Voice only", "capabilities": {
        "voice": copy.deepcopy(UNKNOWN_FIELDS_APP["capabilities"]["voice"])}})
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        screen.doc_tree.move_to(("capabilities",))
        offered = await pick_capability(pilot, "rtc")
        assert "voice" not in offered and "rtc" in offered
        address = ("capabilities", "rtc", "webhooks", "event_url", "address")
        assert screen.state.working["capabilities"]["rtc"]["webhooks"]["event_url"]["address"] == ""
        assert screen.state.invalid() == {address: "is required"}
        assert label(screen, ("capabilities", "rtc")).endswith("!")
        await focus_field(pilot, screen, address)
        await retype(pilot, "https://rtc.example/events")
        assert screen.state.invalid() == {}
        # Network APIs' fields are optional: added as "not set", not as invalid empty text.
        screen.doc_tree.focus()
        await pick_capability(pilot, "network_apis")
        assert screen.state.working["capabilities"]["network_apis"] == {}
        assert screen.state.invalid() == {}
        # An optional webhook that is not set is offered; enter adds it.
        fallback = (*VOICE, "webhooks", "fallback_answer_url")
        assert "(not set)" in label(screen, fallback)
        screen.doc_tree.focus()
        screen.doc_tree.move_to(fallback)
        await pilot.press("enter")
        assert screen.state.working["capabilities"]["voice"]["webhooks"]["fallback_answer_url"][
            "http_method"] == "GET"
        # Remove it again, and the capabilities: each asks first.
        screen.doc_tree.move_to(fallback)
        await pilot.press("x")
        modal = await wait_for_screen(pilot, ConfirmModal)
        assert "fallback_answer_url" in modal.title_text
        await pilot.press("y")
        await wait_for_screen(pilot, ApplicationEditorScreen)
        screen.doc_tree.move_to(("capabilities", "rtc"))
        await pilot.pause()
        await pilot.press("delete")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("escape")  # cancelled: still there
        await wait_for_screen(pilot, ApplicationEditorScreen)
        assert "rtc" in screen.state.working["capabilities"]
        await pilot.press("x")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await wait_for_screen(pilot, ApplicationEditorScreen)
        assert [change.path for change in screen.state.changes()] == [
            ("capabilities", "network_apis")]
        assert screen.doc_tree.node_for(("capabilities", "rtc")) is None


# -- saving ----------------------------------------------------------------------------------


async def test_save_then_each_answer_to_a_conflict() -> None:
    store, (app_id,) = store_with(UNKNOWN_FIELDS_APP)
    before = copy.deepcopy(store.applications[app_id])
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        # A save changes only the edited field and keeps the fields the editor doesn't know.
        await focus_field(pilot, screen, (*ANSWER, "socket_timeout"))
        await retype(pilot, "4000")
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: screen.status_note == "Saved", "the save")
        after = store.applications[app_id]
        expected = set_path(before, (*ANSWER, "socket_timeout"), 4000)
        assert after == expected
        assert json.dumps(after) == json.dumps(expected)  # key order too
        assert not screen.state.dirty
        assert "•" not in label(screen, ())
        assert any("Saved" in n for n in notifications(app))
        saved = copy.deepcopy(after)

        # Changed on the server since: Cancel sends nothing and keeps the edit.
        await focus_field(pilot, screen, (*VOICE, "conversations_ttl"))
        await retype(pilot, "96")
        store.applications[app_id]["name"] = "Renamed elsewhere"  # behind the editor's back
        remote = copy.deepcopy(store.applications[app_id])
        await save_through_preview(pilot)
        await wait_for_screen(pilot, ConflictModal)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.saving, "the save to stop")
        assert store.applications[app_id] == remote
        assert screen.state.working["capabilities"]["voice"]["conversations_ttl"] == 96
        # Reload: the server's version replaces the edits.
        await save_through_preview(pilot)
        conflict = await wait_for_screen(pilot, ConflictModal)
        assert [change.path for change in conflict.remote_changes] == [("name",)]
        await pilot.click("#reload")
        await wait_for_screen(pilot, ApplicationEditorScreen)
        await settle(pilot)
        assert store.applications[app_id] == remote  # nothing was sent
        assert screen.state.working["name"] == "Renamed elsewhere"
        assert screen.state.working["capabilities"]["voice"]["conversations_ttl"] == 48
        assert not screen.state.dirty
        assert screen.crumb == "Renamed elsewhere"
        # Overwrite: the editor's version replaces the server's.
        await focus_field(pilot, screen, (*VOICE, "conversations_ttl"))
        await retype(pilot, "96")
        store.applications[app_id]["name"] = "Renamed again"
        await save_through_preview(pilot)
        await wait_for_screen(pilot, ConflictModal)
        await pilot.click("#overwrite")
        await wait_until(pilot, lambda: screen.status_note == "Saved", "the save")
        expected = set_path(set_path(saved, ("name",), "Renamed elsewhere"),
                            (*VOICE, "conversations_ttl"), 96)
        assert store.applications[app_id] == expected


INVALID_PARAMETERS = {
    "type": "https://developer.vonage.com/api-errors#invalid-parameters",
    "title": "Bad Request",
    "detail": "The request failed due to validation errors",
    "invalid_parameters": [
        {"name": "capabilities.voice.webhooks.answer_url.address",
         "reason": "must not point at a private network"},
        {"name": "capabilities.voice.region", "reason": "is not enabled for this account"},
    ],
}


class FailingPuts(httpx.AsyncBaseTransport):
    """PUT requests fail: the network drops them ("refuse") or Vonage answers a 400 with
    invalid_parameters ("reject"). Other requests reach the emulator."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.mode = "refuse"

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "PUT":
            return await self.inner.handle_async_request(request)
        if self.mode == "refuse":
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(400, json=INVALID_PARAMETERS,
                              headers={"content-type": "application/problem+json"})


async def test_failed_saves_keep_every_edit() -> None:
    store, (app_id,) = store_with(UNKNOWN_FIELDS_APP)
    before = copy.deepcopy(store.applications[app_id])
    transports: list[FailingPuts] = []

    def failing(inner: httpx.AsyncBaseTransport) -> FailingPuts:
        transports.append(FailingPuts(inner))
        return transports[-1]

    app = app_on(store, transport=failing)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        # The network fails: nothing changes, every edit stays.
        await focus_field(pilot, screen, (*VOICE, "conversations_ttl"))
        await retype(pilot, "96")
        working = copy.deepcopy(screen.state.working)
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: "kept" in screen.status_note, "the failure")
        await wait_until(pilot, lambda: not screen.saving, "the save to stop")
        assert store.applications[app_id] == before
        assert screen.state.working == working and screen.state.dirty
        assert any("Not saved" in n and "edits are kept" in n for n in notifications(app))
        assert label(screen, VOICE).endswith("•")

        # A 400: each reason lands on its field; the edits stay.
        transports[0].mode = "reject"
        address = (*ANSWER, "address")
        await focus_field(pilot, screen, address)
        await retype(pilot, "https://10.0.0.1/a")
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: screen.state.server_errors, "the 400")
        await wait_until(pilot, lambda: not screen.saving, "the save to stop")
        assert store.applications[app_id] == before
        assert screen.state.working["capabilities"]["voice"]["webhooks"]["answer_url"][
            "address"] == "https://10.0.0.1/a"
        assert screen.state.working["capabilities"]["voice"]["conversations_ttl"] == 96
        assert label(screen, ANSWER).endswith("!")
        screen.doc_tree.move_to(address)
        await pilot.pause()
        error = row(screen, address).query_one(".field-error")
        assert "must not point at a private network" in str(error.render())
        # region is not set: its row (an empty select) carries the reason.
        screen.doc_tree.move_to(VOICE)
        await pilot.pause()
        assert "not enabled" in str(row(screen, (*VOICE, "region")).query_one(".field-error").render())
        assert any("private network" in n for n in notifications(app))
        # Editing the field clears the server's reason for it.
        await focus_field(pilot, screen, address)
        await retype(pilot, "https://public.example/a")
        assert address not in screen.state.server_errors


# -- reloading, copying, leaving, read-only ------------------------------------------------


async def test_reload_copy_id_then_leaving_asks_first() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await pilot.press("y")
        assert app.clipboard == app_id
        # Nothing unsaved: r reloads at once.
        store.applications[app_id]["name"] = "Changed meanwhile"
        await pilot.press("r")
        await settle(pilot)
        assert screen.state.working["name"] == "Changed meanwhile"
        # With an edit, r asks first.
        await focus_field(pilot, screen, ("name",))
        await retype(pilot, "Mine")
        assert screen.crumb == "Mine"
        screen.doc_tree.focus()
        await pilot.press("r")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await wait_for_screen(pilot, ApplicationEditorScreen)
        await settle(pilot)
        assert screen.state.working["name"] == "Changed meanwhile"

        await focus_field(pilot, screen, ("name",))
        await retype(pilot, "New name")
        await pilot.press("escape")  # from a field: back to the tree
        assert app.focused is screen.doc_tree
        await pilot.press("escape")
        modal = await wait_for_screen(pilot, ConfirmModal)
        assert "Discard" in modal.title_text
        await pilot.press("escape")  # no: stay
        await wait_for_screen(pilot, ApplicationEditorScreen)
        assert screen.state.working["name"] == "New name"
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await wait_for_screen(pilot, ApplicationsScreen)


async def test_readonly_has_no_editing_controls_or_keys() -> None:
    store = seeded_store(apps=2, users_per_app=0)
    app_id = kitchen_sink(store)
    before = copy.deepcopy(store.applications[app_id])
    app = make_app(store, readonly=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        shown = {binding.action for (_, binding, enabled, _) in screen.active_bindings.values()
                 if enabled}
        assert not shown & {"save", "add", "remove", "rotate_key"}
        assert "export" in shown  # writes a local file; changes nothing on Vonage
        screen.doc_tree.move_to(ANSWER)
        await pilot.pause()
        controls = list(screen.query(Input)) + list(screen.query(Select))
        assert controls and all(control.disabled for control in controls)
        for key in ("ctrl+s", "a", "x", "delete", "ctrl+r"):
            await pilot.press(key)
            assert app.screen is screen, key
        fallback = (*VOICE, "webhooks", "fallback_answer_url")
        if screen.doc_tree.node_for(fallback) is not None and "(not set)" in label(screen, fallback):
            screen.doc_tree.move_to(fallback)
            await pilot.press("enter")
        # No warning about replacing the public key where it cannot be replaced.
        screen.doc_tree.move_to(("keys", "public_key"))
        await pilot.pause()
        assert not screen.query(".field-key-warning")
        assert screen.state.changes() == []
        assert store.applications[app_id] == before
        await pilot.press("escape")  # nothing to lose: leaves without asking
        await wait_for_screen(pilot, ApplicationsScreen)
