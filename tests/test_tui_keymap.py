"""Bindings are remapped by id from keymap.toml in the config dir."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.tui_harness import make_app, seeded_store
from vonage_tui.tui.keymap import KeymapError, keymap_path, load_keymap


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
    write_keymap('[keymap]\n"page.next" = "j"\n')
    app = make_app(seeded_store(apps=30))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("j")
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
