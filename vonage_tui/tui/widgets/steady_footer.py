"""A footer that rebuilds its keys only when the keys it shows change.

Textual's ``Footer`` recomposes every key on each bindings update, and every focus change is
one: in the application editor (enter on a tree node focuses a field, esc goes back) that
rebuild was the costliest part of the key press. The keys shown rarely change, so compare first.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[Any, ...] | None = None
        """What the last rebuild showed: key, action, description, enabled, tooltip."""

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # only once the footer really rebuilds (the base may skip it)
        super().bindings_changed(screen)
