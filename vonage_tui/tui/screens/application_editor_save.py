"""The screen side of the application editor's save: the dialogs and the API calls.

The rules (what the preview warns of, what a conflict means, where a 400's reasons go) are in
``editing/save_flow.py``; this runs them against the screen and never loses an edit.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ...models.documents import get_path
from ..announcements import announce_changed
from ..editing import save_flow
from ..editing.state import PUBLIC_KEY, problem_paths
from .application_editor_modals import ConflictModal
from .diff_preview import DiffPreview

if TYPE_CHECKING:
    from .application_editor import ApplicationEditorScreen


class EditorSave:
    """Runs one save at a time for an editor screen."""

    def __init__(self, screen: ApplicationEditorScreen) -> None:
        self.screen = screen
        self.running = False
        """True from the preview to the answer of the PUT; a second save is refused meanwhile."""

    def start(self) -> None:
        """Check there is something valid to save, then run the save in a worker."""
        screen, state = self.screen, self.screen.state
        if state is None or screen.readonly or self.running:
            return
        if screen.rotating:
            # The rotation's PUT and this one would race, and this one carries the old key.
            screen.notify("Not saved: the key is being rotated. Save again when it is done; "
                          "your edits are kept.", title="Rotation in progress",
                          severity="warning", markup=False)
            return
        invalid = state.invalid()
        if invalid:
            screen.notify(f"Not saved. Fix first: {state.invalid_summary()}",
                          title="Invalid fields", severity="error", markup=False)
            screen.doc_tree.move_to(next(iter(problem_paths(invalid, state.working))))
            return
        if not state.changes():
            screen.notify("Nothing to save.", markup=False)
            return
        self.running = True
        screen.run_worker(self._run(), name="editor-save", group="editor-save",
                          exclusive=True, exit_on_error=False)

    async def _run(self) -> None:
        try:
            await self._save()
        finally:
            self.running = False
            self.screen.show_status()

    async def _save(self) -> None:
        from ...api import ApiError, ValidationError

        screen, app = self.screen, self.screen.app
        state = screen.state
        assert state is not None
        note = save_flow.preview_note(state.base, state.working)
        changes = save_flow.shown_changes(state.changes())
        if not await app.push_screen_wait(DiffPreview(f"Save {screen.crumb}", changes, note=note)):
            return
        screen.note("Checking for changes on the server…")
        try:
            with screen.waiting.watching("Not saved: cancelled; your edits are kept"):
                remote = (await app.client.get_application(screen.app_id)).to_document()
        except ApiError as error:
            self.failed(f"could not check for remote changes: {error}")
            return
        conflict = save_flow.remote_changes(state.base, remote)
        if conflict:
            choice = await app.push_screen_wait(ConflictModal(
                save_flow.shown_changes(conflict),
                note=save_flow.conflict_note(state.base, state.working, remote)))
            if choice == "reload":
                state.discard(remote)
                screen.set_crumb()
                screen.status_note = "Reloaded from the server; your edits were discarded"
                await screen.render_state(force_panel=True)
                return
            if choice != "overwrite":
                screen.note("Not saved")
                return
            if save_flow.keeps_remote_key(state.base, state.working, remote):
                state.adopt_public_key(get_path(remote, PUBLIC_KEY))
        sent = copy.deepcopy(state.working)
        screen.note("Saving…")
        try:
            # Cancelled after sending, the PUT may have happened: the next save's check will tell.
            with screen.waiting.watching("Save cancelled: Vonage may or may not have it; your "
                                         "edits are kept"):
                saved = await app.client.update_application(sent, application_id=screen.app_id)
        except ValidationError as error:
            await self.rejected(error)
            return
        except ApiError as error:
            self.failed(str(error))
            return
        state.saved(sent, saved.to_document())
        announce_changed(app, saved)
        screen.set_crumb()
        screen.status_note = "Saved"
        await screen.render_state(force_panel=True)
        screen.notify("Saved", markup=False)

    async def rejected(self, error: Exception) -> None:
        """A 400: each reason goes on its field; the edits stay for the user to fix."""
        screen, state = self.screen, self.screen.state
        assert state is not None
        state.record_server_errors(save_flow.rejected_parameters(error))
        screen.status_note = "Rejected by the server; your edits are kept"
        await screen.render_state()
        if state.server_errors:
            screen.doc_tree.move_to(next(iter(problem_paths(state.server_errors, state.working))))
        screen.notify(str(error), title="Not saved: the server rejected it", severity="error",
                      markup=False)

    def failed(self, reason: str) -> None:
        self.screen.note("Not saved; your edits are kept")
        self.screen.notify(f"{reason}. Your edits are kept.", title="Not saved",
                           severity="error", markup=False)
