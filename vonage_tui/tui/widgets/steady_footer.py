"""The footer of every screen and dialog: the keys that fit, whole, and only when they change.

Textual's ``Footer`` recomposes every key on each bindings update, and every focus change is
one: in the application editor (enter on a tree node focuses a field, esc goes back) that
rebuild was the costliest part of the key press. The keys shown rarely change, so compare first.

It also cut its line at the right edge, so the app's `? Help` and `q Quit` (listed last) never
showed at 80 columns: which keys show, and in which style, is planned by ``footer_plan``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ..footer_plan import FooterEntry, plan_footer


class SteadyFooter(Footer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[Any, ...] | None = None
        """What the last rebuild showed: the width, and each key's action, label and state."""

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def _shown_now(self, screen: Screen) -> tuple[Any, ...]:
        return (self._width(), *(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        ))

    def bindings_changed(self, screen: Screen) -> None:
        shown = self._shown_now(screen)
        if shown == self._shown:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # only once the footer really rebuilds (the base may skip it)
        super().bindings_changed(screen)

    def on_resize(self, event: events.Resize) -> None:
        if self._shown is not None and self._shown[0] != event.size.width:
            self.bindings_changed(self.screen)

    def compose(self) -> Iterator[Widget]:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        keys: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                keys.setdefault(binding.action, (binding, enabled, tooltip))  # one per action
        labels: dict[str, str] = getattr(self.screen, "key_labels", {})  # a dialog's buttons'
        entries = {
            action: FooterEntry(binding.id or action, self.app.get_key_display(binding),
                                labels.get(binding.id or "", binding.description))
            for action, (binding, _, _) in keys.items()
        }
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_entry = None if palette is None else FooterEntry(
            "palette", self.app.get_key_display(palette.binding), palette.binding.description)
        plan = plan_footer(list(entries.values()), self._width(), palette_entry)
        self.compact = plan.compact
        by_entry = {id(entry): action for action, entry in entries.items()}
        for entry in plan.entries:
            binding, enabled, tooltip = keys[by_entry[id(entry)]]
            yield FooterKey(binding.key, entry.key_display, entry.description, binding.action,
                            disabled=not enabled, tooltip=tooltip).data_bind(
                                compact=Footer.compact)
        if plan.palette and palette is not None:
            yield FooterKey(palette.binding.key, palette_entry.key_display,  # type: ignore[union-attr]
                            palette.binding.description, palette.binding.action,
                            classes="-command-palette", disabled=not palette.enabled,
                            tooltip=palette.binding.tooltip or palette.binding.description)
