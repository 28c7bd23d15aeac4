"""The save's question when the object changed on the server since the editor loaded it."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from ...models.documents import Change
from ..format import safe_text
from ..verbs import bind
from .diff_preview import render_diff
from .dialog import Dialog

ConflictChoice = Literal["reload", "overwrite", "cancel"]


class ConflictModal(Dialog[ConflictChoice]):
    """The object changed on the server since the editor loaded it: show how, ask what to do."""

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
                yield Button(self.shortcut("back", "Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(choice if choice in ("reload", "overwrite") else "cancel")  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss("cancel")
