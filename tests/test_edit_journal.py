"""The journal of unsaved edits, without Textual: what it writes, where, and what it refuses."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from vonage_tui.credentials.paths import state_dir
from vonage_tui.tui.editing.journal import (
    EditJournal,
    JournalEntry,
    JournalKey,
    restore_offer,
    without_secrets,
)

KEY = JournalKey("work", "application", "0b5b6f5e-aaaa-4bbb-8ccc-123456789abc")
PRIVATE = "-----BEGIN PRIVATE KEY-----\nMIIEnot-a-real-key\n-----END PRIVATE KEY-----\n"
BASE = {
    "id": KEY.object_id, "name": "Before",
    "keys": {"public_key": "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n",
             "private_key": PRIVATE},
    "capabilities": {"voice": {"conversations_ttl": 48}},
}


def edited(**changes: object) -> dict:
    working = json.loads(json.dumps(BASE))
    working.update(changes)
    return working


def test_written_edits_read_back_with_typed_text_and_keep_key_order() -> None:
    journal = EditJournal()
    typed = {("capabilities", "voice", "conversations_ttl"): ("99999", "must be at most 9000")}
    journal.write(JournalEntry(KEY, BASE, edited(name="After"), typed))
    entry = journal.read(KEY).entry
    assert entry is not None
    assert entry.working["name"] == "After" and entry.base["name"] == "Before"
    assert list(entry.working) == ["id", "name", "keys", "capabilities"]
    assert entry.typed == typed
    assert entry.written_at  # when, for the dialog
    assert [change.name for change in entry.changes()] == ["name"]
    assert journal.path(KEY).parent == state_dir() / "journal"


def test_text_with_a_lone_surrogate_is_written_and_read_back_as_typed() -> None:
    """Found by the field fuzzing: such text has no UTF-8 form, and writing it crashed the
    editor."""
    journal = EditJournal()
    typed = {("capabilities", "voice", "conversations_ttl"): ("4\ud800", "must be a whole number")}
    journal.write(JournalEntry(KEY, BASE, edited(name="Sur\udc80rogate"), typed))
    entry = journal.read(KEY).entry
    assert entry is not None
    assert entry.typed == typed and entry.working["name"] == "Sur\udc80rogate"


def test_no_private_key_is_ever_written_but_the_public_key_is() -> None:
    journal = EditJournal()
    nested = edited(name="After", extra={"deep": [{"private_key": PRIVATE}]})
    typed = {("keys", "private_key"): (PRIVATE, "x")}
    journal.write(JournalEntry(KEY, BASE, nested, typed))
    raw = journal.path(KEY).read_text()
    assert "PRIVATE KEY" not in raw and "private_key" not in raw
    assert "PUBLIC KEY" in raw
    assert without_secrets(nested)["extra"] == {"deep": [{}]}


def test_files_are_0600_in_a_0700_directory_and_each_object_has_its_own() -> None:
    journal = EditJournal()
    other = JournalKey("work", "user", "USR-1/../../x")  # a name is no file name
    journal.write(JournalEntry(KEY, BASE, edited(name="A")))
    journal.write(JournalEntry(other, {"name": "u"}, {"name": "v"}))
    assert stat.S_IMODE(os.stat(journal.directory).st_mode) == 0o700
    for key in (KEY, other):
        assert stat.S_IMODE(os.stat(journal.path(key)).st_mode) == 0o600
        assert journal.path(key).parent == journal.directory
    assert journal.read(other).entry.working == {"name": "v"}
    assert journal.read(JournalKey("home", "application", KEY.object_id)).entry is None


def test_delete_removes_it_and_deleting_nothing_is_fine() -> None:
    journal = EditJournal()
    journal.write(JournalEntry(KEY, BASE, edited(name="A")))
    journal.delete(KEY)
    assert not journal.path(KEY).exists()
    journal.delete(KEY)
    assert journal.read(KEY).entry is None and journal.read(KEY).note == ""
    # Written again after a delete, even with the same content.
    journal.write(JournalEntry(KEY, BASE, edited(name="A")))
    assert journal.path(KEY).exists()


@pytest.mark.parametrize("content", [
    b"{not json", b"", b"[]", b'{"format": 99}', b"\xff\xfe garbage",
    json.dumps({"format": 1, "profile": "work", "kind": "application", "id": KEY.object_id,
                "base": [], "working": {}}).encode(),
    json.dumps({"format": 1, "profile": "other", "kind": "application", "id": KEY.object_id,
                "base": {}, "working": {}}).encode(),
    json.dumps({"format": 1, "profile": "work", "kind": "application", "id": KEY.object_id,
                "base": {}, "working": {}, "typed": [{"path": [None], "text": "", "reason": ""}]}
               ).encode(),
])
def test_a_damaged_file_is_ignored_with_a_note_and_set_aside(content: bytes) -> None:
    journal = EditJournal()
    journal.directory.mkdir(parents=True, exist_ok=True)
    journal.path(KEY).write_bytes(content)
    read = journal.read(KEY)
    assert read.entry is None
    assert read.note
    assert not journal.path(KEY).exists()
    assert journal.path(KEY).with_suffix(".corrupt").read_bytes() == content  # kept, for a human
    assert journal.read(KEY).note == ""  # noted once, not at every open


def test_the_offer_shows_the_edits_and_what_the_server_changed_since() -> None:
    entry = JournalEntry(KEY, without_secrets(BASE), without_secrets(edited(name="Mine")),
                         {("capabilities", "voice", "conversations_ttl"): ("99999", "too big")})
    same = restore_offer(entry, BASE)
    assert [(c.name, c.new) for c in same.changes] == [
        ("name", "Mine"), ("capabilities.voice.conversations_ttl", "99999")]
    assert same.server_changes == []  # the GET's private key (there is none) is no change
    moved = restore_offer(entry, edited(name="Theirs"))
    assert [(c.name, c.new) for c in moved.server_changes] == [("name", "Theirs")]


def test_an_unwritable_directory_raises_os_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    with pytest.raises(OSError):
        EditJournal(blocked / "journal").write(JournalEntry(KEY, BASE, edited(name="A")))
