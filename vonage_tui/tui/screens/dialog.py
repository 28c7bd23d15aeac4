"""What every dialog (modal screen) shares: its own footer, and its keys on its buttons.

A modal screen has no footer of its own, so the one seen under it was the screen's behind,
listing keys that do nothing while the dialog is up. Each dialog mounts a footer, which shows
the dialog's keys; its buttons say which key presses them (``shortcut``).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.screen import ModalScreen, ScreenResultType

from ..verbs import VERBS
from ..widgets.steady_footer import SteadyFooter


class Dialog(ModalScreen[ScreenResultType]):
    key_labels: dict[str, str]
    """Verb id → the label its button gives it: the footer says the same (``^s Store``,
    not the verb's generic ``OK``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_labels = {}

    def on_mount(self) -> None:
        # Textual calls each class's on_mount: this runs after the dialog's own.
        self.mount(SteadyFooter())
        self.call_after_refresh(self.refresh_bindings)

    def shortcut(self, verb_id: str, label: str) -> Text:
        """A button's label with the key that presses it in front, as the footer shows it:
        ``y Yes``, ``^s Save``. The key in force (keymap.toml may move it) is the one shown."""
        key = next((self.app.get_key_display(active.binding)
                    for active in self.active_bindings.values()
                    if active.binding.id == verb_id), None)
        self.key_labels[verb_id] = label
        if key is None:  # not bound on this screen in this state: say the default
            key = self.app.get_key_display(Binding(VERBS[verb_id].keys.split(",")[0], ""))
        return Text.assemble((key, "bold"), " ", label)
