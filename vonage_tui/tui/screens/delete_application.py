"""Deleting an application, after the user types its exact name.

Dismisses with True when the application is gone (a 404 counts: it already was); the stored
private key is then removed too, best effort, with any failure reported.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from ...operations.key_storage import describe_error, forget_private_key
from ...safe_text import visible
from ..announcements import announce_deleted
from ..format import literal, safe_text
from ..services import services_of
from ..worker_errors import ReportsWorkerErrors
from ..verbs import bind
from .dialog import Dialog


class DeleteApplicationModal(ReportsWorkerErrors, Dialog[bool]):
    AUTO_FOCUS = "#delete-confirm-name"  # focused as it opens: keys typed at once land in it
    BINDINGS = [
        bind("back", "cancel", "Cancel", tooltip="Keep the application"),
        bind("copy_id", "copy_id", tooltip="Copy the application's id (OSC 52)"),
    ]

    def __init__(self, app_id: str, name: str | None) -> None:
        super().__init__(classes="modal")
        self.app_id = app_id
        self.app_name = name
        self.busy = False

    @property
    def accepted(self) -> set[str]:
        """What may be typed: the id, always (a name in Arabic or Japanese is hard to type
        over SSH), or the name when it can be typed (no control characters: the input would
        show them as ␛…)."""
        if self.name_typeable and self.app_name:
            return {self.app_id, self.app_name}
        return {self.app_id}

    @property
    def name_typeable(self) -> bool:
        return bool(self.app_name) and visible(self.app_name) == self.app_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog delete-dialog"):
            title = Text("Delete application ", style="bold")
            title.append_text(literal(self.app_name or self.app_id, "bold"))
            yield Static(title, classes="modal-title")
            yield Static(self.message(), classes="modal-message")
            yield Input(placeholder=visible(self.app_name if self.name_typeable else self.app_id),
                        id="delete-confirm-name")
            yield Static("", id="delete-error", classes="field-error")
            with Horizontal(classes="modal-buttons"):
                yield Button(self.shortcut("select", "Delete"), id="delete-confirm", variant="error", disabled=True)
                yield Button(self.shortcut("back", "Cancel"), id="delete-cancel")

    def message(self) -> Text:
        text = Text(no_wrap=False)
        text.append("ID ")
        text.append_text(literal(self.app_id))
        text.append("\nThis cannot be undone: its webhooks stop, its users lose access and "
                    "its stored private key is removed. Type ")
        text.append("the application's name or id" if self.name_typeable else "its id")
        text.append(" exactly to enable Delete:")
        return text

    def on_mount(self) -> None:
        self.query_one("#delete-error").display = False
        self.query_one("#delete-confirm-name", Input).focus()

    @on(Input.Changed, "#delete-confirm-name")
    def check_typed(self, event: Input.Changed) -> None:
        self.query_one("#delete-confirm", Button).disabled = event.value not in self.accepted

    @on(Input.Submitted, "#delete-confirm-name")
    @on(Button.Pressed, "#delete-confirm")
    def confirm(self) -> None:
        if self.query_one("#delete-confirm-name", Input).value not in self.accepted:
            self.show_error("That does not match the name or the id: nothing was deleted.")
            return
        if services_of(self.app).readonly:
            self.show_error("This session is read-only: nothing can be deleted.")
            return
        if not self.busy:
            self.delete()

    @work(exclusive=True, exit_on_error=False, group="delete-application")
    async def delete(self) -> None:
        from ...api import ApiError, NotFoundError

        self.busy = True
        self.query_one("#delete-confirm", Button).disabled = True
        self.show_error(None)
        try:
            await services_of(self.app).client.delete_application(self.app_id)
        except NotFoundError:
            self.notify("It was already deleted.", title="Application not found", markup=False)
        except (ApiError, ValueError) as error:
            self.busy = False
            self.query_one("#delete-confirm", Button).disabled = False
            self.show_error(f"Not deleted: {describe_error(error)}")
            return
        announce_deleted(self.app, self.app_id)
        problem = await forget_private_key(services_of(self.app).key_vault, self.app_id)
        if problem is not None:
            self.notify(f"The stored private key of {self.app_id} could not be removed: "
                        f"{describe_error(problem)}", title="Key store", severity="warning",
                        markup=False, timeout=10)
        self.notify(f"Deleted {self.app_name or self.app_id}", markup=False)
        self.dismiss(True)

    def show_error(self, reason: str | None) -> None:
        error = self.query_one("#delete-error", Static)
        error.update(safe_text(reason or ""))
        error.display = reason is not None

    @on(Button.Pressed, "#delete-cancel")
    def action_cancel(self) -> None:
        if self.busy:
            self.app.bell()
            return
        self.dismiss(False)

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.app_id)
        self.notify(f"Copied {self.app_id}", markup=False)
