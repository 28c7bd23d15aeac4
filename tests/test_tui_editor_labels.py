"""Tree labels: a value is shown whole or visibly shortened (``…``) in the width the row has,
and the row follows the field being typed in, valid or not, before anything is submitted."""

from __future__ import annotations

from typing import Any

import pytest
from rich.text import Text

from tests.editor_harness import (
    ANSWER,
    VOICE,
    focus_field,
    open_editor,
    retype,
    store_with,
    type_keys,
)
from tests.tui_harness import make_app
from vonage_tui.tui.widgets.document_tree import DocumentTree
from vonage_tui.tui.widgets.tree_label import TreeLabel

EVENT = (*VOICE, "webhooks", "event_url")
LONG_URL = "https://voice-webhooks.long-hostname.example.org/v1/answer"  # 58 characters

WIDE = (200, 50)
NARROW = (80, 24)


def voice_app() -> dict[str, Any]:
    return {"name": "Labels", "capabilities": {"voice": {
        "webhooks": {
            "answer_url": {"address": LONG_URL, "http_method": "GET",
                           "connect_timeout": 1000, "socket_timeout": 5000},
            "event_url": {"address": "https://e.example/ev", "http_method": "POST",
                          "connect_timeout": 800},
        },
        "conversations_ttl": 48,
    }}}


def shown(tree: DocumentTree, path: tuple) -> str:
    """The row of ``path`` as the tree draws it now, at its width (guides included)."""
    node = tree.node_for(path)
    assert node is not None and node.line >= 0, path
    return tree._render_line(node.line, 0, tree.size.width, tree.rich_style).text.rstrip()


def parts(name: str, value: str | None, marks: str = "") -> TreeLabel:
    text = Text(name)
    span = None
    if value is not None:
        text.append(" " + value)
        span = (len(name) + 1, len(text))
    text.append(marks)
    return TreeLabel(text, len(name), span)


# -- fitting, pure -------------------------------------------------------------------------


def test_a_label_that_fits_is_whole() -> None:
    assert parts("connect_timeout", "1000", " •").fit(22).plain == "connect_timeout 1000 •"


def test_a_short_value_keeps_whole_and_the_name_gives_way_with_an_ellipsis() -> None:
    fitted = parts("connect_timeout", "1000", " • !").fit(20).plain
    assert "1000" in fitted and fitted.endswith(" • !") and "…" in fitted
    assert Text(fitted).cell_len <= 20


def test_a_long_value_is_shortened_first_and_keeps_its_marks() -> None:
    fitted = parts("address", LONG_URL, " !").fit(30)
    assert fitted.plain.startswith("address https://")
    assert fitted.plain.endswith("… !")
    assert fitted.cell_len == 30


@pytest.mark.parametrize("width", [1, 3, 8, 15, 40])
def test_every_width_is_respected_and_any_cut_shows(width: int) -> None:
    label = parts("東京-conversations_ttl", "九九九九九九九九九九九九九九", " •")
    fitted = label.fit(width)
    assert fitted.cell_len <= width
    if label.text.cell_len > width:
        assert "…" in fitted.plain


# -- in the editor -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_timeouts_and_ttl_read_whole_with_their_marks(size: tuple[int, int]) -> None:
    store, (app_id,) = store_with(voice_app())
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        screen = await open_editor(pilot, app_id)
        tree = screen.doc_tree
        screen.doc_tree.move_to((*ANSWER, "connect_timeout"))
        await pilot.pause()
        assert "connect_timeout 1000" in shown(tree, (*ANSWER, "connect_timeout"))

        # Changed (•) at the deepest level: the number stays whole, the name gives way.
        await focus_field(pilot, screen, (*EVENT, "connect_timeout"))
        await retype(pilot, "1000")
        row = shown(tree, (*EVENT, "connect_timeout"))
        assert " 1000 •" in row, row

        # Out of range: the typed number, whole, and the invalid mark.
        await focus_field(pilot, screen, (*VOICE, "conversations_ttl"))
        await retype(pilot, "99999")
        row = shown(tree, (*VOICE, "conversations_ttl"))
        assert "99999" in row and row.endswith("!"), row
        assert tree.virtual_size.width <= tree.size.width  # nothing hides to the right


async def test_a_long_address_is_whole_when_wide_shortened_when_narrow_and_follows_resizes(
) -> None:
    store, (app_id,) = store_with(voice_app())
    app = make_app(store)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_editor(pilot, app_id)
        tree = screen.doc_tree
        tree.move_to((*ANSWER, "address"))
        await pilot.pause()
        assert shown(tree, (*ANSWER, "address")).endswith("address " + LONG_URL)
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        narrow = shown(tree, (*ANSWER, "address"))
        assert "address https://" in narrow and narrow.endswith("…"), narrow
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert shown(tree, (*ANSWER, "address")).endswith(LONG_URL)


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_the_row_follows_each_keystroke_and_shows_invalid_text_before_enter(
        size: tuple[int, int]) -> None:
    store, (app_id,) = store_with(voice_app())
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        screen = await open_editor(pilot, app_id)
        tree = screen.doc_tree
        address = (*EVENT, "address")
        await focus_field(pilot, screen, address)
        await type_keys(pilot, "ftp://bad")  # no enter
        await pilot.pause()
        row = shown(tree, address)
        assert "ftp://bad" in row and row.endswith("!"), row
        assert "e.example" not in row
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.pause()
        assert "ftp://" in shown(tree, address) and "bad" not in shown(tree, address)
        await type_keys(pilot, "https://ok.example/e")
        await pilot.pause()
        row = shown(tree, address)
        assert "https://ok" in row and "!" not in row and row.endswith("•"), row
        assert ("https://ok.example/e" in row) == (size == WIDE)  # at 80 columns, with "…"
