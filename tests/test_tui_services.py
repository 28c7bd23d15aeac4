"""The app hands flows one typed Services per connected account, rebuilt when it switches."""

from __future__ import annotations

from tests.tui_harness import make_app, make_session, seeded_store, settle
from vonage_tui.api import VonageClient
from vonage_tui.credentials.key_vault import MemoryKeyVault


async def test_services_carry_the_connected_accounts_client_vault_and_flags():
    vault = MemoryKeyVault()
    app = make_app(seeded_store(apps=1), readonly=True, vault=vault)
    assert app.services is None  # nothing is connected before the app loads
    async with app.run_test() as pilot:
        await settle(pilot)
        services = app.services
        assert services is not None
        assert isinstance(services.client, VonageClient) and services.client is app.client
        assert services.key_vault is vault
        assert services.readonly and not services.demo
        assert services.profile_name == "test"
        assert services.notifier is app and services.ui is app

        other_vault = MemoryKeyVault()
        assert await app.connect(make_session(seeded_store(apps=1), vault=other_vault))
        await settle(pilot)
        assert app.services is not services
        assert app.services.key_vault is other_vault and not app.services.readonly
        assert app.services.client is app.client is not services.client
