"""Unsaved edits, kept on disk as they are made, so a dropped SSH link loses nothing.

One file per object being edited, keyed by profile, kind (``"application"``, ``"user"``) and
object id, in ``$XDG_STATE_HOME/vonage-tui/journal`` (0700; files 0600, replaced atomically).
A file holds the document as the server sent it (the base), the edited document, and the text
typed into fields that was not valid yet. The editor writes it on every edit and deletes it after
a successful save or an explicit discard; opening the object again offers it back.

Never a secret: every ``private_key`` (an application's, returned once by a create) is removed
at any depth before anything is written, whatever the kind. No Textual here: the Users editor
uses it with ``kind="user"``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path as FilePath
from typing import Any

from ...credentials.paths import ensure_private_dir, state_dir, write_private_file
from ...models import Path
from ...models.documents import Change, diff_documents, get_path

FORMAT = 1
SECRET_KEYS = frozenset({"private_key"})
"""Keys never written, at any depth: a secret has no place in a plain file."""


@dataclass(frozen=True)
class JournalKey:
    profile: str
    kind: str
    """``"application"`` or ``"user"``."""
    object_id: str

    @property
    def filename(self) -> str:
        # Ids and profile names are not file names (a user's name may hold "/"): hash them.
        raw = json.dumps([self.profile, self.kind, self.object_id]).encode()
        return f"{self.kind}-{hashlib.sha256(raw).hexdigest()[:32]}.json"


@dataclass(frozen=True)
class JournalEntry:
    key: JournalKey
    base: dict[str, Any]
    """The server's document the edits were made on."""
    working: dict[str, Any]
    """The document with the user's valid edits."""
    typed: dict[Path, tuple[str, str]] = field(default_factory=dict)
    """Text typed into a field that was not applied, with why: ``path → (text, reason)``."""
    written_at: str = ""
    """When it was written (ISO 8601, UTC)."""

    def changes(self) -> list[Change]:
        return diff_documents(self.base, self.working)

    @property
    def edit_count(self) -> int:
        return len(self.changes()) + len(self.typed)


@dataclass(frozen=True)
class JournalRead:
    entry: JournalEntry | None
    note: str = ""
    """Said when a journal file could not be read (it is set aside, never a crash)."""


@dataclass(frozen=True)
class RestoreOffer:
    """What the editor shows when it offers journaled edits back."""

    changes: list[Change]
    """The journaled edits: journaled base → journaled working copy."""
    server_changes: list[Change]
    """What changed on the server since the journaled base (empty when nothing did)."""


def restore_offer(entry: JournalEntry, current: dict[str, Any]) -> RestoreOffer:
    """The edits (text typed but not valid yet shown as the change it would be) and what the
    server changed meanwhile (``current`` is the document just loaded)."""
    changes = [change for change in entry.changes() if change.path not in entry.typed]
    changes += [Change(path, "changed", old=get_path(entry.working, path), new=text)
                for path, (text, _reason) in entry.typed.items()]
    return RestoreOffer(changes, diff_documents(entry.base, without_secrets(current)))


def without_secrets(value: Any) -> Any:
    """``value`` with every key in ``SECRET_KEYS`` removed, at any depth (a copy)."""
    if isinstance(value, dict):
        return {key: without_secrets(item) for key, item in value.items()
                if key not in SECRET_KEYS}
    if isinstance(value, list):
        return [without_secrets(item) for item in value]
    return value


class EditJournal:
    """The journal directory. Writes raise ``OSError`` (the caller says so and goes on)."""

    def __init__(self, directory: FilePath | None = None) -> None:
        self.directory = directory if directory is not None else state_dir() / "journal"
        self._written: dict[JournalKey, str] = {}
        """What was last written per key: an edit that changes nothing writes nothing."""

    def path(self, key: JournalKey) -> FilePath:
        return self.directory / key.filename

    def write(self, entry: JournalEntry) -> None:
        typed = [
            {"path": list(path), "text": text, "reason": reason}
            for path, (text, reason) in entry.typed.items()
            if not SECRET_KEYS.intersection(map(str, path))
        ]
        body = {
            "format": FORMAT,
            "profile": entry.key.profile,
            "kind": entry.key.kind,
            "id": entry.key.object_id,
            "base": without_secrets(entry.base),
            "working": without_secrets(entry.working),
            "typed": typed,
        }
        text = json.dumps(body, ensure_ascii=False, sort_keys=False)
        if self._written.get(entry.key) == text:
            return
        stamped = {**body, "written_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        file_text = json.dumps(stamped, ensure_ascii=False)
        if not file_text.isascii():
            try:
                file_text.encode("utf-8")
            except UnicodeEncodeError:
                # A lone surrogate typed into a field has no UTF-8 form: escaped as \uXXXX, it
                # is written and read back as typed.
                file_text = json.dumps(stamped)
        write_private_file(self.path(entry.key), file_text)
        self._written[entry.key] = text

    def read(self, key: JournalKey) -> JournalRead:
        path = self.path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return JournalRead(None)
        except OSError as error:
            return JournalRead(None, f"Unsaved edits could not be read ({error}).")
        try:
            entry = _parse(raw.decode("utf-8"), key)
        except (ValueError, TypeError, KeyError) as error:  # UnicodeDecodeError is a ValueError
            return JournalRead(None, self._set_aside(path, error))
        return JournalRead(entry)

    def delete(self, key: JournalKey) -> None:
        self._written.pop(key, None)
        try:
            self.path(key).unlink(missing_ok=True)
        except OSError:
            pass  # a journal left behind is offered again, and can be discarded then

    def _set_aside(self, path: FilePath, error: Exception) -> str:
        # Renamed, not deleted: the edits may still be read by hand; and it is not offered again.
        aside = path.with_suffix(".corrupt")
        try:
            ensure_private_dir(path.parent)
            os.replace(path, aside)
        except OSError:
            return f"A damaged journal of unsaved edits was ignored ({error})."
        return f"A damaged journal of unsaved edits was ignored and kept as {aside} ({error})."


def _parse(raw: str, key: JournalKey) -> JournalEntry:
    body = json.loads(raw)
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ValueError("not a journal this version writes")
    if [body.get("profile"), body.get("kind"), body.get("id")] != \
            [key.profile, key.kind, key.object_id]:
        raise ValueError("it belongs to another object")
    base, working = body["base"], body["working"]
    if not isinstance(base, dict) or not isinstance(working, dict):
        raise ValueError("its documents are not objects")
    typed: dict[Path, tuple[str, str]] = {}
    for item in body.get("typed") or []:
        path = tuple(item["path"])
        if not all(isinstance(part, (str, int)) for part in path):
            raise ValueError("a path is malformed")
        typed[path] = (str(item["text"]), str(item["reason"]))
    return JournalEntry(key, base, working, typed, str(body.get("written_at", "")))
