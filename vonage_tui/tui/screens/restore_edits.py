"""Offers back the unsaved edits an earlier session journaled (a dropped SSH link, a kill).

The diff preview with other words: Restore or Discard. Dismisses True to restore. Esc restores
too: it is the choice that loses nothing (reload with r discards them later).
"""

from __future__ import annotations

from ...models.documents import Change
from ..verbs import bind
from .diff_preview import DiffPreview


def restore_note(what: str, written_at: str, server_changes: list[Change]) -> str:
    """What the dialog says above the diff: when, and whether the server moved on since."""
    stamp = written_at.replace("T", " ").replace("+00:00", " UTC")
    when = f" (last edit {stamp})" if written_at else ""
    note = (f"These edits to {what} were never saved: the last session ended first{when}. "
            "Restore puts them back; Discard drops them. Esc restores.")
    if server_changes:
        names = ", ".join(change.name or "document" for change in server_changes[:3])
        more = len(server_changes) - 3
        names += f" and {more} more" if more > 0 else ""
        note += (f"\n⚠ It changed on the server since ({names}). Restored edits stay on the "
                 "version you edited; saving will show the server's changes and ask whether "
                 "to reload or overwrite.")
    return note


class RestoreEdits(DiffPreview):
    BINDINGS = [
        bind("back", "cancel", "Restore", tooltip="Put the unsaved edits back"),
        bind("save", "confirm", "Restore", show=False, tooltip=""),
    ]
    confirm_key = "back"  # esc restores: the button says so
    cancel_key = None  # Discard loses the edits: no key does it by accident
    def __init__(self, title: str, changes: list[Change], *, note: str) -> None:
        super().__init__(title, changes, confirm_label="Restore", cancel_label="Discard",
                         note=note)

    def on_mount(self) -> None:
        # DiffPreview's own on_mount runs too (Textual calls each class's handler), after this
        # one, and focuses the diff: focus Restore once it has.
        self.call_after_refresh(self.query_one("#confirm").focus)

    def action_cancel(self) -> None:
        self.dismiss(True)
