"""k9s habits (issue 10, keys): j/k/g/G and ctrl+f/ctrl+b move in every list and the editor's
tree, rotate is ctrl+r, `:` is a command line, keys typed fast are never lost, a mutating key
in --readonly says so, delete takes the id, and the palette lists each command once."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Input, OptionList, Static

from vonage_tui.credentials.key_vault import MemoryKeyVault
from tests.tui_harness import SMALL, burst, make_app, seeded_store, settle, wait_until
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.command_line import CommandLineModal
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.create_application import CreateApplicationScreen
from vonage_tui.tui.screens.delete_application import DeleteApplicationModal
from vonage_tui.tui.screens.help import HelpScreen
from vonage_tui.tui.screens.private_keys import PrivateKeysScreen
from vonage_tui.tui.screens.users import UsersScreen
from vonage_tui.tui.widgets.app_header import AppHeader


def cursor(app: Any, selector: str) -> int:
    return app.screen.query_one(selector, DataTable).cursor_row


def notifications(app: Any) -> list[str]:
    return [str(notice.message) for notice in app._notifications]


async def test_j_k_g_G_and_pages_move_the_applications_list():
    app = make_app(seeded_store(apps=30))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = "#applications-table"
        await pilot.press("j", "j", "j")
        assert cursor(app, table) == 3
        await pilot.press("k")
        assert cursor(app, table) == 2
        await pilot.press("G")
        assert cursor(app, table) == 19  # the page's last row (20 per page)
        await pilot.press("g")
        assert cursor(app, table) == 0
        await pilot.press("ctrl+f")
        paged = cursor(app, table)
        assert paged > 1
        await pilot.press("ctrl+b")
        assert cursor(app, table) == 0
        await pilot.press("down")  # the arrows still work
        assert cursor(app, table) == 1


async def test_j_in_the_filter_is_a_letter_not_a_move():
    app = make_app(seeded_store(apps=30))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", "j", "k", "g", "G")
        assert app.screen.query_one("#filter-input", Input).value == "jkgG"


async def test_j_and_k_move_the_users_list():
    store = seeded_store(apps=3, users_per_app=6)
    app = make_app(store, vault=MemoryKeyVault({app_id: store.private_key_for(app_id)
                                                for app_id in store.applications}))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, UsersScreen))
        await settle(pilot)
        assert app.screen.query_one("#users-table", DataTable).row_count >= 3
        await pilot.press("j", "j")
        assert cursor(app, "#users-table") == 2
        await pilot.press("k")
        assert cursor(app, "#users-table") == 1
        await pilot.press("G")
        assert cursor(app, "#users-table") == app.screen.query_one("#users-table",
                                                                   DataTable).row_count - 1
        await pilot.press("g")
        assert cursor(app, "#users-table") == 0


async def test_j_k_g_G_move_the_editor_tree():
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.push_screen(ApplicationEditorScreen(next(iter(store.applications))))
        await settle(pilot)
        tree = app.screen.doc_tree
        tree.focus()
        await pilot.press("g")
        assert tree.cursor_line == 0
        await pilot.press("j", "j")
        assert tree.cursor_line == 2
        await pilot.press("k")
        assert tree.cursor_line == 1
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        assert isinstance(app.screen, ApplicationEditorScreen)  # k is not rotate any more


async def test_ctrl_r_rotates_and_k_does_not():
    app = make_app(seeded_store(apps=5))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("j", "k")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "Rotate" in app.screen.title_text


async def command(pilot: Any, text: str) -> CommandLineModal:
    app = pilot.app
    await pilot.press("colon")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandLineModal))
    modal = app.screen
    await pilot.press(*text)
    return modal


async def test_command_line_commands():
    app = make_app(seeded_store(apps=5))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        home = app.screen
        await command(pilot, "users")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, UsersScreen))
        await settle(pilot)
        await command(pilot, "apps")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is home)
        await command(pilot, "keys")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PrivateKeysScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home)
        await command(pilot, "help")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home)
        await command(pilot, "q")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app._exit)


async def test_tab_completes_and_an_unknown_command_says_so_and_does_nothing():
    app = make_app(seeded_store(apps=5))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        modal = await command(pilot, "us")
        await pilot.press("tab")
        assert modal.query_one("#command-input", Input).value == "users"
        modal.query_one("#command-input", Input).value = ""
        await pilot.press(*"zzqx")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal
        assert "No command or application 'zzqx'" in str(
            modal.query_one("#command-message", Static).render())


async def test_command_line_opens_an_application_by_name_or_id_and_offers_several():
    store = seeded_store(apps=5)
    ids = list(store.applications)
    store.applications[ids[0]]["name"] = "Stark Industries"
    store.applications[ids[1]]["name"] = "Stark Tower"
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        home = app.screen
        await command(pilot, "Stark Tower")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        assert app.screen.app_id == ids[1]
        app.pop_screen()
        await settle(pilot)
        await command(pilot, ids[2])
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        assert app.screen.app_id == ids[2]
        app.pop_screen()
        await settle(pilot)
        assert app.screen is home
        modal = await command(pilot, "stark")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal
        options = modal.query_one("#command-candidates", OptionList)
        assert options.option_count == 2 and options.has_focus
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        assert app.screen.app_id == ids[1]  # sorted by name: Industries, then Tower


async def test_readonly_command_makes_the_session_read_only_for_good():
    app = make_app(seeded_store(apps=3))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        home = app.screen
        await command(pilot, "readonly")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is home)
        assert app.readonly and app.session.readonly
        assert "READ-ONLY" in str(home.query_one(AppHeader).render())
        assert "delete" not in {binding.action for (_, binding, enabled, _)
                                in app.screen.active_bindings.values() if enabled}
        assert any("read-only now" in note for note in notifications(app))
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is home
        assert any("This session is read-only: Delete" in note for note in notifications(app))


async def test_a_mutating_key_in_readonly_says_so():
    app = make_app(seeded_store(apps=3), readonly=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        home = app.screen
        for key in ("d", "c", "ctrl+r"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is home, key
        said = [note for note in notifications(app) if "This session is read-only" in note]
        assert len(said) == 3
        await pilot.press("j")  # a key that is live does not say it
        await pilot.pause()
        assert len([n for n in notifications(app) if "read-only" in n]) == 3


async def test_keys_typed_right_after_slash_reach_the_filter():
    app = make_app(seeded_store(apps=30))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        burst(app, [*"/Stark"])
        await settle(pilot)
        assert app.screen.query_one("#filter-input", Input).value == "Stark"


async def test_keys_typed_right_after_c_reach_the_name_field():
    app = make_app(seeded_store(apps=30))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        burst(app, [*"cStark"])
        await wait_until(pilot, lambda: isinstance(app.screen, CreateApplicationScreen))
        await settle(pilot)
        assert app.screen.query_one("#create-name", Input).value == "Stark"


async def test_keys_typed_right_after_colon_reach_the_command_line():
    app = make_app(seeded_store(apps=5))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        burst(app, [*":users"])
        await wait_until(pilot, lambda: isinstance(app.screen, CommandLineModal))
        await settle(pilot)
        assert app.screen.query_one("#command-input", Input).value == "users"


async def test_keys_typed_while_the_list_loads_are_kept():
    app = make_app(seeded_store(apps=30))
    async with app.run_test(size=SMALL) as pilot:
        burst(app, [*"/Stark"])  # before the first page has arrived
        await settle(pilot)
        assert app.screen.query_one("#filter-input", Input).value == "Stark"


async def test_delete_accepts_the_id_as_well_as_the_name():
    store = seeded_store(apps=2)
    app = make_app(store)
    app_id, document = next(iter(store.applications.items()))
    document["name"] = "東京テスト"
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        modal = DeleteApplicationModal(app_id, "東京テスト")
        await app.push_screen(modal)
        await wait_until(pilot, lambda: app.screen is modal)
        assert "name or id" in str(modal.query_one(".modal-message", Static).render())
        await pilot.press(*app_id)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is not modal)
    assert app_id not in store.applications


async def test_the_palette_lists_each_command_once():
    from textual.app import SystemCommand

    app = make_app(seeded_store(apps=3))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)
                  if isinstance(command, SystemCommand)]
        assert len(titles) == len(set(titles)), titles
        assert {"Quit", "Keys", "Help", "Command"} <= set(titles)


def test_interpret_reads_commands_ids_and_names():
    from vonage_tui.models import ApplicationSummary
    from vonage_tui.tui.commands import (ChooseApplication, OpenApplication, Refused, RunCommand,
                                         candidates, interpret)
    from vonage_tui.tui.search_index import ApplicationIndex

    index = ApplicationIndex()
    index.add([ApplicationSummary.from_document({"id": "id-1", "name": "Stark IVR"}),
               ApplicationSummary.from_document({"id": "id-2", "name": "Stark IVR v2"}),
               ApplicationSummary.from_document({"id": "id-3", "name": "東京 Clinic"})])
    index.complete = True
    assert interpret(" Users ", index) == RunCommand("users")
    assert interpret("quit", index) == RunCommand("q")
    assert interpret("id-3", index) == OpenApplication("id-3", "東京 Clinic")
    assert interpret("stark ivr", index) == OpenApplication("id-1", "Stark IVR")  # exact wins
    assert isinstance(interpret("stark", index), ChooseApplication)
    assert interpret("東京", index) == OpenApplication("id-3", "東京 Clinic")
    assert isinstance(interpret("nothing-like-it", index), Refused)
    assert isinstance(interpret("", index), Refused)
    assert [c for c, _ in candidates("p", index)] == ["profiles"]
    assert ("Stark IVR", "id-1") in candidates("stark", index)
