"""Typing in a field edits its value (issue 10): the cursor starts at the end, so enter then
` v2` appends; ctrl+u clears the field (shown in the footer) to type a new value. And Tab from
an editor's tree lands in its first field, where letters are text, not keys."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from tests.create_harness import open_form
from tests.editor_harness import app_on, focus_field, open_editor, store_with
from tests.tui_harness import SMALL, make_app, settle, shown_bindings
from tests.user_editor_harness import open_user_editor, setup
from vonage_tui.tui.screens.confirm import ConfirmModal


async def append_then_replace(pilot: Any, screen: Any) -> tuple[Any, Any]:
    """In the focused field: type ` v2`, read the name; ctrl+u, type `Fresh`, read it again."""
    await pilot.press("space", "v", "2")
    await settle(pilot)
    appended = screen.state.working["name"]
    await pilot.press("ctrl+u", *"Fresh")
    await settle(pilot)
    return appended, screen.state.working["name"]


async def test_enter_on_a_field_of_the_application_editor_appends_what_is_typed() -> None:
    store, (app_id,) = store_with({"name": "Initech IVR"})
    async with app_on(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        field = await focus_field(pilot, screen, ("name",))
        assert isinstance(field, Input) and field.cursor_position == len("Initech IVR")
        assert shown_bindings(screen).get("ctrl+u") == "Clear"
        assert await append_then_replace(pilot, screen) == ("Initech IVR v2", "Fresh")


async def test_enter_on_a_field_of_the_user_editor_appends_what_is_typed() -> None:
    app, store, app_id, user_id, _ = setup(user={"name": "initech.ivr",
                                                 "display_name": "Initech IVR"})
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        screen.doc_tree.move_to(("name",))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.focused, Input)
        assert shown_bindings(screen).get("ctrl+u") == "Clear"
        assert await append_then_replace(pilot, screen) == ("initech.ivr v2", "Fresh")


async def test_the_create_form_appends_to_a_field_typed_earlier() -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        await settle(pilot)
        form = await open_form(pilot, [])
        name = form.query_one("#create-name", Input)
        await pilot.press(*"Initech IVR")
        await pilot.press("tab", "shift+tab")  # away and back: the value is not selected
        await pilot.pause()
        assert pilot.app.focused is name
        await pilot.press("space", "v", "2")
        assert name.value == "Initech IVR v2"
        await pilot.press("ctrl+u", *"Fresh")
        assert name.value == "Fresh"


async def test_tab_from_the_user_editors_tree_goes_into_its_first_field() -> None:
    app, store, app_id, user_id, recording = setup(user={"name": "initech.ivr"})
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_user_editor(pilot, store, app_id, user_id)
        assert pilot.app.focused is screen.doc_tree
        await pilot.press("tab")
        await pilot.pause()
        focused = pilot.app.focused
        assert isinstance(focused, Input) and focused.value == "initech.ivr"
        # Letters are text here: `x` (remove) and `a` (add) are not run as keys.
        await pilot.press("x", "a")
        await settle(pilot)
        assert screen.state is not None and screen.state.working["name"] == "initech.ivrxa"
        assert not isinstance(pilot.app.screen, ConfirmModal) and pilot.app.screen is screen
        assert recording.writes == []


async def test_tab_from_the_application_editors_tree_goes_into_its_first_field() -> None:
    store, (app_id,) = store_with({"name": "Initech IVR"})
    async with app_on(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        assert pilot.app.focused is screen.doc_tree
        await pilot.press("tab", "x")
        await settle(pilot)
        assert screen.state is not None and screen.state.working["name"] == "Initech IVRx"
