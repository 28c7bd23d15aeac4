"""The screen side of the journal of unsaved edits (``editing/journal.py``), for any editor.

An editor calls ``record`` after every change to its state, ``offer`` once its object is
loaded, and ``forget`` when the user discards the edits. It works with the account's
``Services`` (where to say things, the modal to ask with), never with the editor. Until the offer is answered nothing is
written, so opening an object never overwrites what an earlier session left. In read-only mode
the journal is neither offered nor touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from ...models import Path
from ...models.documents import Change
from ..editing.journal import EditJournal, JournalEntry, JournalKey, restore_offer
from ..services import Services
from .restore_edits import RestoreEdits, restore_note


class Rejected(Protocol):
    text: str
    reason: str


class JournaledState(Protocol):
    base: dict[str, Any]
    working: dict[str, Any]
    rejected: dict[Path, Rejected]

    @property
    def dirty(self) -> bool: ...


class JournaledEdits:
    def __init__(self, services: Services, kind: str, object_id: str) -> None:
        self.services = services
        self.kind = kind
        self.object_id = object_id
        self.journal = EditJournal()
        self.ready = False
        """True once any journaled edits were offered back (or there were none)."""
        self._warned = False

    @property
    def key(self) -> JournalKey:
        return JournalKey(self.services.profile_name, self.kind, self.object_id)

    @property
    def _readonly(self) -> bool:
        return self.services.readonly

    def record(self, state: JournaledState | None) -> None:
        """Write the edits as they are now (or delete the journal when there are none)."""
        if not self.ready or self._readonly or state is None:
            return
        try:
            if state.dirty:
                typed = {path: (item.text, item.reason) for path, item in state.rejected.items()}
                self.journal.write(JournalEntry(self.key, state.base, state.working, typed))
            else:
                self.journal.delete(self.key)
        except OSError as error:
            if not self._warned:  # once: the editor still works, only the safety net is gone
                self._warned = True
                self.services.notifier.notify(f"Unsaved edits are not kept on disk: {error}",
                                              title="Journal", severity="warning", markup=False)

    def forget(self) -> None:
        """The user discarded the edits: they are not offered again."""
        if self.ready and not self._readonly:
            self.journal.delete(self.key)

    async def offer(self, current: dict[str, Any], what: str,
                    shown: Callable[[list[Change]], list[Change]] = list) -> JournalEntry | None:
        """Offer journaled edits back (from a worker). The entry to restore, or None."""
        try:
            if self._readonly:
                return None
            read = self.journal.read(self.key)
            if read.note:
                self.services.notifier.notify(read.note, title="Journal", severity="warning",
                                              markup=False)
            if read.entry is None:
                return None
            offer = restore_offer(read.entry, current)
            dialog = RestoreEdits(f"Unsaved edits to {what}", shown(offer.changes),
                                  note=restore_note(what, read.entry.written_at,
                                                    offer.server_changes))
            if await self.services.ui.push_screen_wait(dialog):
                return read.entry
            self.journal.delete(self.key)
            return None
        finally:
            self.ready = True
