"""Which keys the footer shows in the width it has, and how.

Textual's footer lists the focused widget's keys, then the screen's, then the app's, and cuts
the line at the right edge: at 80 columns `? Help` and `q Quit` (the app's) were never seen, and
the last key shown could be cut in half. Here the footer's keys are planned to fit whole:
`? Help` and `q Quit` always, pinned at the right end; the screen's keys in the order it
declares them; when they don't all fit, first the palette key goes (ctrl+p works anyway), then
the roomy style gives way to the compact one, then the least essential keys (``RANK``) go, each
whole. Every key dropped is
still listed by `?`.

Pure: the footer widget gives the keys and the width, and applies the plan.
"""

from __future__ import annotations

from rich.cells import cell_len

PINNED = ("help", "quit")
"""Verb ids always shown, at the right end, in this order: the way to learn and the way out."""

RANK: dict[str, int] = {
    "back": 90, "save": 90, "confirm": 90, "decline": 90, "select": 80,
    "filter": 70, "create": 60, "delete": 60, "refresh": 50, "add": 50, "remove": 50,
    "edit": 50, "reveal": 40, "import": 40, "paste": 40, "generate": 40,
}
"""How essential a verb is in a footer, higher kept longer; unlisted verbs rank 0. Ties keep
the screen's order: the one it declared last goes first."""


# Plain classes, not dataclasses: every start builds a footer, and a dataclass costs ~0.4 ms
# to build at import; entries are told apart by identity, never compared.
class FooterEntry:
    __slots__ = ("verb_id", "key_display", "description")

    def __init__(self, verb_id: str, key_display: str, description: str) -> None:
        self.verb_id = verb_id
        self.key_display = key_display
        self.description = description

    def __repr__(self) -> str:
        return f"FooterEntry({self.verb_id!r}, {self.key_display!r}, {self.description!r})"


class FooterPlan:
    __slots__ = ("entries", "compact", "palette")

    def __init__(self, entries: tuple[FooterEntry, ...], compact: bool, palette: bool) -> None:
        self.entries = entries
        """In display order: the screen's keys that fit, then the pinned ones."""
        self.compact = compact
        self.palette = palette
        """Whether the command palette key (docked right) still has room."""


def entry_width(entry: FooterEntry, compact: bool) -> int:
    """Cells a key takes in Textual's footer: ` k label ` roomy, `k label` plus a 1-cell margin
    compact (FooterKey's padding and margins)."""
    text = cell_len(entry.key_display) + (cell_len(entry.description) + 1 if entry.description
                                          else 0)
    return text + (1 if compact else 2)


def palette_width(entry: FooterEntry | None, compact: bool) -> int:
    # Docked right with a 1-cell left border and its own right padding.
    return 0 if entry is None else entry_width(entry, compact) + 2


def plan_footer(entries: list[FooterEntry], width: int,
                palette: FooterEntry | None = None) -> FooterPlan:
    """The keys to show in ``width`` cells, whole; ``entries`` in the order the screen gives."""
    pinned = [entry for verb in PINNED for entry in entries if entry.verb_id == verb]
    others = [entry for entry in entries if entry.verb_id not in PINNED]

    def used(shown: list[FooterEntry], compact: bool, with_palette: bool) -> int:
        return (sum(entry_width(entry, compact) for entry in [*shown, *pinned])
                + (palette_width(palette, compact) if with_palette else 0))

    styles = [(False, True), (False, False), (True, False)] if palette else [(False, False),
                                                                          (True, False)]
    for compact, with_palette in styles:
        if used(others, compact, with_palette) <= width:
            return FooterPlan((*others, *pinned), compact, with_palette)
    # Drop the least essential keys, last declared first, until the rest fits.
    by_rank = sorted(range(len(others)), key=lambda i: (RANK.get(others[i].verb_id, 0), -i))
    kept = set(range(len(others)))
    for index in by_rank:
        if used([others[i] for i in sorted(kept)], True, False) <= width:
            break
        kept.discard(index)
    shown = [others[i] for i in sorted(kept)]
    return FooterPlan((*shown, *pinned), True, False)
