"""`?` lists the live keys of the screen underneath, with their ids for remapping."""

from __future__ import annotations

from tests.tui_harness import make_app, seeded_store, settle
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.help import HelpScreen, keys_of


async def test_help_lists_the_screens_keys_and_closes_with_esc():
    app = make_app(seeded_store(apps=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = {row.binding_id: row for row in keys_of(app.screen)}
        assert rows["page.next"].keys == "n ]"
        assert rows["create"].description == "Create"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationsScreen)


async def test_help_follows_the_keymap_and_read_only():
    app = make_app(seeded_store(apps=3), readonly=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_keymap({"page.next": "J"})
        await pilot.pause()
        rows = {row.binding_id: row for row in keys_of(app.screen)}
        assert rows["page.next"].keys == "J"
        assert "create" not in rows and "delete" not in rows


async def test_command_palette_offers_the_screens_actions():
    from textual.app import SystemCommand

    app = make_app(seeded_store(apps=30))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)
                    if isinstance(c, SystemCommand)}
        assert "Create" in commands and "Next page" in commands
        await commands["Next page"].callback()
        await settle(pilot)
        assert app.screen.state.page == 2


async def test_the_k9s_movement_keys_scroll_the_help():
    app = make_app(seeded_store(apps=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0  # at 80×24 the applications' keys need scrolling
        await pilot.press("j", "j")
        await pilot.pause()
        assert body.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert body.scroll_y == 1
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert body.scroll_y > 2
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert body.scroll_y == 0
