"""A delete that waits for the object's exact name or id to be typed: the one dialog that
``delete_application.py`` and ``delete_user.py`` specialise.

It dismisses with True when the object is gone (a 404 counts: it already was). A subclass says
what it deletes (``kind``, ``consequences``), sends the DELETE (``send_delete``) and says what
follows once it is gone (``deleted``: announcements, a stored key to remove).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from ...operations.key_storage import describe_error
from ...safe_text import visible
from ..format import literal, safe_text
from ..services import services_of
from ..worker_errors import ReportsWorkerErrors
from .dialog import Dialog


class TypedDeleteDialog(ReportsWorkerErrors, Dialog[bool]):
    AUTO_FOCUS = "#delete-typed"  # focused as it opens: keys typed at once land in it
    kind: ClassVar[str] = "object"
    """What is deleted, as the title says it ("application", "user")."""
    consequences: ClassVar[str] = "This cannot be undone."
    """What deleting it does, said before "Type … exactly to enable Delete"."""

    def __init__(self, object_id: str, name: str | None) -> None:
        super().__init__(classes="modal")
        self.object_id = object_id
        self.object_name = name
        self.busy = False

    # -- what a subclass says ------------------------------------------------------------------

    async def send_delete(self) -> None:
        """The DELETE (raises ``ApiError``, ``NotFoundError`` when it is already gone)."""
        raise NotImplementedError

    async def deleted(self) -> None:
        """The object is gone: tell whoever shows it, and tidy what went with it."""

    # -- the dialog ----------------------------------------------------------------------------

    @property
    def accepted(self) -> set[str]:
        """What may be typed: the id, always (a name in Arabic or Japanese is hard to type
        over SSH), or the name when it can be typed (no control characters: the input would
        show them as ␛…)."""
        if self.name_typeable and self.object_name:
            return {self.object_id, self.object_name}
        return {self.object_id}

    @property
    def name_typeable(self) -> bool:
        return bool(self.object_name) and visible(self.object_name) == self.object_name

    @property
    def label(self) -> str:
        """The object in a sentence: its name, or its id when it has none."""
        return self.object_name or self.object_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog delete-dialog"):
            title = Text(f"Delete {self.kind} ", style="bold")
            title.append_text(literal(self.label, "bold"))
            yield Static(title, classes="modal-title")
            yield Static(self.message(), classes="modal-message")
            # The placeholder shows what can be typed: a name with control characters cannot.
            yield Input(placeholder=visible(self.object_name if self.name_typeable
                                            else self.object_id), id="delete-typed")
            yield Static("", id="delete-error", classes="field-error")
            with Horizontal(classes="modal-buttons"):
                yield Button(self.shortcut("select", "Delete"), id="delete-confirm",
                             variant="error", disabled=True)
                yield Button(self.shortcut("back", "Cancel"), id="delete-cancel")

    def message(self) -> Text:
        text = Text(no_wrap=False)
        text.append("ID ")
        text.append_text(literal(self.object_id))
        text.append(f"\n{self.consequences} Type ")
        text.append(f"the {self.kind}'s name or id" if self.name_typeable else "its id")
        text.append(" exactly to enable Delete:")
        return text

    def on_mount(self) -> None:
        self.query_one("#delete-error").display = False
        self.query_one("#delete-typed", Input).focus()

    @on(Input.Changed, "#delete-typed")
    def check_typed(self, event: Input.Changed) -> None:
        self.query_one("#delete-confirm", Button).disabled = event.value not in self.accepted

    @on(Input.Submitted, "#delete-typed")
    @on(Button.Pressed, "#delete-confirm")
    def confirm(self) -> None:
        if self.query_one("#delete-typed", Input).value not in self.accepted:
            self.show_error("That does not match the name or the id: nothing was deleted.")
            return
        if services_of(self.app).readonly:
            self.show_error("This session is read-only: nothing can be deleted.")
            return
        if not self.busy:
            self.delete()

    @work(exclusive=True, exit_on_error=False, group="typed-delete")
    async def delete(self) -> None:
        from ...api import ApiError, NotFoundError  # not at import: start-up stays light

        self.busy = True
        self.query_one("#delete-confirm", Button).disabled = True
        self.show_error(None)
        try:
            await self.send_delete()
        except NotFoundError:
            self.notify("It was already deleted.", title=f"{self.kind.capitalize()} not found",
                        markup=False)
        except (ApiError, ValueError) as error:
            self.busy = False
            self.query_one("#delete-confirm", Button).disabled = False
            self.show_error(f"Not deleted: {describe_error(error)}")
            return
        await self.deleted()
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
        self.app.copy_to_clipboard(self.object_id)
        self.notify(f"Copied {self.object_id}", markup=False)
