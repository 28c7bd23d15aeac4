"""Every write updates the applications list and its `/` index at once, without `r`: a save in
the editor (rename, add a capability), create, delete, rotate (the Key column), apply, clone.

The writers announce what they did (``tui/announcements.py``); the list updates its own rows.
Each test makes sure the list could not have learnt it by reloading everything: the index is
left as it was built, and nothing presses `r`.
"""

from __future__ import annotations

import json
from typing import Any

from textual.widgets import DataTable, Input, Static

from tests.create_harness import fill
from tests.editor_harness import focus_field, retype, save_through_preview
from tests.tui_harness import SMALL, answer_path, make_app, seeded_store, settle, wait_until
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.create_application import CreateApplicationScreen
from vonage_tui.tui.screens.delete_application import DeleteApplicationModal
from vonage_tui.tui.screens.diff_preview import DiffPreview


def rows(screen: ApplicationsScreen) -> list[tuple[str, str, str, str]]:
    """(id, name, capabilities, key mark) of each row, as shown."""
    table = screen.query_one("#applications-table", DataTable)
    shown = []
    for row in table.ordered_rows:
        name, _, capabilities, key = (str(cell) for cell in table.get_row(row.key))
        shown.append((str(screen.rows[row.key.value].id), name, capabilities, key))
    return shown


def row_of(screen: ApplicationsScreen, app_id: str) -> tuple[str, str, str, str] | None:
    return next((row for row in rows(screen) if row[0] == app_id), None)


def index_names(screen: ApplicationsScreen, query: str) -> list[str]:
    return [str(application.name) for application in screen.index.search(query)]


async def filter_for(pilot: Any, screen: ApplicationsScreen, text: str) -> list[str]:
    """Type ``text`` after `/`; the names of the rows shown; then esc clears the filter."""
    await pilot.press("slash")
    screen.query_one("#filter-input", Input).value = text
    await pilot.pause()
    names = [row[1] for row in rows(screen)]
    await pilot.press("escape")  # back to the table (the input hands esc to the screen)
    await pilot.pause()
    if screen.filter_text is not None:
        await pilot.press("escape")
        await pilot.pause()
    return names


async def home(pilot: Any) -> ApplicationsScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ApplicationsScreen) and screen.index.complete
    return screen


async def back_to_list(pilot: Any, screen: ApplicationsScreen) -> None:
    await wait_until(pilot, lambda: pilot.app.screen is screen)
    await settle(pilot)


async def open_selected_editor(pilot: Any) -> ApplicationEditorScreen:
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ApplicationEditorScreen))
    await settle(pilot)
    editor = pilot.app.screen
    assert editor.state is not None
    return editor


async def leave_editor(pilot: Any, editor: ApplicationEditorScreen) -> None:
    editor.doc_tree.focus()
    await pilot.press("escape")


async def test_rename_in_the_editor_shows_in_the_list_and_the_filter_without_refresh():
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await home(pilot)
        app_id = screen.selected_id()
        old_name = str(store.applications[app_id]["name"])
        editor = await open_selected_editor(pilot)
        await focus_field(pilot, editor, ("name",))
        await retype(pilot, "Renamed by the editor")
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: editor.status_note == "Saved", "the save")
        await leave_editor(pilot, editor)
        await back_to_list(pilot, screen)
        assert row_of(screen, app_id)[1] == "Renamed by the editor"
        assert await filter_for(pilot, screen, "renamed by") == ["Renamed by the editor"]
        assert old_name not in index_names(screen, old_name)
    assert store.applications[app_id]["name"] == "Renamed by the editor"


async def test_a_capability_added_in_the_editor_shows_in_the_list_and_the_filter():
    store = seeded_store(apps=3)
    app_id = store.add_application({"name": "Only voice later", "capabilities": {}})["id"]
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await home(pilot)
        assert row_of(screen, app_id)[2] == ""
        assert "Only voice later" not in index_names(screen, "vbc")
        editor = ApplicationEditorScreen(app_id)
        await app.push_screen(editor)
        await settle(pilot)
        await editor.add(("capabilities", "vbc"))
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: editor.status_note == "Saved", "the save")
        await leave_editor(pilot, editor)
        await back_to_list(pilot, screen)
        assert row_of(screen, app_id)[2] == "vbc"
        assert "Only voice later" in await filter_for(pilot, screen, "vbc")


async def test_create_shows_the_new_application_in_the_list_and_the_filter():
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await home(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CreateApplicationScreen))
        fill(app.screen, name="Fresh from the form")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        # Created: the editor opens on it; the list behind it already knows.
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        await settle(pilot)
        new_id = app.screen.app_id
        assert index_names(screen, "fresh from") == ["Fresh from the form"]
        await leave_editor(pilot, app.screen)
        await back_to_list(pilot, screen)
        assert row_of(screen, new_id)[1:] == ("Fresh from the form", "", "✓")
        assert await filter_for(pilot, screen, "fresh from") == ["Fresh from the form"]


async def test_delete_takes_the_row_and_the_index_entry_away():
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await home(pilot)
        app_id = screen.selected_id()
        name = str(store.applications[app_id]["name"])
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DeleteApplicationModal))
        app.screen.query_one("#delete-typed", Input).value = name
        await pilot.press("enter")
        await back_to_list(pilot, screen)
        assert row_of(screen, app_id) is None
        assert len(rows(screen)) == 2
        assert app_id not in {str(a.id) for a in screen.index.search("")}
        assert "2 applications" in str(screen.query_one("#page-status", Static).render())
    assert app_id not in store.applications


async def test_rotate_from_the_list_marks_the_key_column():
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await home(pilot)
        app_id = screen.selected_id()
        assert row_of(screen, app_id)[3] == ""
        before = store.applications[app_id]["keys"]["public_key"]
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await back_to_list(pilot, screen)
        await wait_until(pilot, lambda: row_of(screen, app_id)[3] == "✓")
        # The index holds the application as it is now (its new public key).
        entry = next(a for a in screen.index.search("") if a.id == app_id)
        assert entry.public_key != before


async def test_apply_and_clone_show_in_the_list_and_the_filter(tmp_path):
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await home(pilot)
        app_id = screen.selected_id()
        document = dict(store.get_application(app_id))
        document["name"] = "Applied from a file"
        source = tmp_path / "applied.json"
        source.write_text(json.dumps(document))

        await pilot.press("a")
        await answer_path(pilot, source)
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await back_to_list(pilot, screen)
        assert row_of(screen, app_id)[1] == "Applied from a file"
        assert index_names(screen, "applied from") == ["Applied from a file"]

        document["name"] = "Cloned from a file"
        source.write_text(json.dumps(document))
        await pilot.press("C")
        await answer_path(pilot, source)
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await back_to_list(pilot, screen)
        await wait_until(pilot, lambda: any(row[1] == "Cloned from a file" for row in rows(screen)))
        assert await filter_for(pilot, screen, "cloned from") == ["Cloned from a file"]
        clone = next(row for row in rows(screen) if row[1] == "Cloned from a file")
        assert clone[0] != app_id and clone[3] == "✓"
