"""The last line of defence for a private key the key store would not take.

Shown when storing a new private key failed (keyring error or timeout) after Vonage already
knows the public half. It cannot be left until the key is written to a file (mode 0600, never
over an existing file); the key is hidden unless the user asks to see it. Dismisses with the
path written.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, Input, Static

from ...operations.key_storage import describe_error, file_error_message, write_private_key_file
from ...safe_text import visible
from ..format import literal, literal_block, safe_text
from ..worker_errors import ReportsWorkerErrors
from ..verbs import bind
from .dialog import Dialog

MASK = "•" * 24 + "  hidden: press Show key to see it"


class KeyCaptureScreen(ReportsWorkerErrors, Dialog[str]):
    blocks_quit = True
    """While shown, quitting would lose a key that exists nowhere else (see the report)."""

    BINDINGS = [
        bind("back", "leave", tooltip="Only once the key is saved to a file"),
        bind("quit", "leave", show=False, tooltip="Quitting is refused until the key is saved"),
        bind("save", "save", "Save key",
             tooltip="Write the private key to the file named above (mode 0600)"),
        bind("copy_id", "copy_id", tooltip="Copy the application's id (OSC 52)"),
    ]

    revealed: reactive[bool] = reactive(False)
    """Whether the private key is shown on screen."""
    saved_path: reactive[str | None] = reactive(None)
    """Where the key was written, once it was."""

    def __init__(self, app_id: str, private_pem: str, reason: BaseException | str, *,
                 app_name: str | None = None, rotated: bool = False, uncertain: bool = False,
                 created: bool = False, default_path: str | None = None) -> None:
        """``rotated``: the key replaces the application's; ``uncertain``: whether Vonage has
        its public half is unknown (``reason`` says why)."""
        super().__init__(classes="modal")
        self.app_id = app_id
        self._private_pem = private_pem
        self.reason = reason if isinstance(reason, str) else describe_error(reason)
        self.app_name = app_name
        self.rotated = rotated
        self.created = created
        """With ``uncertain``: a create whose outcome is unknown (no id to go by)."""
        self.uncertain = uncertain
        self.default_path = default_path or f"~/vonage-{app_id}.key"

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog key-capture-dialog"):
            yield Static(Text("⚠ Save this private key now", style="bold"), classes="modal-title")
            yield Static(self.explanation(), id="key-capture-message", classes="modal-message")
            with VerticalScroll(id="key-capture-key"):
                yield Static(Text(MASK, style="dim"), id="key-capture-text")
            yield Input(visible(self.default_path), placeholder="path of a new file",
                        id="key-capture-path")
            yield Static("", id="key-capture-error", classes="field-error")
            with Horizontal(classes="modal-buttons"):
                yield Button(self.shortcut("save", "Save to file"), id="key-capture-save",
                             variant="primary")
                yield Button("Show key", id="key-capture-show")
                yield Button(self.shortcut("back", "Done"), id="key-capture-done", variant="success")

    def explanation(self) -> Text:
        text = Text()
        text.append("Application ")
        if self.app_name:
            text.append_text(literal(self.app_name, "bold"))
            text.append(" ")
        text.append_text(literal(self.app_id, "bold"))
        if self.uncertain and self.created:
            text.append(": ")
            text.append_text(literal(self.reason))
            text.append(". Vonage may have created it with this key's public half and keeps no "
                        "copy of the private key: save it to a file, then look for the "
                        "application by its name; if it is there, import this key for it with K.")
            text.no_wrap = False
            return text
        if self.uncertain:
            text.append(": ")
            text.append_text(literal(self.reason))
            text.append(". If it has, the old private key (still in the key store) no longer "
                        "works and this new one is the only one that does. Vonage keeps no "
                        "copy: save it to a file, then check the application's public key.")
            text.no_wrap = False
            return text
        if self.rotated:
            text.append(" now has a new key pair: its old private key no longer works. "
                        "The new private key could not be stored in the key store (")
        else:
            text.append(" was created. Its private key could not be stored in the key store (")
        text.append_text(literal(self.reason))
        text.append("). Vonage keeps no copy: save it to a file or it is lost.")
        text.no_wrap = False
        return text

    def on_mount(self) -> None:
        self.query_one("#key-capture-error").display = False
        self.query_one("#key-capture-done").display = False
        self.query_one("#key-capture-path", Input).focus()

    def watch_revealed(self, revealed: bool) -> None:
        shown = self.query_one("#key-capture-text", Static)
        # Text, not markup: a PEM is data.
        shown.update(literal_block(self._private_pem.strip()) if revealed
                     else Text(MASK, style="dim"))
        self.query_one("#key-capture-show", Button).label = "Hide key" if revealed else "Show key"

    @on(Button.Pressed, "#key-capture-show")
    def toggle_key(self) -> None:
        self.revealed = not self.revealed

    @on(Input.Submitted, "#key-capture-path")
    @on(Button.Pressed, "#key-capture-save")
    def action_save(self) -> None:
        if self.saved_path is not None:
            self.dismiss(self.saved_path)
            return
        path_text = self.query_one("#key-capture-path", Input).value.strip()
        if not path_text:
            self.show_error("Enter the path of a new file for the key.")
            return
        try:
            written = write_private_key_file(path_text, self._private_pem)
        except OSError as error:
            self.show_error(file_error_message(error, path_text))
            return
        self.saved_path = str(written)

    def watch_saved_path(self, path: str | None) -> None:
        if path is None:
            return
        self.show_error(None)
        message = Text()
        message.append("✓ Saved to ", style="bold")
        message.append_text(literal(path, "bold"))
        message.append(" (mode 0600: readable by you only). Keep it safe: it is the only "
                       "copy (point VONAGE_PRIVATE_KEY_PATH at it to use it).")
        message.no_wrap = False
        self.query_one("#key-capture-message", Static).update(message)
        self.query_one("#key-capture-path", Input).disabled = True
        self.query_one("#key-capture-save").display = False
        done = self.query_one("#key-capture-done", Button)
        done.display = True
        done.focus()

    def show_error(self, reason: str | None) -> None:
        error = self.query_one("#key-capture-error", Static)
        error.update(safe_text(reason or ""))  # may quote the typed path
        error.display = reason is not None

    @on(Button.Pressed, "#key-capture-done")
    def finish(self) -> None:
        if self.saved_path is not None:
            self.dismiss(self.saved_path)

    def action_leave(self) -> None:
        if self.saved_path is not None:
            self.dismiss(self.saved_path)
            return
        self.app.bell()
        self.show_error("Save the key to a file first: it exists nowhere else.")

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.app_id)
        self.notify(f"Copied {self.app_id}", markup=False)
