"""The no-keyring screen reads whole (issue 10): prose wrapped once, by the screen; shell
commands never wrapped (a command cut in two runs as two when pasted); the footer's keys whole
at 80×24; and enter in the first passphrase field moves to the second."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from textual.widgets import Input, Static, TextArea

from tests.startup_harness import NO_BUS, make_real_app
from tests.tui_harness import SMALL, burst, on, wait_until
from vonage_tui.credentials import RECIPES, encrypted_file_exists
from vonage_tui.tui.screens.credentials import CredentialsScreen
from vonage_tui.tui.screens.no_keyring import NoKeyringScreen
from vonage_tui.tui.screens.passphrase import PassphraseModal
from vonage_tui.tui.widgets.steady_footer import SteadyFooter

COMMAND_WIDTH = 72
"""What a command line may take: 80 columns less the screen's padding and scrollbar."""


@pytest.fixture
def no_keyring():
    keyring.set_keyring(fail.Keyring())


def test_recipes_are_paragraphs_and_short_commands():
    for recipe in RECIPES:
        blocks = recipe.blocks()
        assert any(block.commands for block in blocks), recipe.title
        for block in blocks:
            if block.commands:
                lines = block.text.splitlines()
                assert all(len(line) <= COMMAND_WIDTH for line in lines), lines
            else:
                assert "\n" not in block.text  # the screen wraps it, once


async def show_tab(pilot, digit: str) -> NoKeyringScreen:
    await wait_until(pilot, on(NoKeyringScreen)(pilot))
    await pilot.press(digit)
    await pilot.pause()
    return pilot.app.screen


@pytest.mark.parametrize("width", [80, 50])
async def test_commands_are_never_wrapped(no_keyring, width):
    app = make_real_app(candidates=(NO_BUS,))
    async with app.run_test(size=(width, 24)) as pilot:
        for digit, pane in (("1", "#recipe-file"), ("2", "#recipe-ssh"), ("3", "#recipe-env")):
            screen = await show_tab(pilot, digit)
            areas = list(screen.query_one(pane).query(TextArea))
            assert areas
            for area in areas:
                lines = area.text.splitlines()
                # Each command line is one screen line, however narrow the terminal.
                assert area.wrapped_document.height == len(lines)
                assert area.size.height >= len(lines)
                if width == 80:  # and at 80 columns it is shown whole, without scrolling
                    assert area.virtual_size.width <= area.scrollable_content_region.width
            for paragraph in screen.query_one(pane).query(".recipe-text").results(Static):
                assert "\n" not in str(paragraph.render())


async def test_the_footer_keys_are_whole_at_80_columns(no_keyring):
    app = make_real_app(candidates=(NO_BUS,))
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, on(NoKeyringScreen)(pilot))
        await pilot.pause()
        keys = pilot.app.screen.query_one(SteadyFooter).keys
        palette = next(key for key in keys if key.palette)
        shown = {key.key_display: key for key in keys if key is not palette}
        assert {"y", "r", "q"} <= set(shown)
        for key in shown.values():
            assert key.end < palette.start - 1, key.key_display  # left of the palette's border


@pytest.mark.parametrize("key", ["enter", "tab"])
async def test_enter_or_tab_in_the_first_passphrase_field_moves_to_the_second(no_keyring, key):
    app = make_real_app(candidates=(NO_BUS,))
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, on(NoKeyringScreen)(pilot))
        pilot.app.screen.query_one("#use-encrypted-file").press()
        await wait_until(pilot, on(PassphraseModal)(pilot))
        modal = pilot.app.screen
        assert modal.creating
        # In one burst, as a fast typist or a password manager's auto-type sends them.
        burst(pilot.app, [*"correct", key, *"again"])
        await pilot.pause()
        await pilot.pause()
        first = modal.query_one("#passphrase", Input)
        second = modal.query_one("#passphrase-again", Input)
        assert pilot.app.focused is second
        assert (first.value, second.value) == ("correct", "again")
        assert not modal.query_one("#passphrase-error").display  # nothing submitted yet


async def test_a_burst_with_both_enters_submits_both_passphrases(no_keyring):
    app = make_real_app(candidates=(NO_BUS,))
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, on(NoKeyringScreen)(pilot))
        pilot.app.screen.query_one("#use-encrypted-file").press()
        await wait_until(pilot, on(PassphraseModal)(pilot))
        # The second enter submits only once the letters typed before it are in the fields.
        burst(pilot.app, [*"correct horse", "enter", *"correct horse", "enter"])
        await wait_until(pilot, on(CredentialsScreen)(pilot), "the passphrase accepted")
        assert encrypted_file_exists()
