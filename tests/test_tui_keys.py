"""Key rotation and the private-key file: the new key is kept, the old one until the PUT."""

from __future__ import annotations

import asyncio
import os
import stat

import pytest
from keyring.errors import KeyringLocked
from textual.widgets import Input

from tests.tui_harness import LockedVault, SMALL, make_app, make_session, seeded_store, wait_until
from vonage_tui.api import ServerError
from vonage_tui.keys import generate_key_pair, keys_match
from vonage_tui.tui.flows.common import launch
from vonage_tui.tui.flows.outcomes import Cancelled, Failed, Rotated
from vonage_tui.tui.flows.rotate import run_rotate_key
from vonage_tui.operations.key_storage import store_private_key, write_private_key_file
from vonage_tui.operations.rotate import rotate_key, with_public_key
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.key_capture import KeyCaptureScreen
from vonage_tui.credentials.key_vault import MemoryKeyVault




def without_key(document: dict) -> dict:
    return {k: v for k, v in document.items() if k != "keys"}


async def new_app_with_key(client, vault):
    pair = generate_key_pair()
    created = await client.create_application(
        {"name": "Rotating", "keys": {"public_key": pair.public_pem},
         "capabilities": {"vbc": {}}, "custom_field": {"kept": True}})
    await vault.put(created.id, pair.private_pem)
    return created.id, pair.private_pem


# -- pure rotate ------------------------------------------------------------------------------

def test_only_the_public_key_changes_in_the_put_document():
    document = {"id": "x", "name": "n", "keys": {"public_key": "old", "private_key": "secret"},
                "capabilities": {"vbc": {}}}
    rotated = with_public_key(document, "new")
    assert rotated == {"id": "x", "name": "n", "keys": {"public_key": "new"},
                       "capabilities": {"vbc": {}}}
    assert document["keys"]["public_key"] == "old"


async def test_rotate_replaces_the_servers_key_and_stores_the_new_private_key():
    store = seeded_store(apps=1)
    vault = MemoryKeyVault()
    async with make_session(store).new_client() as client:
        app_id, old_private = await new_app_with_key(client, vault)
        before = store.applications[app_id]
        outcome = await rotate_key(client, vault, app_id)
    after = store.applications[app_id]
    assert outcome.store_error is None
    assert not keys_match(old_private, after["keys"]["public_key"])
    assert keys_match(await vault.get(app_id), after["keys"]["public_key"])
    assert without_key(after) == without_key(before)  # nothing else changed


async def test_failed_put_leaves_the_old_key_in_the_vault(monkeypatch):
    store = seeded_store(apps=1)
    vault = MemoryKeyVault()
    async with make_session(store).new_client() as client:
        app_id, old_private = await new_app_with_key(client, vault)

        async def refuse(*args, **kwargs):
            raise ServerError("Bad gateway", status=502)

        monkeypatch.setattr(client, "update_application", refuse)
        with pytest.raises(ServerError):
            await rotate_key(client, vault, app_id)
    assert await vault.get(app_id) == old_private
    assert keys_match(old_private, store.applications[app_id]["keys"]["public_key"])


async def test_store_failure_after_the_put_returns_the_new_key():
    store = seeded_store(apps=1)
    vault = LockedVault()
    async with make_session(store).new_client() as client:
        created = await client.create_application({"name": "Locked"})
        outcome = await rotate_key(client, vault, created.id)
    assert outcome.key_unsaved and isinstance(outcome.store_error, KeyringLocked)
    assert keys_match(outcome.private_pem, store.applications[created.id]["keys"]["public_key"])


async def test_store_private_key_reports_errors_and_timeouts_instead_of_raising():
    class Hanging(MemoryKeyVault):
        async def put(self, app_id: str, private_pem: str) -> None:
            await asyncio.sleep(3600)

    assert isinstance(await store_private_key(LockedVault(), "a", "k"), KeyringLocked)
    assert isinstance(await store_private_key(Hanging(), "a", "k", timeout=0.01), TimeoutError)
    vault = MemoryKeyVault()
    assert await store_private_key(vault, "a", "k") is None and vault.keys == {"a": "k"}


# -- the private key file -----------------------------------------------------------------------

def test_key_file_is_private_and_never_overwritten(tmp_path):
    target = tmp_path / "k.pem"
    written = write_private_key_file(str(target), "PEM")
    assert written == target.resolve()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    with pytest.raises(FileExistsError):
        write_private_key_file(target, "OTHER")
    assert target.read_text() == "PEM"
    link = tmp_path / "link.pem"
    link.symlink_to(tmp_path / "elsewhere.pem")
    with pytest.raises(FileExistsError):  # O_EXCL: never written through a planted symlink
        write_private_key_file(link, "PEM")
    assert not (tmp_path / "elsewhere.pem").exists()


# -- the TUI flow -------------------------------------------------------------------------------

async def test_rotate_flow_confirms_then_stores_the_key():
    store = seeded_store(apps=1)
    app = make_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        app_id, old_private = await new_app_with_key(app.client, app.session.key_vault)
        launch(app, run_rotate_key(app.services, app_id, "Rotating"), results.append)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")  # the modal's own "yes" key
        await wait_until(pilot, lambda: results)
        assert results == [Rotated(app_id, key_stored=True)]
        stored = await app.session.key_vault.get(app_id)
    assert stored != old_private
    assert keys_match(stored, store.applications[app_id]["keys"]["public_key"])


async def test_rotate_flow_cancelled_changes_nothing():
    store = seeded_store(apps=1)
    app = make_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        app_id, old_private = await new_app_with_key(app.client, app.session.key_vault)
        launch(app, run_rotate_key(app.services, app_id), results.append)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("escape")
        await wait_until(pilot, lambda: results)
        assert results == [Cancelled()]
        assert await app.session.key_vault.get(app_id) == old_private


async def test_rotate_flow_captures_the_key_when_the_store_fails(tmp_path):
    store = seeded_store(apps=1)
    app = make_app(store, vault=LockedVault())
    results: list = []
    target = tmp_path / "rotated.key"
    async with app.run_test(size=SMALL) as pilot:
        created = await app.client.create_application({"name": "Locked"})
        launch(app, run_rotate_key(app.services, created.id, "Locked"), results.append)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")  # the modal's own "yes" key
        await wait_until(pilot, lambda: isinstance(app.screen, KeyCaptureScreen))
        capture = app.screen
        assert "old private key no longer works" in str(
            capture.query_one("#key-capture-message").render())
        await pilot.press("escape")
        assert app.screen is capture and not results
        capture.query_one("#key-capture-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # saved: now it may be left
        await wait_until(pilot, lambda: results)
    assert results == [Rotated(created.id, key_stored=False)]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert keys_match(target.read_text(), store.applications[created.id]["keys"]["public_key"])


async def test_rotate_flow_reports_an_unknown_application():
    app = make_app(seeded_store(apps=1))
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        launch(app, run_rotate_key(app.services, "00000000-0000-0000-0000-000000000000"), results.append)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")  # the modal's own "yes" key
        await wait_until(pilot, lambda: results)
        assert isinstance(results[0], Failed)
        assert any("key was not changed" in n.message for n in app._notifications)


async def test_leaving_the_private_keys_screen_returns_to_the_list():
    """esc on the keys screen pops it (its worker was once named ``remove``, which Textual
    calls to take a popped screen away: esc then crashed the app)."""
    from vonage_tui.tui.screens.applications import ApplicationsScreen
    from vonage_tui.tui.screens.private_keys import PrivateKeysScreen

    app = make_app(seeded_store(apps=2))
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationsScreen))
        await pilot.press("K")
        await wait_until(pilot, lambda: isinstance(app.screen, PrivateKeysScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationsScreen))
        await pilot.pause()
        assert app.is_running
