"""The last of issue 10's focus habits: a save leaves the focus in the field that was edited
(so the next esc leaves the field, not the editor); enter in the create form moves on before
the keys typed after it arrive; a text area is entered with its cursor at the end, as a
one-line field is."""

from __future__ import annotations

from textual.widgets import Input, SelectionList, TextArea

from tests.create_harness import open_form
from tests.editor_harness import (app_on, focus_field, open_editor, save_through_preview,
                                  store_with)
from tests.tui_harness import SMALL, burst, make_app, seeded_store, settle, wait_until
from tests.user_editor_harness import open_user_editor, row, save, setup
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.create_application import CreateApplicationScreen
from vonage_tui.tui.screens.user_editor import UserEditorScreen

CUSTOM_DATA = ("properties", "custom_data")
BASE_URL = [*"https://x.io"]


async def test_a_save_in_the_application_editor_keeps_the_focus_in_the_edited_field() -> None:
    store, (app_id,) = store_with({"name": "Initech IVR"})
    async with app_on(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await focus_field(pilot, screen, ("name",))
        await pilot.press(*" v2")
        await settle(pilot)
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: store.applications[app_id]["name"] == "Initech IVR v2")
        await settle(pilot)
        focused = pilot.app.focused
        assert isinstance(focused, Input) and focused.value == "Initech IVR v2"
        assert screen.fields.focused_path() == ("name",)
        await pilot.press("escape")  # leaves the field, not the editor
        await pilot.pause()
        assert isinstance(pilot.app.screen, ApplicationEditorScreen)
        assert pilot.app.focused is screen.doc_tree


async def test_a_save_in_the_user_editor_keeps_the_focus_in_the_edited_field() -> None:
    app, store, app_id, user_id, recording = setup(user={"name": "initech.ivr",
                                                         "display_name": "Initech IVR"})
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        screen.doc_tree.move_to(("display_name",))
        await pilot.pause()
        await pilot.press("enter", *" v2")
        await settle(pilot)
        await save(pilot)
        await wait_until(pilot, lambda: bool(recording.writes))
        await settle(pilot)
        assert screen.fields.focused_path() == ("display_name",)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, UserEditorScreen)
        assert pilot.app.focused is screen.doc_tree


async def test_enter_in_the_create_form_moves_on_before_the_keys_typed_after_it() -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await settle(pilot)
        form = await open_form(pilot, [])
        await settle(pilot)
        # One burst: the space after enter toggles the first capability, not the name.
        burst(pilot.app, [*"Stark", "enter", "space"])
        await settle(pilot)
        assert form.query_one("#create-name", Input).value == "Stark"
        capabilities = form.query_one("#create-capabilities", SelectionList)
        assert pilot.app.focused is capabilities
        assert capabilities.selected == ["voice"]


async def test_a_burst_from_the_list_fills_the_create_form_field_by_field() -> None:
    app = make_app(seeded_store(apps=5))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        burst(app, [*"cStark", "enter", "space"])  # typed while the form is still opening
        await wait_until(pilot, lambda: isinstance(app.screen, CreateApplicationScreen))
        await settle(pilot)
        assert app.screen.query_one("#create-name", Input).value == "Stark"
        assert app.screen.query_one("#create-capabilities", SelectionList).selected == ["voice"]


async def test_tab_from_the_capabilities_then_typing_fills_the_base_url() -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await settle(pilot)
        form = await open_form(pilot, [])
        await settle(pilot)
        # Tab at a list is a binding that ran a message late: the URL's letters went to the list.
        burst(pilot.app, [*"Stark", "enter", "space", "tab", *BASE_URL])
        await settle(pilot)
        assert form.query_one("#create-name", Input).value == "Stark"
        assert form.query_one("#create-capabilities", SelectionList).selected == ["voice"]
        assert form.query_one("#create-base-url", Input).value == "https://x.io"


async def test_a_burst_from_the_list_fills_three_fields_of_the_create_form() -> None:
    app = make_app(seeded_store(apps=5))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        burst(app, ["c", *"Stark", "enter", "space", "tab", *BASE_URL])
        await wait_until(pilot, lambda: isinstance(app.screen, CreateApplicationScreen))
        await settle(pilot)
        assert app.screen.query_one("#create-name", Input).value == "Stark"
        assert app.screen.query_one("#create-capabilities", SelectionList).selected == ["voice"]
        assert app.screen.query_one("#create-base-url", Input).value == "https://x.io"


async def test_a_burst_from_the_list_tabs_out_of_the_name_while_the_form_opens() -> None:
    """The keys typed while the form opens are held, then handed on: tab out of the name field
    must move on before the space after it is handed to the same field."""
    app = make_app(seeded_store(apps=5))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        burst(app, ["c", *"Stark", "tab", "space", "tab", *BASE_URL])
        await wait_until(pilot, lambda: isinstance(app.screen, CreateApplicationScreen))
        await settle(pilot)
        assert app.screen.query_one("#create-name", Input).value == "Stark"
        assert app.screen.query_one("#create-capabilities", SelectionList).selected == ["voice"]
        assert app.screen.query_one("#create-base-url", Input).value == "https://x.io"


async def test_the_public_key_area_is_entered_with_the_cursor_at_its_end() -> None:
    store, (app_id,) = store_with({"name": "Initech IVR"})
    async with app_on(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        area = await focus_field(pilot, screen, ("keys", "public_key"))
        await pilot.pause()
        assert isinstance(area, TextArea)
        assert area.cursor_location == area.document.end


async def test_the_custom_data_area_is_entered_with_the_cursor_at_its_end() -> None:
    app, store, app_id, user_id, _ = setup(user={"name": "initech.ivr",
                                                 "properties": {"custom_data": {"team": "ops"}}})
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        screen.doc_tree.move_to(CUSTOM_DATA[:1])
        await pilot.pause()
        assert row(screen, CUSTOM_DATA).focus_control()
        await pilot.pause()
        area = pilot.app.focused
        assert isinstance(area, TextArea) and area.text.endswith("}")
        assert area.cursor_location == area.document.end
