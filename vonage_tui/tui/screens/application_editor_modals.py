"""The application editor's own dialogs: pick a capability to add; resolve a save conflict."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ...models.documents import Change
from ..format import safe_text
from .diff_preview import render_diff
from ..verbs import bind

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

ConflictChoice = Literal["reload", "overwrite", "cancel"]


class CapabilityPicker(ModalScreen[str | None]):
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


class ConflictModal(ModalScreen[ConflictChoice]):
    """The application changed on the server since it was loaded: show how, ask what to do."""

    BINDINGS = [bind("back", "cancel", "Cancel", tooltip="")]

    def __init__(self, remote_changes: list[Change], *, note: str = "") -> None:
        super().__init__(classes="modal")
        self.remote_changes = remote_changes
        self.note = note
        """Said under the question when a change needs more than the diff (a rotated key)."""

    def compose(self) -> ComposeResult:
        count = len(self.remote_changes)
        with Vertical(classes="modal-dialog diff-dialog"):
            yield Static(Text(f"Changed on the server since you opened it · {count} "
                              f"change{'s' if count != 1 else ''}", style="bold"),
                         classes="modal-title")
            yield Static(Text("Overwrite replaces them with your version; Reload discards "
                              "your edits."), classes="modal-message")
            if self.note:
                yield Static(safe_text(self.note), classes="modal-message")
            with VerticalScroll(id="diff-body"):
                yield Static(render_diff(self.remote_changes), id="diff-text")
            with Horizontal(classes="modal-buttons"):
                yield Button("Reload (discard my edits)", id="reload")
                yield Button("Overwrite", id="overwrite", variant="error")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(choice if choice in ("reload", "overwrite") else "cancel")  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss("cancel")
