"""The operations as a script uses them: a client, a key vault, no Textual."""

from __future__ import annotations

import httpx

from vonage_tui.api import VonageClient
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.emulator import EmulatorStore, create_app
from vonage_tui.keys import generate_key_pair, keys_match
from vonage_tui.operations.create import create_application, with_new_public_key
from vonage_tui.operations.export import clone_document
from vonage_tui.operations.rotate import rotate_key

KEY, SECRET = "opskey", "ops-secret-not-real"


def client_for(store: EmulatorStore) -> VonageClient:
    transport = httpx.ASGITransport(app=create_app(store, api_key=KEY, api_secret=SECRET))
    return VonageClient(api_key=KEY, api_secret=SECRET, base_url="http://127.0.0.1",
                        transport=transport)


def test_the_new_public_key_goes_right_after_the_name_and_replaces_any_other():
    document = {"capabilities": {"vbc": {}}, "keys": {"public_key": "OLD"}, "name": "A"}
    assert list(with_new_public_key(document, "NEW").items()) == [
        ("name", "A"), ("keys", {"public_key": "NEW"}), ("capabilities", {"vbc": {}})]
    assert document["keys"] == {"public_key": "OLD"}  # a copy: the input is left alone


def test_a_clone_without_a_key_keeps_no_identity_and_no_key():
    cloned = clone_document({"id": "x", "_links": {}, "keys": {"public_key": "P"}, "name": "A",
                             "extra": 1})
    assert cloned == {"name": "A", "extra": 1}


async def test_create_then_rotate_keeps_the_working_key_in_the_vault():
    store = EmulatorStore.seeded(apps=1, users_per_app=0, seed=3)
    vault = MemoryKeyVault()
    pair = generate_key_pair()
    async with client_for(store) as client:
        document = with_new_public_key({"name": "Scripted"}, pair.public_pem)
        created = await create_application(client, vault, document, private_pem=pair.private_pem)
        assert created.store_error is None and vault.keys[created.app_id] == pair.private_pem

        rotated = await rotate_key(client, vault, created.app_id)
    assert rotated.rotated and not rotated.key_unsaved
    public = store.applications[created.app_id]["keys"]["public_key"]
    assert keys_match(vault.keys[created.app_id], public)
    assert not keys_match(pair.private_pem, public)
