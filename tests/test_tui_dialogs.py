"""The footer and the dialogs (issue 10): `? Help` and `q Quit` on every main screen at 80×24,
each key whole; a dialog's footer lists the dialog's keys; its buttons say their keys, which
work; the diff preview opens on Save; a notification never covers a dialog's buttons."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Button
from textual.widgets._toast import Toast, ToastRack

from tests.tui_harness import SMALL, make_app, seeded_store, settle, wait_for_screen
from vonage_tui.models.documents import diff_documents
from vonage_tui.tui.footer_plan import FooterEntry, entry_width, plan_footer
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.command_line import CommandLineModal
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.delete_application import DeleteApplicationModal
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.screens.help import HelpScreen
from vonage_tui.tui.screens.private_keys import PrivateKeysScreen
from vonage_tui.tui.screens.restore_edits import RestoreEdits
from vonage_tui.tui.screens.users import UsersScreen
from vonage_tui.tui.widgets.steady_footer import ShownKey, SteadyFooter
from vonage_tui.tui.styles import stylesheets


def entry(verb: str, key: str, label: str) -> FooterEntry:
    return FooterEntry(verb, key, label)


LIST_KEYS = [entry("page.next", "n", "Next page"), entry("page.previous", "p", "Prev page"),
             entry("filter", "/", "Filter"), entry("refresh", "r", "Refresh"),
             entry("create", "c", "Create"), entry("delete", "d", "Delete"),
             entry("quit", "q", "Quit"), entry("help", "?", "Help")]
PALETTE = entry("palette", "^p", "palette")


def width_of(plan) -> int:
    return sum(entry_width(shown, plan.compact) for shown in plan.entries)


def test_plan_pins_help_and_quit_at_the_right_end_whatever_the_width():
    for width in (40, 60, 80, 200):
        plan = plan_footer(LIST_KEYS, width, PALETTE)
        assert [shown.verb_id for shown in plan.entries[-2:]] == ["help", "quit"]
        assert width_of(plan) <= width


def test_plan_keeps_the_roomy_style_and_the_palette_when_all_fits():
    plan = plan_footer(LIST_KEYS, 200, PALETTE)
    assert (plan.compact, plan.palette) == (False, True)
    assert len(plan.entries) == len(LIST_KEYS)


def test_plan_drops_the_palette_then_goes_compact_then_drops_the_least_essential():
    at_80 = plan_footer(LIST_KEYS, 80, PALETTE)
    assert (at_80.compact, at_80.palette, len(at_80.entries)) == (True, False, len(LIST_KEYS))
    at_50 = plan_footer(LIST_KEYS, 50, PALETTE)
    kept = [shown.verb_id for shown in at_50.entries]
    # Paging (unranked) goes before filter, create and delete; the order shown stays.
    assert "page.previous" not in kept and "page.next" not in kept
    assert kept == ["filter", "create", "delete", "help", "quit"]


def footer_keys(screen) -> list[ShownKey]:
    return list(screen.query_one(SteadyFooter).keys)


def footer_actions(screen) -> list[str]:
    return [key.action for key in footer_keys(screen)]


def assert_whole_at(screen, width: int) -> None:
    for key in footer_keys(screen):
        assert key.end <= width, f"{key.description!r} is cut at {key.start}..{key.end}"


@pytest.mark.parametrize("opening", ["list", "editor", "users", "keys"])
async def test_help_and_quit_show_whole_on_every_main_screen_at_80x24(opening):
    app = make_app(seeded_store(apps=45))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        kind = {"list": None, "editor": ApplicationEditorScreen, "users": UsersScreen,
                "keys": PrivateKeysScreen}[opening]
        if kind is not None:
            await pilot.press({"editor": "enter", "users": "u", "keys": "K"}[opening])
            await wait_for_screen(pilot, kind)
            await settle(pilot)
        actions = footer_actions(app.screen)
        assert "help" in actions
        assert any(action in ("quit", "quit_editor") for action in actions)
        assert_whole_at(app.screen, SMALL[0])


async def test_the_footer_refits_when_the_terminal_grows():
    app = make_app(seeded_store(apps=45))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.screen.query_one(SteadyFooter).compact
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        await pilot.pause()
        assert not app.screen.query_one(SteadyFooter).compact  # roomy again, palette back
        assert any(key.palette for key in footer_keys(app.screen))


async def test_a_dialog_shows_its_own_keys_not_the_screens_behind():
    app = make_app(seeded_store(apps=45))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("d")
        dialog = await wait_for_screen(pilot, DeleteApplicationModal)
        await pilot.pause()
        actions = footer_actions(dialog)
        assert "cancel" in actions
        assert "next_page" not in actions and "create" not in actions
        # The footer on the terminal's last row is the dialog's.
        footer = dialog.query_one(SteadyFooter)
        assert footer.region.bottom == SMALL[1]


class DialogApp(App[None]):
    """One dialog on an empty screen, answers collected."""

    CSS_PATH = stylesheets()

    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


def labels(screen) -> list[str]:
    return [str(button.label) for button in screen.query(Button)]


@pytest.mark.parametrize("key, answer", [("y", True), ("n", False), ("escape", False)])
async def test_confirm_says_and_takes_y_and_n(key, answer):
    app = DialogApp(ConfirmModal("Discard?", "Your edits go.", confirm_label="Discard",
                                 cancel_label="Keep editing"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert labels(app.screen) == ["y Discard", "n Keep editing"]
        assert {"confirm", "cancel"} <= set(footer_actions(app.screen))
        await pilot.press(key)
        await pilot.pause()
    assert app.answers == [answer]


def some_changes():
    return diff_documents({"name": "Old"}, {"name": "New"})


@pytest.mark.parametrize("key, answer", [("enter", True), ("ctrl+s", True), ("escape", False)])
async def test_diff_preview_opens_on_save(key, answer):
    app = DialogApp(DiffPreview("Save", some_changes()))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#confirm", Button)
        assert labels(app.screen) == ["^s Save", "esc Back"]
        said = [(key.action, key.description) for key in footer_keys(app.screen)]
        assert ("confirm", "Save") in said  # the footer names it as the button does
        await pilot.press(key)
        await pilot.pause()
    assert app.answers == [answer]


async def test_restore_edits_keeps_restore_as_its_default():
    app = DialogApp(RestoreEdits("Unsaved edits", some_changes(), note="Esc restores."))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#confirm", Button)
        assert labels(app.screen) == ["esc Restore", "Discard"]  # no key discards by accident
        await pilot.press("escape")
        await pilot.pause()
    assert app.answers == [True]


@pytest.mark.parametrize("keys, kind", [(("colon",), CommandLineModal),
                                         (("question_mark",), HelpScreen)])
async def test_command_line_and_help_have_their_own_footer(keys, kind):
    app = make_app(seeded_store(apps=5))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        dialog = await wait_for_screen(pilot, kind)
        await pilot.pause()
        assert footer_actions(dialog)
        assert "next_page" not in footer_actions(dialog)


@pytest.mark.parametrize("size", [SMALL, (200, 50)], ids=["80x24", "200x50"])
async def test_a_notification_never_covers_a_dialogs_buttons(size):
    app = make_app(seeded_store(apps=45))
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        dialog = await wait_for_screen(pilot, DeleteApplicationModal)
        for number in range(3):
            app.notify(f"Notice {number}: something happened in the background, at length "
                       "enough to wrap onto a second line.", title="Background")
        await pilot.pause()
        await pilot.pause()
        assert list(dialog.query(Toast)), "the notifications are on show"
        buttons = list(dialog.query(Button))
        assert buttons
        for button in buttons:
            # What the terminal shows on each cell of the button is the button, not a toast.
            region = button.region
            for y in range(region.y, region.bottom):
                for x in range(region.x, region.right):
                    widget, _ = dialog.get_widget_at(x, y)
                    assert widget is button, f"{widget!r} covers {button.label} at {x},{y}"


# -- the private keys screen (K): names next to ids, and `/` ----------------------------------

GONE_ID = "00000000-0000-4000-8000-00000000dead"


def key_rows(screen) -> list[tuple[str, str]]:
    table = screen.query_one("#keys-table")
    return [(str(table.get_cell(row, "name")), str(table.get_cell(row, "id")))
            for row in table.rows]


async def open_keys(pilot, vault, ids, *, forget_index: bool = False):
    for app_id in ids:
        await vault.put(app_id, "a PEM, as far as this screen cares")
    if forget_index:  # as if the list had not read them: the names come from Vonage
        pilot.app.home_screen().index.entries.clear()
    await pilot.press("K")
    screen = await wait_for_screen(pilot, PrivateKeysScreen)
    await settle(pilot)
    return screen


@pytest.mark.parametrize("forget_index", [False, True], ids=["from-index", "read-one-by-one"])
async def test_private_keys_show_each_applications_name_or_that_it_is_gone(forget_index):
    from vonage_tui.credentials.key_vault import MemoryKeyVault

    vault = MemoryKeyVault()
    store = seeded_store(apps=8)
    app = make_app(store, vault=vault)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        applications = app.home_screen().index.search("")[:2]
        ids = [str(application.id) for application in applications]
        screen = await open_keys(pilot, vault, [*ids, GONE_ID], forget_index=forget_index)
        rows = dict((app_id, name) for name, app_id in key_rows(screen))
        for application in applications:
            assert rows[str(application.id)] == str(application.name)
        assert rows[GONE_ID] == "no such application on Vonage"


async def test_private_keys_filter_by_name_or_id_then_esc_closes_it():
    from vonage_tui.credentials.key_vault import MemoryKeyVault

    vault = MemoryKeyVault()
    app = make_app(seeded_store(apps=8), vault=vault)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        applications = app.home_screen().index.search("")[:3]
        ids = sorted(str(application.id) for application in applications)
        screen = await open_keys(pilot, vault, ids)
        wanted = next(a for a in applications if str(a.id) == ids[1])
        word = str(wanted.name).split()[0]
        await pilot.press("slash", *word)  # typed at once: nothing lost
        await pilot.pause()
        assert all(word.casefold() in name.casefold() for name, _ in key_rows(screen))
        assert str(wanted.id) in [app_id for _, app_id in key_rows(screen)]
        screen.query_one("#keys-filter").value = ids[2][:8]  # part of an id
        await pilot.pause()
        assert [app_id for _, app_id in key_rows(screen)] == [ids[2]]
        await pilot.press("escape")
        await settle(pilot)
        assert len(key_rows(screen)) == 3 and app.screen is screen  # esc closed the filter
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


async def test_private_keys_show_the_id_whole_at_80_columns():
    from vonage_tui.credentials.key_vault import MemoryKeyVault

    vault = MemoryKeyVault()
    app = make_app(seeded_store(apps=8), vault=vault)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        ids = [str(a.id) for a in app.home_screen().index.search("")]
        screen = await open_keys(pilot, vault, ids)
        table = screen.query_one("#keys-table")
        assert table.virtual_size.width <= table.size.width  # nothing scrolled off the right


async def test_a_notification_shows_once_over_a_dialog_and_again_after_it():
    app = make_app(seeded_store(apps=45))
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        home = app.screen
        app.notify("Something happened.", title="Notice", timeout=600)
        await pilot.pause()
        await pilot.press("d")
        dialog = await wait_for_screen(pilot, DeleteApplicationModal)
        await pilot.pause()
        # The list's own copy, seen through the dialog's backdrop, would be a second one.
        assert [toast.visible for toast in home.query(Toast)] == [False]
        assert [toast.visible for toast in dialog.query(Toast)] == [True]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        assert [toast.visible for toast in home.query(Toast)] == [True]


async def test_removing_a_key_names_its_application():
    from vonage_tui.credentials.key_vault import MemoryKeyVault

    vault = MemoryKeyVault()
    app = make_app(seeded_store(apps=3), vault=vault)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        application = app.home_screen().index.search("")[0]
        await open_keys(pilot, vault, [str(application.id)])
        await pilot.press("d")
        question = await wait_for_screen(pilot, ConfirmModal)
        assert str(application.name) in str(question.message)
        await pilot.press("n")
        await pilot.pause()
        assert await vault.get(str(application.id)) is not None


async def test_private_keys_cursor_stays_on_its_row_when_read_again():
    from vonage_tui.credentials.key_vault import MemoryKeyVault

    vault = MemoryKeyVault()
    app = make_app(seeded_store(apps=4), vault=vault)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        ids = sorted(str(a.id) for a in app.home_screen().index.search(""))
        screen = await open_keys(pilot, vault, ids[1:])
        await pilot.press("j")
        chosen = screen.selected()
        assert chosen == ids[2]
        await vault.put(ids[0], "a new key, sorted first")  # as an import would
        screen.reload()
        await settle(pilot)
        assert len(key_rows(screen)) == 4 and screen.selected() == chosen


async def test_a_dialog_opening_and_closing_restyles_only_the_toasts_of_the_screen_under_it():
    # A class change on a whole screen restyles every widget in it: on the editor that was
    # the longest stall of a save. Only the toast rack of the screen underneath may change.
    app = make_app(seeded_store(apps=45))
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        home = app.screen
        restyled = []
        update_styles = app.update_styles

        def recording(node, animate=True):
            restyled.append(node)
            update_styles(node, animate=animate)

        app.update_styles = recording
        await pilot.press("d")
        await wait_for_screen(pilot, DeleteApplicationModal)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        under = [node for node in restyled if node is home or home in node.ancestors]
        assert all(isinstance(node, (ToastRack, Toast)) for node in under), under
