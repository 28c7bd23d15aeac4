"""The editor's tree fits each label to its width (with `…`), so it never scrolls sideways: at
80×24, once the opened nodes needed a vertical scrollbar, a horizontal one took the tree's
last row (issue 10: a scrollbar must not eat a row)."""

from __future__ import annotations

from tests.editor_harness import app_on, kitchen_sink, open_editor
from tests.tui_harness import SMALL, seeded_store, settle


async def test_the_tree_has_no_horizontal_scrollbar_when_it_scrolls_down() -> None:
    store = seeded_store(apps=3, users_per_app=0)
    async with app_on(store).run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, kitchen_sink(store))
        await pilot.press("down", "down", "down", "down", "enter", "down", "enter", "down",
                          "enter")
        await settle(pilot)
        tree = screen.doc_tree
        assert tree.show_vertical_scrollbar  # more nodes open than rows
        assert not tree.show_horizontal_scrollbar
        # The last row shows a node, not a scrollbar.
        assert tree.scrollable_content_region.bottom == tree.region.bottom
