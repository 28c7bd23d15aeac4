"""A DataTable with the k9s keys: ``j``/``k`` move, ``g``/``G`` top and bottom, ``ctrl+f``/
``ctrl+b`` a page. Every list (applications, users, private keys, profiles) is one, so the keys
move the cursor the same way everywhere; the arrows, PageUp/PageDown and home/end still work.

Bound on the table, not the screen: a focused Input (the filter) takes ``j`` as a letter
before the key could reach a binding, and a key only moves the list that has the focus.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import DataTable

from ..verbs import bind

CURSOR_BINDINGS: list[BindingType] = [
    bind("cursor.down", "cursor_down"),
    bind("cursor.up", "cursor_up"),
    bind("cursor.top", "scroll_top"),
    bind("cursor.bottom", "scroll_bottom"),
    bind("page.down", "page_down"),
    bind("page.up", "page_up"),
]
"""The table's own actions under the registry's cursor verbs (DataTable's top and bottom are
``scroll_top``/``scroll_bottom``, which move the cursor, not only the view)."""


class ListTable(DataTable):  # type: ignore[type-arg]
    BINDINGS: ClassVar[list[BindingType]] = CURSOR_BINDINGS
