"""The application editor: the document editor (``document_editor.py``) over an application,
with what only applications have: capabilities to add from a picker, the key to rotate (k),
the saved document to export (e), the id to copy.

Rotate and export are the list's flows (``tui/flows/``), run as app workers so that closing the
editor cannot cancel a flow that holds an unsaved private key. After a rotation the editor's
base must follow the server: otherwise a later save would PUT the old public key back and the
new private key, just stored, would stop matching. The flows return outcomes; this screen
applies them.
"""

from __future__ import annotations

from typing import Any

from textual.worker import WorkerCancelled, WorkerFailed

from ...api import ApiError
from ...models import Path
from ...models.documents import Change, get_path
from ..editing import save_flow
from ..editing.outline import OutlineNode, PanelView, build_outline, is_removable, panel_view
from ..editing.state import PUBLIC_KEY
from ..flows.common import launch
from ..flows.export import run_export
from ..flows.outcomes import Exported, ExportResult, Rotated, SaveResult
from ..flows.rotate import run_rotate_key
from ..flows.save_application import run_save_application
from ..flows.saving import SaveProgress, SaveRequest
from ..services import Services
from ..verbs import bind
from .application_editor_modals import CapabilityPicker
from .document_editor import DocumentEditorScreen


class ApplicationEditorScreen(DocumentEditorScreen):
    BINDINGS = [
        bind("back", "back",
             tooltip="Back to the tree, or leave the editor (asks first if edits are unsaved)"),
        bind("save", "save", tooltip="Review the changes and save them to Vonage"),
        bind("add", "add", tooltip="Add the selected item that is not set, or a capability"),
        bind("remove", "remove",
             tooltip="Remove the selected capability, webhook or video storage"),
        bind("refresh", "reload", "Reload",
             tooltip="Load the application again from Vonage (asks first if edits are unsaved)"),
        bind("rotate_key", "rotate_key"),
        bind("export", "export",
             tooltip="Write the application as saved on Vonage to a JSON file (no private key)"),
        bind("copy_id", "copy_id", tooltip="Copy the application's id (OSC 52, works over SSH)"),
        bind("users", "users", tooltip="Open the users of this application"),
        bind("quit", "quit_editor",
             tooltip="Leave vonage-tui (asks first if edits are unsaved)"),
    ]
    MUTATING_ACTIONS = frozenset({"save", "add", "remove", "rotate_key"})
    what = "application"
    journal_kind = "application"
    remove_hint = "Select a capability, a webhook or video storage to remove it."

    def __init__(self, app_id: str) -> None:
        super().__init__(app_id)
        self.app_id = app_id
        self.rotating = False
        """True while this editor's key rotation runs (from its question to the reload): a
        save is refused meanwhile, as a rotation is during a save."""

    # -- the document --------------------------------------------------------------------------

    async def fetch_document(self, services: Services) -> dict[str, Any]:
        return (await services.client.get_application(self.app_id)).to_document()

    def outline(self, document: dict[str, Any]) -> OutlineNode:
        return build_outline(document)

    def panel(self, document: dict[str, Any], entry: OutlineNode, *,
              readonly: bool) -> PanelView:
        return panel_view(document, entry, readonly=readonly)

    def removable(self, document: dict[str, Any], path: Path) -> bool:
        return is_removable(document, path)

    def shown_changes(self, changes: list[Change]) -> list[Change]:
        return save_flow.shown_changes(changes)  # a public key as its fingerprint

    # -- adding a capability -------------------------------------------------------------------

    async def add_elsewhere(self) -> None:
        """Pick a capability the application lacks, and add it."""
        assert self.state is not None
        missing = self.state.missing_capabilities()
        if not missing:
            self.notify("This application has every capability already.", markup=False)
            return

        async def picked(name: str | None) -> None:
            if name and self.state is not None:
                await self.add(("capabilities", name))
                self.notify(f"Added {name}: fill in its addresses, then save.", markup=False)

        self.app.push_screen(CapabilityPicker(missing), picked)

    # -- saving --------------------------------------------------------------------------------

    async def run_save(self, services: Services, request: SaveRequest,
                       progress: SaveProgress) -> SaveResult:
        return await run_save_application(services, request, progress)

    def save_refused(self) -> bool:
        if self.rotating:
            # The rotation's PUT and this one would race, and this one carries the old key.
            self.notify("Not saved: the key is being rotated. Save again when it is done; "
                        "your edits are kept.", title="Rotation in progress",
                        severity="warning", markup=False)
        return self.rotating

    # -- users -----------------------------------------------------------------------------------

    def users_target(self) -> tuple[str, str | None]:
        """This application, for `u` and the palette's "Users of …"."""
        name = get_path(self.state.working, ("name",)) if self.state else None
        return self.app_id, name if isinstance(name, str) else None

    def action_users(self) -> None:
        self.app.open_users(*self.users_target())

    # -- rotating the key ----------------------------------------------------------------------

    def action_rotate_key(self) -> None:
        state = self.state
        if state is None or self.readonly or self.saving or self.rotating:
            return
        name = get_path(state.base, ("name",))
        # Until the editor has taken the new key in, a save would PUT the old one back.
        self.rotating = True
        self.app.run_worker(self._rotate(name if isinstance(name, str) and name else None),
                            name="editor-rotate-key", group="vonage-flow", exit_on_error=False)

    async def _rotate(self, label: str | None) -> None:
        try:
            outcome = await run_rotate_key(self.services, self.app_id, label)
            if isinstance(outcome, Rotated) and self.is_attached:
                await self.follow_rotation()
        finally:
            self.rotating = False

    async def follow_rotation(self) -> None:
        """The key changed on the server: reload, or (with unsaved edits) take in just the key."""
        state = self.state
        # The panel is drawn again with the new key: the field being typed in keeps the focus.
        typing_in = self.fields.focused_path()
        if state is None or not state.dirty:
            try:
                await self.load().wait()
            except (WorkerCancelled, WorkerFailed):
                return  # the editor was left meanwhile, or the load has said what failed
            if typing_in is not None:
                self.fields.focus_field(typing_in)
            return
        try:
            remote = await self.fetch_document(self.services)
        except ApiError as error:
            # The save's conflict check will see the new key and keep it
            # (save_flow.keeps_remote_key).
            self.notify(f"The key was rotated, but the editor could not fetch it ({error}). "
                        "Your edits are kept; saving will show the change and keep the new key.",
                        title="Key rotated", severity="warning", markup=False)
            return
        key = get_path(remote, PUBLIC_KEY)
        typed_key = PUBLIC_KEY in state.rejected or (
            get_path(state.working, PUBLIC_KEY) != get_path(state.base, PUBLIC_KEY))
        if isinstance(key, str) and key:
            state.adopt_public_key(key)
        await self.render_state(force_panel=True)
        if typing_in is not None:
            self.fields.focus_field(typing_in)
        self.note("Key rotated on the server")
        replaced = (" (the public key you were editing is replaced by the new one)"
                    if typed_key else "")
        self.notify(f"The key changed on the server. Your unsaved edits are kept{replaced}, "
                    "and saving them keeps the new key.", title="Key rotated", markup=False)

    # -- export, copy --------------------------------------------------------------------------

    def action_export(self) -> None:
        unsaved = self.state is not None and self.state.dirty

        def exported(result: ExportResult) -> None:
            if isinstance(result, Exported) and unsaved:
                self.notify("The file holds the application as saved on Vonage, without your "
                            "unsaved edits.", markup=False)

        launch(self.app, run_export(self.services, self.app_id), exported, name="editor-export")

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.app_id)
        self.notify(f"Copied {self.app_id}", markup=False)
