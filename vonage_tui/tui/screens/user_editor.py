"""The user editor: a user (Users API v1) as a tree on the left, the selected object's fields on
the right; the same widgets as the application editor.

The screen owns its state (``editing/user_state.py``); what the tree and the panel show comes
from ``editing/user_outline.py``; the save is a flow (``flows/save_user.py``) whose outcome the
screen applies. With no user id it creates one: saving POSTs it, and the screen then edits the
user Vonage made.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ...api import ApiError, VonageClient
from ...models import Path, User
from ...operations.key_storage import describe_error
from ..editing.outline import OutlineNode, PanelView
from ..editing.status import CREATED, SAVED
from ..editing.user_outline import (
    OPENED,
    addable_at,
    build_user_outline,
    is_removable,
    panel_view,
    problem_paths,
)
from ..editing.user_state import UserEditorState
from ..flows.outcomes import UserRejected, UserReloaded, UserSaved, UserSaveResult
from ..services import Services
from ..verbs import bind
from .document_editor import DocumentEditorScreen
from .editor_journal import JournaledEdits


class UserEditorScreen(DocumentEditorScreen):
    BINDINGS = [
        bind("back", "back",
             tooltip="Back to the tree, or leave the editor (asks first if edits are unsaved)"),
        bind("save", "save", tooltip="Review the changes and save them to Vonage"),
        bind("add", "add", tooltip="Add a channel entry, a channel kind, properties or channels"),
        bind("remove", "remove", tooltip="Remove the selected channel entry or channel kind"),
        bind("refresh", "reload", "Reload",
             tooltip="Load the user again from Vonage (asks first if edits are unsaved)"),
        bind("export", "export", tooltip="Write the user as saved on Vonage to a JSON file"),
        bind("copy_id", "copy_id", tooltip="Copy the user's id (OSC 52, works over SSH)"),
        bind("quit", "quit_editor",
             tooltip="Leave vonage-tui (asks first if edits are unsaved)"),
    ]
    what = "user"
    journal_kind = "user"
    remove_hint = "Select a channel entry or a channel kind to remove it."
    state_class = UserEditorState
    tree_options: ClassVar[dict[str, Any]] = {"root_name": "user", "opened": OPENED}
    panel_options: ClassVar[dict[str, Any]] = {"root_title": "user"}
    load_errors = (ApiError, ValueError)
    state: UserEditorState | None

    def __init__(self, client: VonageClient, app_id: str, user_id: str | None,
                 name: str | None = None) -> None:
        super().__init__(user_id)
        self.client = client
        """The application's users client: its JWT is the one Vonage takes for these users."""
        self.app_id = app_id
        self.crumb = name or user_id or "New user"

    @property
    def user_id(self) -> str | None:
        """None until the user exists (a new user is created by its first save)."""
        return self.object_id

    # -- the document --------------------------------------------------------------------------

    async def fetch_document(self, services: Services) -> dict[str, Any]:
        assert self.user_id is not None
        return (await self.client.get_user(self.user_id)).to_document()

    def new_state(self) -> tuple[UserEditorState, str]:
        return UserEditorState.new_user(), "New user: the name is optional (Vonage makes one)"

    def load_failure(self, error: Exception) -> tuple[str, str]:
        return f"Could not load: {describe_error(error)} · press r to retry", describe_error(error)

    def untitled(self) -> str:
        return self.user_id or "New user"

    def outline(self, document: dict[str, Any]) -> OutlineNode:
        return build_user_outline(document, creating=self.creating)

    def panel(self, document: dict[str, Any], entry: OutlineNode, *,
              readonly: bool) -> PanelView:
        return panel_view(document, entry, readonly=readonly, creating=self.creating)

    @property
    def creating(self) -> bool:
        return self.state is not None and self.state.creating

    def removable(self, document: dict[str, Any], path: Path) -> bool:
        return is_removable(document, path)

    def place_problems(self, problems: dict[Path, str],
                       document: dict[str, Any]) -> dict[Path, str]:
        return problem_paths(problems, document)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add" and not self.readonly and self.state is not None:
            entry = self.doc_tree.cursor_entry
            addable = entry is not None and addable_at(self.state.working, entry.path)
            return True if addable else None
        if action in ("copy_id", "export", "reload"):
            return True if self.user_id else None
        return super().check_action(action, parameters)

    # -- adding --------------------------------------------------------------------------------

    async def action_add(self) -> None:
        entry = self.doc_tree.cursor_entry
        if self.state is None or self.readonly or entry is None:
            return
        if addable_at(self.state.working, entry.path) is None:
            self.notify("Select channels, a channel kind or one of its entries to add an entry.",
                        severity="warning", markup=False)
            return
        await self.add(entry.path)

    # -- saving ------------------------------------------------------------------------------

    def action_save(self) -> None:
        from ..flows.save_user import UserSave, run_save_user

        state = self.state
        if state is None or self.readonly or self.saving:
            return
        if invalid := state.invalid():
            self.notify(f"Not saved. Fix first: {state.invalid_summary()}",
                        title="Invalid fields", severity="error", markup=False)
            self.doc_tree.move_to(next(iter(problem_paths(invalid, state.working))))
            return
        if not state.changes() and not state.creating:
            self.notify("Nothing to save.", markup=False)
            return
        save = UserSave(self.client, self.app_id, self.user_id, state.base, state.working,
                        self.crumb)

        async def saving() -> None:
            try:
                outcome = await run_save_user(self.services, save, self.watched_request)
            finally:
                self.saving = False
            if self.is_attached:  # else the editor was left meanwhile
                await self.saved(outcome)

        self.saving = True
        # An app worker, as for applications: leaving the editor cannot cancel a PATCH half
        # way; esc while Vonage is slow cancels it on purpose (the status says so).
        self.app.run_worker(saving(), name="user-editor-save", group="user-editor-save",
                            exit_on_error=False)

    def watched_request(self, cancelled: str) -> Any:
        self.note("Saving…")
        return self.waiting.watching(cancelled)

    async def saved(self, outcome: UserSaveResult) -> None:
        """Apply the save's outcome; anything but success keeps every edit."""
        state = self.state
        if state is None:
            return
        if isinstance(outcome, UserSaved):
            if outcome.created:
                self.become(outcome.user)
                state.created(outcome.user.to_document())
            else:
                state.saved(outcome.sent, outcome.user.to_document())
            self.status_note = CREATED if outcome.created else SAVED
            self.set_crumb()
            await self.render_state(force_panel=True)
            self.refresh_bindings()
        elif isinstance(outcome, UserReloaded):
            state.discard(outcome.document)
            self.status_note = "Reloaded from the server; your edits were discarded"
            self.set_crumb()
            await self.render_state(force_panel=True)
        elif isinstance(outcome, UserRejected):
            state.record_server_errors(outcome.parameters)
            self.status_note = "Rejected by the server; your edits are kept"
            await self.render_state()
            if state.server_errors:
                self.doc_tree.move_to(next(iter(problem_paths(state.server_errors,
                                                              state.working))))
        else:
            self.note("Not saved; your edits are kept")

    def become(self, user: User) -> None:
        """The user was just created: from now on this screen edits it."""
        self.object_id = user.id if isinstance(user.id, str) else None
        if self.object_id:
            self.journaled = JournaledEdits(self.services, self.journal_kind, self.object_id)
            self.journaled.ready = True  # nothing to offer: it did not exist a moment ago

    # -- reloading, exporting, copying ---------------------------------------------------------

    def action_reload(self) -> None:
        if self.user_id:
            self.ask_discard(self.load, "Reload and discard your changes?")

    def action_export(self) -> None:
        from ..flows.common import launch
        from ..flows.user_files import run_export_user

        if self.user_id:
            launch(self.app, run_export_user(self.services, self.client, self.user_id),
                   name="user-editor-export")

    def action_copy_id(self) -> None:
        if self.user_id:
            self.app.copy_to_clipboard(self.user_id)
            self.notify(f"Copied {self.user_id}", markup=False)
