"""A yes/no question in a modal. Dismisses with True (confirmed) or False."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static
from ..verbs import bind

from ..format import safe_text
from .dialog import Dialog


class ConfirmModal(Dialog[bool]):
    BINDINGS = [
        bind("confirm", "confirm", tooltip=""),
        bind("decline", "cancel", tooltip=""),
        bind("back", "cancel", "Cancel", tooltip=""),
    ]

    def __init__(self, title: str, message: str | Text, *, confirm_label: str = "Yes",
                 cancel_label: str = "Cancel", danger: bool = False) -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.message = message
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog"):
            # Callers put names and server errors in both: shown, never obeyed.
            yield Static(safe_text(self.title_text, "bold", multiline=False), classes="modal-title")
            yield Static(safe_text(self.message), classes="modal-message")
            with Horizontal(classes="modal-buttons"):
                yield Button(self.shortcut("confirm", self.confirm_label), id="confirm",
                             variant="error" if self.danger else "primary")
                yield Button(self.shortcut("decline", self.cancel_label), id="cancel")

    def on_mount(self) -> None:
        # The safe choice has the focus: a stray enter never confirms something dangerous.
        self.query_one("#cancel" if self.danger else "#confirm", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_confirm(self) -> None:
        self.dismiss(True)
