"""Quitting while a new private key is being stored is refused: it exists nowhere else yet.

One test per flow that sends a new key's public half to Vonage (create, clone, rotate, the
private keys screen's "new pair"): the key store takes a second, ctrl+q is pressed meanwhile,
the app keeps running and the key ends up in the store.
"""

from __future__ import annotations

import asyncio
import json

from textual.widgets import Input

from tests.tui_harness import SMALL, make_app, seeded_store, settle, wait_until
from vonage_tui.keys import generate_key_pair, keys_match
from vonage_tui.tui.flows.clone import run_clone
from vonage_tui.tui.flows.common import launch
from vonage_tui.tui.flows.outcomes import Rotated
from vonage_tui.tui.flows.rotate import run_rotate_key
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.create_application import CreateApplicationScreen
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.screens.file_prompt import FilePromptModal
from vonage_tui.tui.screens.key_input import KeyInputModal
from vonage_tui.tui.screens.private_keys import PrivateKeysScreen
from vonage_tui.credentials.key_vault import MemoryKeyVault


class SlowVault(MemoryKeyVault):
    """A key store that takes a second to write (an unlock prompt, a slow D-Bus)."""

    storing = False

    async def put(self, app_id: str, private_pem: str) -> None:
        self.storing = True
        try:
            await asyncio.sleep(1.0)
            await super().put(app_id, private_pem)
        finally:
            self.storing = False


async def quit_while_storing(pilot, vault: SlowVault) -> None:
    await wait_until(pilot, lambda: vault.storing)
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert pilot.app.is_running
    assert vault.storing  # still in the middle of it: the refusal came during the store


async def test_create_cannot_be_quit_while_its_key_is_stored():
    store = seeded_store(apps=1)
    vault = SlowVault()
    app = make_app(store, vault=vault)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = CreateApplicationScreen()
        await app.push_screen(screen, results.append)
        await wait_until(pilot, lambda: app.screen is screen)
        screen.query_one("#create-name", Input).value = "Slow store"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await quit_while_storing(pilot, vault)
        await wait_until(pilot, lambda: results)
        assert app.is_running
    app_id = results[0]
    assert keys_match(vault.keys[app_id], store.applications[app_id]["keys"]["public_key"])


async def test_clone_cannot_be_quit_while_its_key_is_stored(tmp_path):
    store = seeded_store(apps=1)
    vault = SlowVault()
    app = make_app(store, vault=vault)
    source = tmp_path / "source.json"
    source.write_text(json.dumps(store.get_application(next(iter(store.applications)))))
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        launch(app, run_clone(app.services), results.append)
        await wait_until(pilot, lambda: isinstance(app.screen, FilePromptModal))
        app.screen.query_one("#file-path", Input).value = str(source)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await quit_while_storing(pilot, vault)
        await wait_until(pilot, lambda: results)
        assert app.is_running
    new_id = results[0].app_id
    assert keys_match(vault.keys[new_id], store.applications[new_id]["keys"]["public_key"])


async def rotatable(store, vault: SlowVault) -> str:
    app_id = next(iter(store.applications))
    vault.keys[app_id] = generate_key_pair().private_pem  # the old key, written directly
    return app_id


async def test_rotate_cannot_be_quit_while_the_new_key_is_stored():
    store = seeded_store(apps=1)
    vault = SlowVault()
    app = make_app(store, vault=vault)
    app_id = await rotatable(store, vault)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        launch(app, run_rotate_key(app.services, app_id), results.append)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await quit_while_storing(pilot, vault)
        await wait_until(pilot, lambda: results)
        assert app.is_running and results == [Rotated(app_id, key_stored=True)]
    assert keys_match(vault.keys[app_id], store.applications[app_id]["keys"]["public_key"])


async def test_new_pair_on_the_private_keys_screen_cannot_be_quit_while_stored():
    store = seeded_store(apps=1)
    vault = SlowVault()
    app = make_app(store, vault=vault)
    app_id = await rotatable(store, vault)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = PrivateKeysScreen()
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.query_one("#keys-table").row_count == 1)
        await pilot.press("N")
        await wait_until(pilot, lambda: isinstance(app.screen, KeyInputModal))
        app.screen.query_one("#key-app-id", Input).value = app_id
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await quit_while_storing(pilot, vault)
        await wait_until(pilot, lambda: not vault.storing and app.screen is screen)
        await settle(pilot)
        assert app.is_running
    assert keys_match(vault.keys[app_id], store.applications[app_id]["keys"]["public_key"])
