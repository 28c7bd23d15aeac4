"""The application editor's own dialog: pick a capability to add.

(The save's conflict question is every editor's: ``conflict.py``; it is named here too, where
it was first.)
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..verbs import bind
from .conflict import ConflictModal
from .dialog import Dialog

CAPABILITY_HELP = {
    "voice": "calls: answer, event and fallback webhooks",
    "messages": "Messages API inbound and status webhooks",
    "rtc": "client SDK events",
    "vbc": "Vonage Business Communications (no settings)",
    "network_apis": "Network APIs redirect",
    "meetings": "Meetings API webhooks",
    "verify": "Verify v2 status webhook",
    "video": "Video API webhooks and storage",
}

__all__ = ["CAPABILITY_HELP", "CapabilityPicker", "ConflictModal"]


class CapabilityPicker(Dialog[str | None]):
    """Dismisses with the chosen capability's name, or None."""

    BINDINGS = [bind("back", "cancel", "Cancel", tooltip="")]

    def __init__(self, names: list[str]) -> None:
        super().__init__(classes="modal")
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog capability-picker"):
            yield Static(Text("Add a capability", style="bold"), classes="modal-title")
            options = []
            for name in self.names:
                prompt = Text(name, style="bold")
                prompt.append("  " + CAPABILITY_HELP.get(name, ""), style="italic")
                options.append(Option(prompt, id=name))
            yield OptionList(*options, id="capability-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
