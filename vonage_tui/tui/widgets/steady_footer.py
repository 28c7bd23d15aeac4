"""The footer of every screen and dialog: the keys that fit, whole, drawn as one line.

Textual's ``Footer`` is a container with a widget per key (``FooterKey``) that it rebuilds on
every bindings update. At start-up that rebuild (mounting and styling ~14 key widgets, then
painting each) cost the first rows ~15 ms, and every dialog paid it again as it opened. Here the
footer is one widget that draws its keys as one line of text, and redraws only when the keys
shown change. It looks as Textual's footer does (the same theme variables, the same padding), a
click on a key presses it and hovering over one shows its tooltip.

Which keys show, and in which style, is planned by ``footer_plan``: Textual's footer cut its
line at the right edge, so the app's `? Help` and `q Quit` (listed last) never showed at 80
columns.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.screen import Screen
from textual.widget import Widget

from ..footer_plan import FooterEntry, plan_footer


class ShownKey:
    """One key as the footer shows it, and the cells it takes (``start`` to ``end``)."""

    __slots__ = ("key", "key_display", "description", "action", "enabled", "tooltip",
                 "palette", "start", "end")

    def __init__(self, binding: Binding, key_display: str, description: str, enabled: bool,
                 tooltip: str, palette: bool = False) -> None:
        self.key = binding.key
        self.key_display = key_display
        self.description = description
        self.action = binding.action
        self.enabled = enabled
        self.tooltip = tooltip
        self.palette = palette
        """The command palette's key, docked at the right end."""
        self.start = self.end = 0

    def __repr__(self) -> str:
        return f"ShownKey({self.key_display!r}, {self.description!r}, {self.start}..{self.end})"


class SteadyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description"}
    # Textual's Footer and FooterKey rules, for one widget: padding and margins are drawn as
    # spaces (``render``), the palette key's left border as its character.
    DEFAULT_CSS = """
    SteadyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.compact = False
        """True when the roomy style left too little room (see ``footer_plan``)."""
        self.keys: tuple[ShownKey, ...] = ()
        """The keys shown, in order (the palette's last)."""
        self._shown: tuple[Any, ...] | None = None
        """What the keys were planned from: the width, and each key's action, label and state."""
        self._hovered: ShownKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        # Planned now, not at the first bindings update: the first frame shows the keys.
        self.update_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # As Textual's footer: not while the terminal is unfocused, when the focus (and so the
        # keys) is briefly gone.
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.update_keys()

    def on_resize(self, event: events.Resize) -> None:
        if self._shown is not None and self._shown[0] != event.size.width:
            self.update_keys()

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def update_keys(self) -> None:
        """Plan the keys again if what they are planned from changed, and redraw."""
        screen = self.screen
        active = screen.active_bindings
        shown = (self._width(), tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in active.values() if binding.show
        ))
        if shown == self._shown:
            return
        self._shown = shown
        self.keys, self.compact = self._plan(screen, active)
        self._place(self.keys)
        self._hover(None)
        self.refresh()

    def _plan(self, screen: Screen[Any], active: dict[str, Any],
              ) -> tuple[tuple[ShownKey, ...], bool]:
        """The keys that fit, and whether in the compact style; ``active``: the screen's
        active bindings (Textual builds them anew at each look)."""
        keys: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                keys.setdefault(binding.action, (binding, enabled, tooltip))  # one per action
        labels: dict[str, str] = getattr(screen, "key_labels", {})  # a dialog's buttons'
        entries = {
            action: FooterEntry(binding.id or action, self.app.get_key_display(binding),
                                labels.get(binding.id or "", binding.description))
            for action, (binding, _, _) in keys.items()
        }
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_entry = None if palette is None else FooterEntry(
            "palette", self.app.get_key_display(palette.binding), palette.binding.description)
        plan = plan_footer(list(entries.values()), self._width(), palette_entry)
        by_entry = {id(entry): action for action, entry in entries.items()}
        shown = []
        for entry in plan.entries:
            binding, enabled, tooltip = keys[by_entry[id(entry)]]
            shown.append(ShownKey(binding, entry.key_display, entry.description, enabled,
                                  tooltip))
        if plan.palette and palette is not None and palette_entry is not None:
            shown.append(ShownKey(palette.binding, palette_entry.key_display,
                                  palette.binding.description, palette.enabled,
                                  palette.binding.tooltip or palette.binding.description,
                                  palette=True))
        return tuple(shown), plan.compact

    def _place(self, keys: tuple[ShownKey, ...]) -> None:
        """Each key's cells, as ``render`` draws them: from the left, the palette's docked at
        the right end."""
        x = 0
        for key in keys:
            if key.palette:
                width = self._width()
                key.start = width - self._palette_width(key) + 1  # after its border
                key.end = width - (0 if self.compact else 1)
                continue
            key_part, description = self._key_text(key, self.compact)
            key.start, key.end = x, x + cell_len(key_part) + cell_len(description)
            x = key.end + (1 if self.compact else 0)  # compact keys have a 1-cell margin

    @staticmethod
    def _key_text(key: ShownKey, compact: bool) -> tuple[str, str]:
        """The key's two parts with FooterKey's padding: ` k ` `label ` roomy, `k` ` label`
        compact (the palette's key is always drawn compact, as in Textual)."""
        if compact or key.palette:
            return key.key_display, f" {key.description}" if key.description else ""
        return f" {key.key_display} ", f"{key.description} " if key.description else ""

    def _palette_width(self, key: ShownKey) -> int:
        key_part, description = self._key_text(key, True)
        return 1 + cell_len(key_part) + cell_len(description) + (0 if self.compact else 1)

    def render(self) -> Text:
        width = self._width()
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        hover = self._hover_style()
        line = Text(no_wrap=True, overflow="crop", end="")
        for key in self.keys:
            if key.palette:
                line.append(" " * max(0, key.start - 1 - line.cell_len))
                line.append("▏", self._border_style())
            key_part, description = self._key_text(key, self.compact)
            extra = Style(dim=True) if not key.enabled else Style()
            if key is self._hovered and hover is not None:
                extra += hover
            line.append(key_part, key_style + extra)
            line.append(description, description_style + extra)
            if self.compact and not key.palette:
                line.append(" ")
        line.append(" " * max(0, width - line.cell_len))  # the footer's own background
        return line

    def _hover_style(self) -> Style | None:
        if self._hovered is None:
            return None
        base = self.background_colors[1]
        hover = base + Color.parse(self.app.theme_variables.get("block-hover-background",
                                                                "transparent"))
        return Style(bgcolor=hover.rich_color)

    def _border_style(self) -> Style:
        # The palette key's `border-left: vkey $foreground 20%`.
        base = self.background_colors[1]
        foreground = Color.parse(self.app.theme_variables.get("foreground", "white"))
        return Style(color=(base + foreground.multiply_alpha(0.2)).rich_color)

    def key_at(self, x: int) -> ShownKey | None:
        return next((key for key in self.keys if key.start <= x < key.end), None)

    def _hover(self, key: ShownKey | None) -> None:
        if key is self._hovered:
            return
        self._hovered = key
        self.tooltip = key.tooltip if key is not None and key.tooltip else None
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
