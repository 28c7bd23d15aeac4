"""The diff preview fits 80×24 whatever its length: the diff scrolls, the buttons stay."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Button

from vonage_tui.models.documents import diff_documents
from vonage_tui.tui.screens.diff_preview import DiffPreview, render_diff
from vonage_tui.tui.styles import stylesheets

NOTE = "The private key stored for this application will no longer match its public key. " * 2


class PreviewApp(App[None]):
    CSS_PATH = stylesheets()

    def __init__(self, changes: int) -> None:
        super().__init__()
        base = {f"field_{index}": index for index in range(changes)}
        self.changes = diff_documents(base, {key: value + 1 for key, value in base.items()})

    def on_mount(self) -> None:
        self.push_screen(DiffPreview("Save", self.changes, note=NOTE))


@pytest.mark.parametrize("changes", [1, 12, 60])
async def test_buttons_stay_on_screen(changes):
    app = PreviewApp(changes)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for button in app.screen.query(Button):
            assert button.region.bottom <= 24 - 1, button.region  # above the dialog's border


def test_diff_signs_carry_the_meaning_without_colour():
    text = render_diff(diff_documents({"a": 1, "b": 2}, {"a": 3, "c": 4})).plain
    assert text.splitlines() == ["- a: 1", "+ a: 3", "- b: 2", "+ c: 4"]


@pytest.mark.parametrize("size, width, rows", [((80, 24), 76, 11), ((120, 40), 76, 24),
                                               ((200, 50), 120, 30)])
async def test_a_long_diff_uses_a_large_terminal(size, width, rows):
    """At 200×50 a long diff was read 14 lines at a time in a box 76 columns wide; the buttons
    still stay on screen at every size (see above)."""
    app = PreviewApp(60)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        dialog = app.screen.query_one(".diff-dialog")
        body = app.screen.query_one("#diff-body")
        assert (dialog.region.width, body.region.height) == (width, rows)
        for button in app.screen.query(Button):
            assert button.region.bottom <= size[1] - 1, button.region
