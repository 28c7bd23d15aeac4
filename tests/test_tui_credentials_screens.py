"""Profiles (switch without restarting, delete with its secret) and private keys (import, paste,
new pair through rotate, remove, reveal on request) in the running app."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization

from tests.startup_harness import connected, make_real_app, two_profiles
from tests.tui_harness import SMALL, seeded_store, wait_until
from vonage_tui import keys
from vonage_tui.credentials import ProfileStore, SecretStore
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.key_input import KeyInputModal
from vonage_tui.tui.screens.private_keys import PrivateKeysScreen
from vonage_tui.tui.screens.profiles import ProfilesScreen

SERVICE = "vonage-tui"


def stored_key(backend, app_id: str) -> str | None:
    key = SecretStore(backend).get_private_key(app_id)
    return None if key is None else key.get_secret_value()


async def test_switch_profile_without_restarting_then_delete_the_other(memory_keyring):
    two_profiles(memory_keyring)
    app = make_real_app()
    async with app.run_test(size=SMALL) as pilot:
        await connected(pilot)
        assert pilot.app.session.profile_name == "work"
        VonageApp.action_profiles(pilot.app)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProfilesScreen))
        screen = pilot.app.screen
        await pilot.pause()
        assert "API secret: keyring" in str(screen.query_one("#profiles-sources").render())
        assert screen.query_one("#profiles-table").row_count == 2

        await pilot.press("down", "enter")  # staging
        await wait_until(pilot, lambda: pilot.app.session.profile_name == "staging")
        await connected(pilot)
        assert pilot.app.session.api_host == "localhost"
        assert pilot.app.client is not None

        VonageApp.action_profiles(pilot.app)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProfilesScreen))
        await pilot.pause()
        await pilot.press("d")  # the cursor is on work, not in use
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot,
                         lambda: pilot.app.screen.query_one("#profiles-table").row_count == 1)
    assert [p.name for p in ProfileStore().profiles()] == ["staging"]
    assert (SERVICE, "profile:work:api_secret") not in memory_keyring.entries
    assert (SERVICE, "profile:staging:api_secret") in memory_keyring.entries


async def test_the_profile_in_use_is_not_deleted(memory_keyring):
    two_profiles(memory_keyring)
    app = make_real_app()
    async with app.run_test(size=SMALL) as pilot:
        await connected(pilot)
        VonageApp.action_profiles(pilot.app)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProfilesScreen))
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProfilesScreen)
    assert len(ProfileStore().profiles()) == 2


async def test_private_keys_import_paste_reveal_remove_and_new_pair(memory_keyring, tmp_path):
    two_profiles(memory_keyring)
    emulator_store = seeded_store(apps=2)
    app_id = sorted(emulator_store.applications)[0]
    pkcs1 = serialization.load_pem_private_key(keys.generate_key_pair().private_pem.encode(),
                                               None).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode()
    key_file = tmp_path / "app.key"
    key_file.write_text(pkcs1)
    pasted = keys.generate_key_pair().private_pem

    from tests.startup_harness import emulator_transport
    app = make_real_app(transport=emulator_transport(emulator_store))
    async with app.run_test(size=SMALL) as pilot:
        await connected(pilot)
        VonageApp.action_private_keys(pilot.app)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PrivateKeysScreen))
        screen = pilot.app.screen

        async def answer(key: str, values: dict[str, str]) -> None:
            await pilot.press(key)
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, KeyInputModal)
                             and pilot.app.screen.is_mounted)
            modal = pilot.app.screen
            for selector, value in values.items():
                widget = modal.query_one(selector)
                if hasattr(widget, "load_text"):
                    widget.load_text(value)
                else:
                    widget.value = value
            modal.query_one("#key-ok").press()

        await answer("i", {"#key-app-id": "imported-app", "#key-path": str(key_file)})
        await wait_until(pilot, lambda: screen.query_one("#keys-table").row_count == 1)
        stored = stored_key(memory_keyring, "imported-app")
        assert stored.startswith("-----BEGIN PRIVATE KEY-----")  # PKCS#1 normalised to PKCS#8
        assert keys.public_key_of(stored) == keys.public_key_of(pkcs1)

        await answer("v", {"#key-app-id": "pasted-app", "#key-pem": "not a key"})
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PrivateKeysScreen))
        await pilot.pause()
        assert stored_key(memory_keyring, "pasted-app") is None
        await answer("v", {"#key-app-id": "pasted-app", "#key-pem": pasted})
        await wait_until(pilot, lambda: screen.query_one("#keys-table").row_count == 2)

        shown = screen.query_one("#keys-shown-text")
        assert "PRIVATE KEY" not in str(shown.render())  # masked by default
        await pilot.press("s")
        await wait_until(pilot, lambda: "PRIVATE KEY" in str(shown.render()))
        await pilot.press("down")
        await wait_until(pilot, lambda: "PRIVATE KEY" not in str(shown.render()))

        await answer("N", {"#key-app-id": app_id})
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
        await pilot.press("y")  # the rotate flow's own confirmation
        await wait_until(pilot, lambda: screen.query_one("#keys-table").row_count == 3)
        new_key = stored_key(memory_keyring, app_id)
        public_on_vonage = emulator_store.applications[app_id]["keys"]["public_key"]
        assert keys.keys_match(new_key, public_on_vonage)

        # g, not home: DataTable's home scrolls without moving the cursor, and the cursor
        # now stays on its row (pasted-app) when the list is read again after the new pair.
        await pilot.press("g")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: screen.query_one("#keys-table").row_count == 2)
    assert stored_key(memory_keyring, app_id) is None
    assert stored_key(memory_keyring, "pasted-app") is not None


async def test_readonly_offers_no_changes(memory_keyring):
    two_profiles(memory_keyring)
    app = make_real_app()
    app.startup.config.readonly = True
    async with app.run_test(size=SMALL) as pilot:
        await connected(pilot)
        assert pilot.app.session.readonly
        VonageApp.action_private_keys(pilot.app)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PrivateKeysScreen))
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PrivateKeysScreen)
        keys_shown = {key for key, active in pilot.app.screen.active_bindings.items() if active.enabled}
        assert not {"i", "v", "N", "d"} & keys_shown
