"""The dialog that asks which application and which key: a PEM file, a pasted PEM, or nothing
(a new pair). Used by the private keys screen (``K``) and the users screen's no-key state,
through the key import flow (``flows/key_import.py``)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static, TextArea

from ... import keys
from ...operations.key_storage import expand_path
from ...safe_text import visible
from ..format import safe_text
from ..verbs import bind
from ..worker_errors import ReportsWorkerErrors
from .dialog import Dialog


def normalised_key(mode: str, value: str) -> str:
    """The PKCS#8 PEM of a pasted key or of a key file's content; ``InvalidKeyError`` if not one."""
    if mode == "file":
        path = expand_path(value)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ValueError(f"Cannot read {path}: {error.strerror or error}") from None
        try:
            return keys.normalise_private_key(data)
        except keys.InvalidKeyError as error:
            raise ValueError(f"{path} is {error}.") from None
    try:
        return keys.normalise_private_key(value)
    except keys.InvalidKeyError as error:
        raise ValueError(f"That is {error}.") from None


class KeyInputModal(ReportsWorkerErrors, Dialog[tuple[str, str] | None]):
    """Which application, and the key: a file path, a pasted PEM, or nothing (generate)."""

    BINDINGS = [
        bind("back", "cancel", "Cancel", tooltip="Close, store nothing"),
        bind("save", "submit", "OK", tooltip="Store the key"),
    ]

    TITLES = {"file": "Import a private key file", "paste": "Paste a private key",
              "generate": "New key pair for an application"}

    def __init__(self, mode: str, app_id: str = "") -> None:
        super().__init__(classes="modal")
        self.mode = mode
        self.app_id = app_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog key-input-dialog"):
            yield Static(Text(self.TITLES[self.mode], style="bold"), classes="modal-title")
            yield Static(Text(self.explanation(), no_wrap=False), classes="modal-message")
            yield Input(visible(self.app_id), placeholder="application id", id="key-app-id")
            if self.mode == "file":
                yield Input(placeholder="path/to/private.key", id="key-path")
            elif self.mode == "paste":
                yield TextArea(id="key-pem", soft_wrap=False, show_line_numbers=False)
            yield Static("", id="key-input-error", classes="field-error")
            with Horizontal(classes="modal-buttons"):
                label = {"file": "Import", "paste": "Store", "generate": "Continue"}[self.mode]
                yield Button(self.shortcut("save", label), id="key-ok", variant="primary")
                yield Button(self.shortcut("back", "Cancel"), id="key-cancel")

    def explanation(self) -> str:
        if self.mode == "generate":
            return ("A new RSA-2048 pair is made here; its public key replaces the application's "
                    "on Vonage (you confirm next), then the private key is stored here.")
        return ("PKCS#1 or PKCS#8 PEM, stored as PKCS#8. It is checked against the "
                "application's public key, and you are asked before it replaces a stored key.") + (
            " ctrl+s stores it." if self.mode == "paste" else "")

    def on_mount(self) -> None:
        self.query_one("#key-input-error").display = False
        first = "#key-app-id" if not self.app_id or self.mode == "generate" else (
            "#key-path" if self.mode == "file" else "#key-pem")
        self.query_one(first).focus()

    def problem(self, app_id: str, value: str) -> str | None:
        if not app_id:
            return "Enter the application id."
        if self.mode != "generate" and not value.strip():
            return "Enter a file path." if self.mode == "file" else "Paste the PEM text."
        return None

    def value(self) -> str:
        if self.mode == "file":
            return self.query_one("#key-path", Input).value
        if self.mode == "paste":
            return self.query_one("#key-pem", TextArea).text
        return ""

    @on(Input.Submitted)
    @on(Button.Pressed, "#key-ok")
    def action_submit(self) -> None:
        app_id = self.query_one("#key-app-id", Input).value.strip()
        value = self.value()
        problem = self.problem(app_id, value)
        error = self.query_one("#key-input-error", Static)
        error.update(safe_text(problem or ""))
        error.display = problem is not None
        if problem is None:
            self.dismiss((app_id, value))

    @on(Button.Pressed, "#key-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
