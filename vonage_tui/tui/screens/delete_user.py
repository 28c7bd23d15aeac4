"""Deleting a user, after the user's name or id is typed.

Dismisses with True when the user is gone (a 404 counts: it already was) and announces it, so
the users list (and its index) drop it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from ...api import ApiError, NotFoundError, VonageClient
from ...operations.key_storage import describe_error
from ...safe_text import visible
from ..announcements import announce_user_deleted
from ..format import literal, safe_text
from ..services import services_of
from ..verbs import bind
from ..worker_errors import ReportsWorkerErrors
from .dialog import Dialog


class DeleteUserModal(ReportsWorkerErrors, Dialog[bool]):
    AUTO_FOCUS = "#delete-user-typed"  # focused as it opens: keys typed at once land in it
    BINDINGS = [
        bind("back", "cancel", "Cancel", tooltip="Keep the user"),
        bind("copy_id", "copy_id", tooltip="Copy the user's id (OSC 52)"),
    ]

    def __init__(self, client: VonageClient, app_id: str, user_id: str,
                 name: str | None) -> None:
        super().__init__(classes="modal")
        self.client = client
        """The application's users client: its JWT is the one that may delete."""
        self.app_id = app_id
        self.user_id = user_id
        self.user_name = name
        self.busy = False

    @property
    def accepted(self) -> set[str]:
        """The name (when it can be typed: no control characters) or the id."""
        typeable = bool(self.user_name) and visible(self.user_name) == self.user_name
        return {self.user_id, self.user_name} if typeable else {self.user_id}  # type: ignore[misc]

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog delete-dialog"):
            title = Text("Delete user ", style="bold")
            title.append_text(literal(self.user_name or self.user_id, "bold"))
            yield Static(title, classes="modal-title")
            yield Static(self.message(), classes="modal-message")
            yield Input(placeholder=visible(self.user_name or self.user_id),
                        id="delete-user-typed")
            yield Static("", id="delete-user-error", classes="field-error")
            with Horizontal(classes="modal-buttons"):
                yield Button(self.shortcut("select", "Delete"), id="delete-user-confirm", variant="error", disabled=True)
                yield Button(self.shortcut("back", "Cancel"), id="delete-user-cancel")

    def message(self) -> Text:
        text = Text(no_wrap=False)
        text.append("ID ")
        text.append_text(literal(self.user_id))
        text.append("\nThis cannot be undone: the user's channels and conversations membership "
                    "go with it. Type ")
        text.append("the user's name or id" if len(self.accepted) > 1 else "its id")
        text.append(" exactly to enable Delete:")
        return text

    def on_mount(self) -> None:
        self.query_one("#delete-user-error").display = False
        self.query_one("#delete-user-typed", Input).focus()

    @on(Input.Changed, "#delete-user-typed")
    def check_typed(self, event: Input.Changed) -> None:
        self.query_one("#delete-user-confirm", Button).disabled = event.value not in self.accepted

    @on(Input.Submitted, "#delete-user-typed")
    @on(Button.Pressed, "#delete-user-confirm")
    def confirm(self) -> None:
        if self.query_one("#delete-user-typed", Input).value not in self.accepted:
            self.show_error("That is neither the name nor the id: nothing was deleted.")
            return
        if services_of(self.app).readonly:
            self.show_error("This session is read-only: nothing can be deleted.")
            return
        if not self.busy:
            self.delete_user()

    @work(exclusive=True, exit_on_error=False, group="delete-user")
    async def delete_user(self) -> None:
        self.busy = True
        self.query_one("#delete-user-confirm", Button).disabled = True
        self.show_error(None)
        try:
            await self.client.delete_user(self.user_id)
        except NotFoundError:
            self.notify("It was already deleted.", title="User not found", markup=False)
        except (ApiError, ValueError) as error:
            self.busy = False
            self.query_one("#delete-user-confirm", Button).disabled = False
            self.show_error(f"Not deleted: {describe_error(error)}")
            return
        announce_user_deleted(self.app, self.app_id, self.user_id)
        self.notify(f"Deleted user {self.user_name or self.user_id}", markup=False)
        self.dismiss(True)

    def show_error(self, reason: str | None) -> None:
        error = self.query_one("#delete-user-error", Static)
        error.update(safe_text(reason or ""))
        error.display = reason is not None

    @on(Button.Pressed, "#delete-user-cancel")
    def action_cancel(self) -> None:
        if self.busy:
            self.app.bell()
            return
        self.dismiss(False)

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.user_id)
        self.notify(f"Copied {self.user_id}", markup=False)
