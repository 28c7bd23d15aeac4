"""The encrypted file's passphrase, in a modal: a new one typed twice, or the one that unlocks it.

The modal runs ``attempt(passphrase)`` itself (in a worker: Argon2 takes seconds) so that a
wrong passphrase is said right here and the user types again. Dismisses with whatever
``attempt`` returned, or None when cancelled. The passphrase never reaches a message.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from ...secret import SecretStr
from ...credentials import CredentialsError, encrypted_file_path
from ...credentials.encrypted_file import PASSPHRASE_ENV
from ..format import safe_text
from ..worker_errors import ReportsWorkerErrors
from ..verbs import bind
from .dialog import Dialog

MIN_NEW_LENGTH = 8


async def handled_so_far(widget: Widget) -> None:
    """Return once ``widget`` has handled every message (key) already sent to it."""
    done = asyncio.Event()
    widget.call_later(done.set)
    await done.wait()


class PassphraseModal(ReportsWorkerErrors, Dialog[Any]):
    AUTO_FOCUS = "#passphrase"  # focused as it opens: keys typed at once land in it
    BINDINGS = [
        bind("back", "cancel", "Cancel", tooltip="Close without unlocking"),
        # A priority binding runs as the key arrives: the field's own enter (Input.Submitted)
        # is handled a message later, after the keys typed next (a fast typist, a password
        # manager's auto-type) had gone into the first field too.
        bind("select", "enter_pressed", "Next", show=False, priority=True,
             tooltip="The next field, or unlock (create) with what is typed"),
    ]

    def __init__(self, attempt: Callable[[SecretStr], Awaitable[Any]], *, creating: bool,
                 problem: str | None = None) -> None:
        super().__init__(classes="modal")
        self.attempt = attempt
        self.creating = creating
        self.first_problem = problem

    def compose(self) -> ComposeResult:
        title = ("Choose a passphrase for the encrypted secrets file" if self.creating
                 else "Unlock the encrypted secrets file")
        with Vertical(classes="modal-dialog passphrase-dialog"):
            yield Static(Text(title, style="bold"), classes="modal-title")
            yield Static(self.explanation(), classes="modal-message")
            yield Input(password=True, placeholder="passphrase", id="passphrase")
            if self.creating:
                yield Input(password=True, placeholder="the same passphrase again",
                            id="passphrase-again")
            yield Static("", id="passphrase-error", classes="field-error")
            yield Static("", id="passphrase-status", classes="passphrase-status")
            with Horizontal(classes="modal-buttons"):
                yield Button(self.shortcut("select", "Create" if self.creating else "Unlock"),
                             id="passphrase-ok",
                             variant="primary")
                yield Button(self.shortcut("back", "Cancel"), id="passphrase-cancel")

    def explanation(self) -> Text:
        text = Text(no_wrap=False)
        if self.creating:
            text.append("Your API secret and private keys will be kept encrypted in ")
            text.append(str(encrypted_file_path()), style="bold")
            text.append(f". There is no way to recover it: at least {MIN_NEW_LENGTH} characters, "
                        "and keep it somewhere safe.")
        else:
            text.append("Its passphrase opens ")
            text.append(str(encrypted_file_path()), style="bold")
            text.append(f". For unattended runs, set {PASSPHRASE_ENV} instead.")
        return text

    def on_mount(self) -> None:
        self.show_problem(self.first_problem)
        self.query_one("#passphrase-status").display = False
        self.query_one("#passphrase", Input).focus()

    def show_problem(self, message: str | None) -> None:
        error = self.query_one("#passphrase-error", Static)
        error.update(safe_text(message or ""))  # may quote the key store's error
        error.display = message is not None

    def problem(self) -> str | None:
        first = self.query_one("#passphrase", Input).value
        if not first.strip():
            return "Enter the passphrase."
        if self.creating:
            if len(first) < MIN_NEW_LENGTH:
                return f"Use at least {MIN_NEW_LENGTH} characters."
            if first != self.query_one("#passphrase-again", Input).value:
                return "The two passphrases differ: type them again."
        return None

    async def action_enter_pressed(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        elif self.creating and focused is self.query_one("#passphrase", Input):
            self.set_focus(self.query_one("#passphrase-again", Input))  # now, not a message later
        else:
            # This key overtook the letters typed before it, still queued at the fields.
            for field in self.query(Input):
                await handled_so_far(field)
            self.submit()

    @on(Button.Pressed, "#passphrase-ok")
    def submit(self) -> None:
        problem = self.problem()
        self.show_problem(problem)
        if problem is None:
            self.run_attempt(SecretStr(self.query_one("#passphrase", Input).value))

    @work(exclusive=True, exit_on_error=False, group="passphrase")
    async def run_attempt(self, passphrase: SecretStr) -> None:
        status = self.query_one("#passphrase-status", Static)
        status.update("Deriving the key (Argon2): this takes a few seconds…")
        status.display = True
        self.query_one("#passphrase-ok", Button).disabled = True
        try:
            result = await self.attempt(passphrase)
        except CredentialsError as error:
            self.show_problem(f"{error} Try again.")
            for field in self.query(Input):
                field.value = ""
            self.query_one("#passphrase", Input).focus()
            return
        except Exception as error:  # noqa: BLE001
            # Kept wide on purpose: every failure the store defines is a CredentialsError,
            # handled above; anything else is unforeseen, and its text may hold the passphrase
            # (the worker error report would print it), so only its kind is shown.
            self.show_problem(f"{type(error).__name__}: the encrypted file could not be opened.")
            return
        finally:
            status.display = False
            self.query_one("#passphrase-ok", Button).disabled = False
        self.dismiss(result)

    @on(Button.Pressed, "#passphrase-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
