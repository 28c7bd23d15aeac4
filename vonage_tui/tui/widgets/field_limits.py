"""A field's limits beside its name (``na-east | na-west | …``, ``1–31 days · default 2``),
wrapped onto as many lines as the panel's width needs, never cut.

Lines break only between the hint's parts: a value like ``default 2`` or ``1–31 days`` is never
split, so no line of the hint reads like a field's value. Continuation lines start under the
first part (the widget sits in a column of its own beside the field's name).
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

_BETWEEN_PARTS = re.compile(r"(?<=[|·]) ")
"""``RuleLimits.describe`` joins choices with `` | `` and the rest with `` · ``."""


def hint_parts(hint: str) -> list[str]:
    """``"a | b · default 2"`` → ``["a |", "b ·", "default 2"]``: each part keeps its separator."""
    return [part for part in _BETWEEN_PARTS.split(hint) if part]


def pack_lines(parts: list[str], width: int) -> list[str]:
    """Parts joined by spaces into lines of at most ``width`` cells, greedily; a part wider
    than ``width`` gets a line of its own (and is folded there)."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 1 + len(part) <= width:
            lines[-1] += " " + part
        else:
            lines.append(part)
    return lines


class FieldLimits(Widget):
    def __init__(self, hint: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.parts = hint_parts(hint)

    @property
    def hint(self) -> str:
        return " ".join(self.parts)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self.hint)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return sum(-(-len(line) // max(width, 1)) or 1
                   for line in pack_lines(self.parts, max(width, 1)))

    def render(self) -> Text:
        width = max(self.content_region.width, 1)
        return Text("\n".join(pack_lines(self.parts, width)), overflow="fold")
