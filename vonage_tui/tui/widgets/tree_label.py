"""Fitting a tree label into the width its row has: whole when it fits, else visibly shortened.

A label is a name, an optional value and its marks (`` •``, `` !``). The marks always stay
whole (they are the row's state); the value is what the user came to read, so a long value
gives way first but keeps a useful glimpse, then the name, then the rest of the value.
Every cut shows ``…``: nothing is ever cropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

ELLIPSIS = "…"
VALUE_GLIMPSE = 12
"""Cells a long value keeps before the name is shortened (a port, a short host, a number)."""
NAME_GLIMPSE = 8
"""Cells a long name keeps before the value gives way entirely."""


@dataclass(frozen=True)
class TreeLabel:
    """A label's parts; ``text`` is the whole label, unshortened."""

    text: Text
    name_end: int
    """Where the name ends in ``text``."""
    value_span: tuple[int, int] | None = None
    """The value's place in ``text`` (after the space that separates it from the name)."""

    def fit(self, width: int) -> Text:
        """The label in at most ``width`` cells."""
        text = self.text
        if text.cell_len <= width:
            return text
        name = text[: self.name_end]
        if self.value_span is None:
            value, gap, tail = Text(), Text(), text[self.name_end:]
        else:
            start, end = self.value_span
            gap, value, tail = text[self.name_end:start], text[start:end], text[end:]
        fixed = gap.cell_len + tail.cell_len
        name_cells, value_cells = name.cell_len, value.cell_len
        excess = name_cells + value_cells + fixed - width
        # The value first, down to a glimpse; then the name; then whatever the value has left.
        for target in ("value", "name", "value-all"):
            if excess <= 0:
                break
            if target == "value":
                keep = min(value_cells, VALUE_GLIMPSE)
                cut = min(excess, value_cells - keep)
                value_cells -= cut
            elif target == "name":
                keep = min(name_cells, NAME_GLIMPSE)
                cut = min(excess, name_cells - keep)
                name_cells -= cut
            else:
                cut = min(excess, value_cells - (1 if value_cells else 0))
                value_cells -= cut
            excess -= cut
        fitted = Text(no_wrap=True, end="")
        fitted.append_text(_shorten(name, name_cells))
        fitted.append_text(gap)
        fitted.append_text(_shorten(value, value_cells))
        fitted.append_text(tail)
        if fitted.cell_len > width:  # narrower than even the marks: cut at the end, visibly
            fitted.truncate(width, overflow="ellipsis")
        return fitted


def _shorten(text: Text, cells: int) -> Text:
    if text.cell_len <= cells:
        return text
    shortened = text.copy()
    shortened.truncate(max(cells, 0), overflow="ellipsis")
    return shortened
