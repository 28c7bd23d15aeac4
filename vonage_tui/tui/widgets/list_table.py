"""A DataTable with the k9s keys: ``j``/``k`` move, ``g``/``G`` top and bottom, ``ctrl+f``/
``ctrl+b`` a page. Every list (applications, users, private keys, profiles) is one, so the keys
move the cursor the same way everywhere; the arrows, PageUp/PageDown and home/end still work.

Bound on the table, not the screen: a focused Input (the filter) takes ``j`` as a letter
before the key could reach a binding, and a key only moves the list that has the focus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

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

    def show_in_place(self, rows: dict[str, Any], items: Sequence[Any],
                      cells: Callable[[Any], Iterable[Any]], columns: Sequence[str]) -> None:
        """Show ``items`` in the rows already there; ``rows`` (row key → item shown) is the
        screen's own map and is updated here. A row whose item stays is left alone, the others
        get new cells in place, and only the difference in length is added or removed:
        rebuilding every row made DataTable measure and lay out each again, on every key.
        The cursor goes to the first row and the view to the top, as on a new table."""
        # The table no longer holds ``rows`` (its columns were rebuilt), or there are more rows
        # to remove than to keep (each removal renumbers every row after it): start over.
        start_over = self.row_count != len(rows) or len(rows) - len(items) > len(items)
        shown = [] if start_over else list(rows.values())
        if start_over:
            self.clear()
            rows.clear()
        for position, item in enumerate(items):
            row_key = f"row-{position}"
            if position >= len(shown):
                self.add_row(*cells(item), key=row_key)
            elif shown[position] is not item:
                for column, cell in zip(columns, cells(item)):
                    self.update_cell(row_key, column, cell)
            rows[row_key] = item
        for position in reversed(range(len(items), len(shown))):
            row_key = f"row-{position}"
            self.remove_row(row_key)
            del rows[row_key]
        self.move_cursor(row=0, column=0)
        self.scroll_to(0, 0, animate=False)
