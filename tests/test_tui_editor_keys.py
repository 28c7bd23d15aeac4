"""The application editor and the key pair: the public key's warning and check, rotating (k)
and exporting (e) from the editor, and saves that never put an old public key back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import Input, TextArea

from tests.editor_harness import (
    UNKNOWN_FIELDS_APP,
    VOICE,
    focus_field,
    open_editor,
    retype,
    row,
    save_through_preview,
    store_with,
)
from tests.tui_harness import SMALL, make_app, notifications, wait_for_screen, wait_until
from vonage_tui.emulator import key_pool
from vonage_tui.keys import keys_match
from vonage_tui.tui.screens.application_editor_modals import ConflictModal
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.screens.file_prompt import FilePromptModal
from vonage_tui.credentials.key_vault import MemoryKeyVault

PUBLIC_KEY = ("keys", "public_key")
TTL = (*VOICE, "conversations_ttl")


async def replace_text(pilot: Any, area: TextArea, text: str) -> None:
    """Replace a text area's text as an edit (typing or pasting), not a reload."""
    area.replace(text, area.document.start, area.document.end)
    await pilot.pause()


def server_key(store: Any, app_id: str) -> str:
    return store.applications[app_id]["keys"]["public_key"]


async def test_public_key_warns_is_checked_and_the_preview_says_why(tmp_path: Path) -> None:
    store, (app_id,) = store_with(UNKNOWN_FIELDS_APP)
    loaded_key = server_key(store, app_id)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        area = await focus_field(pilot, screen, PUBLIC_KEY)
        assert isinstance(area, TextArea)
        hint = str(row(screen, PUBLIC_KEY).query_one(".field-key-warning").render())
        assert "will no longer match" in hint and "rotate it with ctrl+r" in hint

        await replace_text(pilot, area, "-----BEGIN PUBLIC KEY-----\nnot a key\n")
        assert PUBLIC_KEY in screen.state.invalid()
        assert screen.state.working["keys"]["public_key"] == loaded_key  # not applied
        other = next(pair.public_pem for pair in key_pool() if pair.public_pem != loaded_key)
        await replace_text(pilot, area, other)
        assert screen.state.invalid() == {}
        await pilot.press("ctrl+s")
        preview = await wait_for_screen(pilot, DiffPreview)
        assert [change.path for change in preview.changes] == [PUBLIC_KEY]
        assert "will no longer match" in preview.note and "rotate it with ctrl+r" in preview.note
        diff = str(preview.query_one("#diff-text").render())
        assert diff.count("RSA-2048 public key, SHA-256") == 2 and "BEGIN" not in diff
        await pilot.press("escape")  # back to the editor; nothing sent
        await wait_until(pilot, lambda: not screen.saving, "the preview to close")
        assert server_key(store, app_id) == loaded_key

        # e exports the application as saved on Vonage: the unsaved key is not in the file.
        await pilot.press("escape")  # from the field to the tree, where e is a key
        await pilot.press("e")
        prompt = await wait_for_screen(pilot, FilePromptModal)
        target = tmp_path / "exported.json"
        prompt.query_one("#file-path", Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, target.exists, "the export")
        exported = json.loads(target.read_text())
        assert exported["keys"] == {"public_key": loaded_key}
        assert exported["capabilities"]["future_product"] == {"enabled": True, "tier": 3}
        await wait_until(pilot, lambda: any("without your unsaved edits" in n
                                            for n in notifications(app)), "the export's note")


async def rotate(pilot: Any) -> None:
    await pilot.press("ctrl+r")
    modal = await wait_for_screen(pilot, ConfirmModal)
    assert "Rotate" in modal.title_text
    await pilot.press("y")


async def test_rotate_in_the_editor_and_saves_keep_the_new_key() -> None:
    store, (app_id,) = store_with(UNKNOWN_FIELDS_APP)
    loaded_key = server_key(store, app_id)
    vault = MemoryKeyVault()
    app = make_app(store, vault=vault)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)

        # Nothing unsaved: after the rotation the editor loads the application again.
        await rotate(pilot)
        await wait_until(pilot, lambda: screen.state is not None and
                         screen.state.base["keys"]["public_key"] != loaded_key, "the reload")
        first = server_key(store, app_id)
        assert first != loaded_key
        assert screen.state.working["keys"]["public_key"] == first and not screen.state.dirty
        assert keys_match(await vault.get(app_id), first)

        # With an unsaved edit: the edit stays, the new key is taken in, and saving keeps it.
        await focus_field(pilot, screen, TTL)
        await retype(pilot, "96")
        screen.doc_tree.focus()
        await rotate(pilot)
        await wait_until(pilot, lambda: screen.state.base["keys"]["public_key"] != first,
                         "the new key in the editor")
        second = server_key(store, app_id)
        assert second != first
        assert screen.state.working["keys"]["public_key"] == second
        assert screen.state.working["capabilities"]["voice"]["conversations_ttl"] == 96
        assert any("saving them keeps the new key" in n for n in notifications(app))
        assert [change.path for change in screen.state.changes()] == [TTL]
        await save_through_preview(pilot)
        await wait_until(pilot, lambda: screen.status_note == "Saved", "the save")
        assert server_key(store, app_id) == second
        assert store.applications[app_id]["capabilities"]["voice"]["conversations_ttl"] == 96
        assert keys_match(await vault.get(app_id), second)

        # Rotated elsewhere meanwhile: the save's conflict check shows it, and Overwrite puts
        # the edit with the server's new key, not the one the editor loaded.
        elsewhere = next(pair.public_pem for pair in key_pool() if pair.public_pem != second)
        store.applications[app_id]["keys"]["public_key"] = elsewhere
        await focus_field(pilot, screen, TTL)
        await retype(pilot, "97")
        await save_through_preview(pilot)
        conflict = await wait_for_screen(pilot, ConflictModal)
        assert [change.path for change in conflict.remote_changes] == [PUBLIC_KEY]
        assert "Overwrite keeps the new key" in conflict.note
        diff = str(conflict.query_one("#diff-text").render())
        assert "RSA-2048 public key, SHA-256" in diff and "BEGIN PUBLIC KEY" not in diff
        await pilot.click("#overwrite")  # on screen at 80×24, under the diff
        await wait_until(pilot, lambda: screen.status_note == "Saved", "the save")
        assert server_key(store, app_id) == elsewhere
        assert store.applications[app_id]["capabilities"]["voice"]["conversations_ttl"] == 97
        assert not screen.state.dirty
