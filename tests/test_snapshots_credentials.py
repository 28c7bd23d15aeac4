"""Snapshots of the credentials screens at 80×24 and a large terminal."""

from __future__ import annotations

import keyring
from keyring.backends import fail
from textual import events

from tests.startup_harness import (
    NO_BUS,
    connected,
    fill_credentials,
    make_real_app,
    shown_error,
    two_profiles,
)
from tests.tui_harness import HUGE, LARGE, SIZES, SMALL, at_sizes, on, wait_until
from vonage_tui.credentials import SecretStore
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.credentials import CredentialsScreen
from vonage_tui.tui.screens.no_keyring import NoKeyringScreen
from vonage_tui.tui.screens.passphrase import PassphraseModal
from vonage_tui.tui.screens.private_keys import KeyInputModal, PrivateKeysScreen
from vonage_tui.tui.screens.profiles import ProfilesScreen

APP_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
# Pasted into the key input: looks like what a user pastes, is not a key (never stored here).
FAKE_PEM = ("-----BEGIN PRIVATE KEY-----\n" + "not-a-real-key/" * 4 + "\n"
            + "-----END PRIVATE KEY-----\n")


def still(pilot):
    pilot.app.clear_notifications()
    return pilot.pause()


@SIZES
def test_credentials_empty(snap_compare, size):
    async def ready(pilot):
        await wait_until(pilot, on(CredentialsScreen)(pilot))
        await pilot.pause()

    assert snap_compare(make_real_app(), terminal_size=size, run_before=ready)


@SIZES
def test_credentials_wrong_pair(snap_compare, size):
    async def wrong(pilot):
        await wait_until(pilot, on(CredentialsScreen)(pilot))
        await fill_credentials(pilot, secret="wrong-secret-value")
        await wait_until(pilot, lambda: shown_error(pilot.app.screen, "api_key"))
        await still(pilot)

    assert snap_compare(make_real_app(), terminal_size=size, run_before=wrong)


@at_sizes(SMALL, LARGE, HUGE)
def test_no_keyring(snap_compare, size):
    keyring.set_keyring(fail.Keyring())

    async def ready(pilot):
        await wait_until(pilot, on(NoKeyringScreen)(pilot))
        await pilot.pause()

    assert snap_compare(make_real_app(candidates=(NO_BUS,)), terminal_size=size,
                        run_before=ready)


@at_sizes(SMALL, HUGE)
def test_no_keyring_ssh_recipe(snap_compare, size):
    """Commands as typed, prose wrapped to the width."""
    keyring.set_keyring(fail.Keyring())

    async def ready(pilot):
        await wait_until(pilot, on(NoKeyringScreen)(pilot))
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(make_real_app(candidates=(NO_BUS,)), terminal_size=size,
                        run_before=ready)


@SIZES
def test_passphrase_new(snap_compare, size, monkeypatch):
    keyring.set_keyring(fail.Keyring())
    # The modal shows the file's path: a fixed one (never written: the passphrase is refused).
    monkeypatch.setenv("XDG_DATA_HOME", "/home/you/.local/share")

    async def ready(pilot):
        await wait_until(pilot, on(NoKeyringScreen)(pilot))
        pilot.app.screen.query_one("#use-encrypted-file").press()
        await wait_until(pilot, on(PassphraseModal)(pilot))
        await pilot.press(*"short")
        await pilot.press("enter", "enter")
        await pilot.pause()

    assert snap_compare(make_real_app(candidates=(NO_BUS,)), terminal_size=size,
                        run_before=ready)


@SIZES
def test_profiles(snap_compare, size, memory_keyring):
    two_profiles(memory_keyring)

    async def ready(pilot):
        await connected(pilot)
        VonageApp.action_profiles(pilot.app)
        await wait_until(pilot, on(ProfilesScreen)(pilot))
        await still(pilot)

    assert snap_compare(make_real_app(), terminal_size=size, run_before=ready)


@SIZES
def test_private_keys(snap_compare, size, memory_keyring):
    two_profiles(memory_keyring)
    from vonage_tui import keys

    SecretStore(memory_keyring).set_private_key(APP_ID, keys.generate_key_pair().private_pem)

    async def ready(pilot):
        await connected(pilot)
        VonageApp.action_private_keys(pilot.app)
        await wait_until(pilot, on(PrivateKeysScreen)(pilot))
        await pilot.app.workers.wait_for_complete()
        await still(pilot)

    assert snap_compare(make_real_app(), terminal_size=size, run_before=ready)


@SIZES
def test_key_input_pasted(snap_compare, size, memory_keyring):
    two_profiles(memory_keyring)
    from vonage_tui import keys

    SecretStore(memory_keyring).set_private_key(APP_ID, keys.generate_key_pair().private_pem)

    async def ready(pilot):
        await connected(pilot)
        await pilot.press("K")
        await wait_until(pilot, on(PrivateKeysScreen)(pilot))
        await pilot.app.workers.wait_for_complete()
        await pilot.press("v")
        await wait_until(pilot, on(KeyInputModal)(pilot))
        pilot.app.post_message(events.Paste(FAKE_PEM))  # as the driver does: the app forwards it
        await still(pilot)

    assert snap_compare(make_real_app(), terminal_size=size, run_before=ready)
