"""Asks for a file path in a modal. Dismisses with the path typed (``~`` expanded) or None."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from ...operations.key_storage import expand_path
from ...safe_text import visible
from ..format import safe_text
from ..verbs import bind
from .dialog import Dialog


class FilePromptModal(Dialog[str | None]):
    AUTO_FOCUS = "#file-path"  # focused as it opens: keys typed at once land in it
    BINDINGS = [
        bind("back", "cancel", "Cancel", tooltip="Close without a path"),
    ]

    def __init__(self, title: str, message: str = "", *, default: str = "",
                 confirm_label: str = "OK", must_exist: bool = False) -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.message = message
        self.default = default
        self.confirm_label = confirm_label
        self.must_exist = must_exist

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog file-prompt-dialog"):
            yield Static(safe_text(self.title_text, "bold", multiline=False), classes="modal-title")
            if self.message:
                yield Static(safe_text(self.message), classes="modal-message")
            # The default can hold an application id: an input draws its value raw.
            yield Input(visible(self.default), placeholder="path/to/file", id="file-path")
            yield Static("", id="file-path-error", classes="field-error")
            with Horizontal(classes="modal-buttons"):
                yield Button(self.shortcut("select", self.confirm_label), id="confirm",
                             variant="primary")
                yield Button(self.shortcut("back", "Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#file-path-error").display = False
        self.query_one("#file-path", Input).focus()

    def problem(self, text: str) -> str | None:
        if not text.strip():
            return "Enter a file path."
        if "\0" in text:
            return "That path can't be used: it contains a NUL character."
        try:
            return self._path_problem(expand_path(text))
        except (OSError, ValueError) as error:  # a name too long, no permission, a NUL byte…
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            return f"That path can't be used: {reason}."

    def _path_problem(self, path: Path) -> str | None:
        if self.must_exist and not path.is_file():
            return f"{path} is not a file." if path.exists() else f"{path} does not exist."
        if not self.must_exist and not path.parent.is_dir():
            return f"The folder {path.parent} does not exist."
        if not self.must_exist and path.is_dir():
            return f"{path} is a folder; add a file name."
        return None

    def show_problem(self, reason: str | None) -> None:
        error = self.query_one("#file-path-error", Static)
        error.update(safe_text(reason or ""))  # quotes the typed path
        error.display = reason is not None

    @on(Input.Submitted, "#file-path")
    @on(Button.Pressed, "#confirm")
    def submit(self) -> None:
        text = self.query_one("#file-path", Input).value
        reason = self.problem(text)
        self.show_problem(reason)
        if reason is None:
            self.dismiss(str(expand_path(text)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
