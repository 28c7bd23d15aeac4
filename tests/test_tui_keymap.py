"""Verbs are remapped by id from keymap.toml in the config dir: on every screen at once, and
an unknown id or a clash is reported at start-up and not applied."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.tui_harness import make_app, seeded_store, settle, wait_until
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.keymap import KeymapCheck, KeymapError, check_keymap, keymap_path, load_keymap
from vonage_tui.tui.keymap_scopes import binding_scopes
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.help import keys_of


def write_keymap(text: str) -> None:
    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_no_file_means_no_remapping():
    assert load_keymap() == {}


def test_bad_file_is_reported_not_fatal():
    write_keymap("[keymap]\nquit = 3\n")
    with pytest.raises(KeymapError, match="binding ids to key strings"):
        load_keymap()


async def test_remapped_key_drives_the_action():
    write_keymap('[keymap]\n"page.next" = "J"\n')
    app = make_app(seeded_store(apps=30))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("J")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#page-status", Static).render())
        assert status.startswith("page 2 of 2")


async def test_broken_keymap_starts_with_defaults_and_says_why():
    write_keymap("not toml [[[")
    app = make_app(seeded_store(apps=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Keymap ignored" == n.title for n in app._notifications)


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == "Keymap: entries not applied"]


async def test_a_remapped_verb_moves_on_every_screen():
    write_keymap('[keymap]\ncopy_id = "Y"\n')
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not notices(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""  # the old key no longer copies
        await pilot.press("Y")
        await pilot.pause()
        listed = app.clipboard
        assert listed in store.applications
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen)
                         and app.screen.state is not None)
        editor = app.screen
        app.copy_to_clipboard("")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == editor.app_id == listed
        assert {row.binding_id: row.keys for row in keys_of(editor)}["copy_id"] == "Y"


async def test_unknown_ids_and_clashes_are_reported_and_not_applied():
    write_keymap('[keymap]\ncopy_id = "Y"\n"editor.copy_id" = "z"\nrefrsh = "x"\n'
                 'refresh = "d"\nhelp = "ctrl+p"\n')
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        [notice] = notices(app)
        assert "'editor.copy_id': no such binding id (did you mean 'copy_id'?)" in notice
        assert "'refrsh': no such binding id (did you mean 'refresh'?)" in notice
        assert "'refresh' = 'd': that key is already delete on applications" in notice
        assert "'help' = 'ctrl+p': that key is already Textual's command_palette" in notice
        assert "The other entries are in force." in notice
        # The valid entry is in force, the refused ones are not.
        assert app._keymap == {"copy_id": "Y"}
        rows = {row.binding_id: row.keys for row in keys_of(app.screen)}
        assert rows["refresh"] == "r" and rows["delete"] == "d" and rows["copy_id"] == "Y"


def test_refusing_an_entry_rechecks_the_key_it_gives_back():
    # refresh can't have d (delete's), so it stays on r, which copy_id had asked for.
    scopes = binding_scopes(VonageApp)
    checked = check_keymap({"copy_id": "r", "refresh": "d", "filter": "f"}, scopes)
    assert checked.applied == {"filter": "f"}
    assert [line.split(":")[0] for line in checked.problems] == ["'refresh' = 'd'",
                                                                 "'copy_id' = 'r'"]


def test_swapping_two_keys_is_no_clash():
    checked = check_keymap({"page.next": "p", "page.previous": "n"}, binding_scopes(VonageApp))
    assert checked == KeymapCheck({"page.next": "p", "page.previous": "n"}, [])
    # But y is also the no-keyring screen's copy: refresh can't have it there.
    checked = check_keymap({"copy_id": "r", "refresh": "y"}, binding_scopes(VonageApp))
    assert "'refresh' = 'y': that key is already copy on no keyring" in checked.problems[0]


def test_a_verb_may_take_the_key_textual_gives_the_same_verb():
    scopes = binding_scopes(VonageApp)
    assert check_keymap({"quit": "ctrl+q"}, scopes).problems == []
    [clash] = check_keymap({"help": "ctrl+q"}, scopes).problems
    assert "that key is already quit on" in clash


def test_what_the_user_wrote_is_shown_inert():
    checked = check_keymap({"\x1b[31mred\x07": "x"}, binding_scopes(VonageApp))
    [line] = checked.problems
    assert "\x1b" not in line and "\x07" not in line and "\\x1b[31mred\\x07" in line
