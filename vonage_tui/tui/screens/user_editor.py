"""The user editor: a user (Users API v1) as a tree on the left, the selected object's fields on
the right; the same editor base (``document_editor.py``) as the application editor.

The screen owns its state (``editing/user_state.py``); what the tree and the panel show comes
from ``editing/user_outline.py``; the save is a flow (``flows/save_user.py``: a PATCH, or a POST)
whose outcome the base applies as it does an application's. With no user id it creates one:
saving POSTs it, and the screen then edits the user Vonage made.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ...api import ApiError, VonageClient
from ...models import Path
from ...operations.key_storage import describe_error
from ..editing.outline import OutlineNode, PanelView
from ..editing.user_outline import (
    OPENED,
    addable_at,
    build_user_outline,
    is_removable,
    panel_view,
    problem_paths,
)
from ..editing.user_state import UserEditorState
from ..flows.outcomes import SaveResult
from ..flows.saving import SaveProgress, SaveRequest
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

    async def run_save(self, services: Services, request: SaveRequest,
                       progress: SaveProgress) -> SaveResult:
        from ..flows.save_user import run_save_user

        return await run_save_user(services, self.client, self.app_id, request, progress)

    def take_created(self, document: dict[str, Any]) -> None:
        assert self.state is not None
        user_id = document.get("id")
        self.object_id = user_id if isinstance(user_id, str) and user_id else None
        if self.object_id:
            self.journaled = JournaledEdits(self.services, self.journal_kind, self.object_id)
            self.journaled.ready = True  # nothing to offer: it did not exist a moment ago
        self.state.created(document)

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
