"""The application editor's actions that go through a dialog or another flow: add (a capability
from a picker), remove (after a confirmation), rotate the key (k) and export (e).

Rotate and export reuse the list's flows (``tui/flows/``), run as app workers so that closing the
editor cannot cancel a flow that holds an unsaved private key. After a rotation the editor's
base must follow the server: otherwise a later save would PUT the old public key back and the
new private key, just stored, would stop matching.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...models.documents import get_path
from ...models.limits import path_name
from ..editing.outline import is_removable
from ..editing.state import PUBLIC_KEY
from ..services import services_of
from .application_editor_modals import CapabilityPicker
from .confirm import ConfirmModal

if TYPE_CHECKING:
    from ...models import Path
    from .application_editor import ApplicationEditorScreen


async def add(screen: ApplicationEditorScreen, path: Path) -> None:
    """Add the known object at ``path`` and put the cursor on it, opened."""
    assert screen.state is not None
    screen.state.add(path)
    await screen.render_state(cursor=path)
    screen.doc_tree.move_to(path)
    node = screen.doc_tree.cursor_node
    if node is not None:
        node.expand()


async def add_selected(screen: ApplicationEditorScreen) -> None:
    """Add the node under the cursor when it is not set, else pick a capability to add."""
    state = screen.state
    if state is None or screen.readonly:
        return
    entry = screen.doc_tree.cursor_entry
    if entry is not None and entry.kind == "absent":
        await add(screen, entry.path)
        return
    missing = state.missing_capabilities()
    if not missing:
        screen.notify("This application has every capability already.", markup=False)
        return

    async def picked(name: str | None) -> None:
        if name:
            await add(screen, ("capabilities", name))
            screen.notify(f"Added {name}: fill in its addresses, then save.", markup=False)

    screen.app.push_screen(CapabilityPicker(missing), picked)


def remove_selected(screen: ApplicationEditorScreen) -> None:
    state = screen.state
    if state is None or screen.readonly:
        return
    entry = screen.doc_tree.cursor_entry
    if entry is None or not is_removable(state.working, entry.path):
        screen.notify("Select a capability, a webhook or video storage to remove it.",
                      severity="warning", markup=False)
        return
    path = entry.path

    async def answered(confirmed: bool | None) -> None:
        if confirmed and screen.state is not None:
            screen.state.remove(path)
            await screen.render_state(cursor=path[:-1])

    screen.app.push_screen(
        ConfirmModal(f"Remove {path_name(path)}?",
                     "It is removed from the application when you save.",
                     confirm_label="Remove", danger=True),
        answered,
    )


def rotate_key(screen: ApplicationEditorScreen) -> None:
    from ..flows.common import launch
    from ..flows.outcomes import Rotated
    from ..flows.rotate import run_rotate_key

    state = screen.state
    if state is None or screen.readonly or screen.saving or screen.rotating:
        return
    name = get_path(state.base, ("name",))
    label = name if isinstance(name, str) and name else None

    async def flow() -> bool:
        # Until the editor has taken the new key in, a save would PUT the old one back.
        screen.rotating = True
        try:
            rotated = isinstance(
                await run_rotate_key(services_of(screen.app), screen.app_id, label), Rotated)
            if rotated and screen.is_attached:
                await follow_rotation(screen)
            return rotated
        finally:
            screen.rotating = False

    launch(screen.app, flow(), name="editor-rotate-key")


async def follow_rotation(screen: ApplicationEditorScreen) -> None:
    """The key changed on the server: reload, or (with unsaved edits) take in just the key."""
    from ...api import ApiError

    state = screen.state
    if state is None or not state.dirty:
        screen.load()
        return
    try:
        remote = (await services_of(screen.app).client.get_application(
            screen.app_id)).to_document()
    except ApiError as error:
        # The save's conflict check will see the new key and keep it (save_flow.keeps_remote_key).
        screen.notify(f"The key was rotated, but the editor could not fetch it ({error}). "
                      "Your edits are kept; saving will show the change and keep the new key.",
                      title="Key rotated", severity="warning", markup=False)
        return
    key = get_path(remote, PUBLIC_KEY)
    typed_key = PUBLIC_KEY in state.rejected or (
        get_path(state.working, PUBLIC_KEY) != get_path(state.base, PUBLIC_KEY))
    if isinstance(key, str) and key:
        state.adopt_public_key(key)
    await screen.render_state(force_panel=True)
    screen.note("Key rotated on the server")
    replaced = " (the public key you were editing is replaced by the new one)" if typed_key else ""
    screen.notify(f"The key changed on the server. Your unsaved edits are kept{replaced}, and "
                  "saving them keeps the new key.", title="Key rotated", markup=False)


def export(screen: ApplicationEditorScreen) -> None:
    from ..flows.common import launch
    from ..flows.export import run_export
    from ..flows.outcomes import Exported, ExportResult

    unsaved = screen.state is not None and screen.state.dirty

    def exported(result: ExportResult) -> None:
        if isinstance(result, Exported) and unsaved:
            screen.notify("The file holds the application as saved on Vonage, without your "
                          "unsaved edits.", markup=False)

    launch(screen.app, run_export(services_of(screen.app), screen.app_id), exported,
           name="editor-export")
