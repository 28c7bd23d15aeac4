"""The right side of the application editor: the selected object's fields, one row each.

The panel is rebuilt only when the selection moves to another object (or the document is
replaced); edits just redraw the rows' marks, so the control being typed in keeps its focus.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...models import Path
from ..editing.outline import FieldSpec, shown_key
from ..format import safe_text
from .field_row import FieldContext, FieldEdited, FieldRejected, FieldRow

__all__ = ["FieldContext", "FieldEdited", "FieldPanel", "FieldRejected"]


class FieldPanel(VerticalScroll):
    def __init__(self, root_title: str = "application", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.root_title = root_title
        """The title of the document's own fields (its root has no key)."""
        self._shown_key: tuple[Any, ...] | None = None
        self._swap = asyncio.Lock()
        """Held while rows are replaced: a worker and a message handler may both redraw."""
        self._field_rows: dict[Path, FieldRow] = {}
        self.path: Path | None = None
        """The object whose fields are shown (None before anything is)."""
        self._problem: Static | None = None
        """The line under the title that says what is wrong with the object itself."""
        self._problem_reason: str | None = None
        """What the line under the title says now (a reason, a note, or nothing)."""

    async def show_object(self, path: Path, fields: list[FieldSpec], context: FieldContext, *,
                          note: str = "", highlight: Path | None = None,
                          force: bool = False) -> None:
        """Show the fields of the object at ``path``; ``note`` stands in when it has none."""
        async with self._swap:
            await self._show_object(path, fields, context, note, highlight, force)

    async def _show_object(self, path: Path, fields: list[FieldSpec], context: FieldContext,
                           note: str, highlight: Path | None, force: bool) -> None:
        # The set of rows, not their order: a field that is cleared (and so moves among the
        # "not set" ones) keeps its row, and the control being typed in keeps the focus.
        key = ("object", path, frozenset(spec.path for spec in fields), context.readonly, note)
        if force or key != self._shown_key:
            self._shown_key = key
            self.path = path
            title = self._title(path)
            rows = [FieldRow(spec, context) for spec in fields]
            self._field_rows = {row.path: row for row in rows}
            await self.remove_children()
            self._problem = Static(classes="panel-problem")
            self._problem_reason = None  # drawn by the first refresh_marks, even when empty
            widgets: list[Any] = [title, self._problem]
            if not rows:
                widgets.append(Static(safe_text(note or "No settings."), classes="panel-note"))
            await self.mount_all([*widgets, *rows])
            # With a field to type in, the panel is no stop of its own: Tab from the tree goes
            # into that field (a focused panel took the letters typed next as keys).
            self.can_focus = not any(row.control.focusable for row in rows)
        self.refresh_marks(context)
        for row_path, row in self._field_rows.items():
            row.set_class(row_path == highlight, "-current")
        if highlight in self._field_rows:
            self._field_rows[highlight].scroll_visible(animate=False)
        else:
            self.scroll_home(animate=False)

    async def show_message(self, path: Path, message: str) -> None:
        """A node that has no fields of its own (not set yet, or still loading)."""
        key = ("message", path, message)
        async with self._swap:
            if key == self._shown_key:
                return
            self._shown_key = key
            self.path = path
            self._field_rows = {}
            self._problem = None
            self.can_focus = True  # nothing to type in: Tab still reaches the text to scroll it
            await self.remove_children()
            await self.mount_all([
                self._title(path),
                Static(safe_text(message), classes="panel-note"),
            ])

    def refresh_marks(self, context: FieldContext) -> None:
        for row in self._field_rows.values():
            row.refresh_row(context)
        if self._problem is not None and self.path is not None:
            reason = context.problems.get(self.path)
            note = None if reason else context.notes.get(self.path)
            line = f"✗ {reason}" if reason else (f"Note: {note}" if note else "")
            if line != self._problem_reason:  # an update re-lays the panel out: only on change
                self._problem_reason = line
                self._problem.update(safe_text(line))  # may quote the server
                self._problem.display = bool(line)
                self._problem.set_class(bool(note), "-note")

    def focused_path(self) -> Path | None:
        """The field whose control has the focus, if one has."""
        focused = self.screen.focused
        for row in self._field_rows.values():
            if focused is not None and row in focused.ancestors_with_self:
                return row.path
        return None

    def focus_field(self, path: Path) -> bool:
        row = self._field_rows.get(path)
        return row.focus_control() if row is not None else False

    def _title(self, path: Path) -> Static:
        # "capabilities." is implied by the product's name; the rest is where this object is.
        shown = path[1:] if len(path) > 1 and path[0] == "capabilities" else path
        text = Text(" › ".join(map(shown_key, shown)) or self.root_title, style="bold",
                    no_wrap=True, overflow="ellipsis")
        return Static(text, classes="panel-title")
