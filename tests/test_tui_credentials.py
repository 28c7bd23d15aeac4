"""The credentials flow in the app: first run, checks at the right field, no keyring, encrypted
file across two runs, environment precedence — against the in-process emulator, real keyrings."""

from __future__ import annotations

from pathlib import Path

import httpx
import keyring
import pytest
from keyring.backends import fail

from tests.startup_harness import (
    NO_BUS,
    URL,
    connected,
    fill_credentials,
    make_real_app,
    shown_error,
)
from tests.tui_harness import API_KEY, API_SECRET, SMALL, on, wait_until
from vonage_tui.credentials import (
    Profile,
    ProfileStore,
    config_dir,
    data_dir,
    encrypted_file_exists,
)
from vonage_tui.tui.screens.credentials import CredentialsScreen
from vonage_tui.tui.screens.no_keyring import NoKeyringScreen
from vonage_tui.tui.screens.passphrase import PassphraseModal

PASSPHRASE = "correct horse battery"


def files_under(*roots: Path) -> list[Path]:
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


def assert_no_secret_in_files(*secrets: str) -> None:
    for path in files_under(config_dir().parent, data_dir().parent):
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"secret found in {path}"


# -- first run, OS keyring ------------------------------------------------------------------

async def test_first_run_checks_the_pair_before_saving_and_says_what_failed_where(memory_keyring):
    app = make_real_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, on(CredentialsScreen)(pilot))
        screen = pilot.app.screen
        assert screen.query_one("#field-profile_name").value == "default"
        assert screen.query_one("#field-api_secret").password is True

        await fill_credentials(pilot, secret="wrong-secret-value")
        await wait_until(pilot, lambda: shown_error(screen, "api_key"))
        assert "401" in shown_error(screen, "api_key")
        assert screen.query_one("#error-api_secret").display
        assert not screen.query_one("#error-api_url").display
        assert not ProfileStore().path.exists()  # nothing saved after a failed check
        assert memory_keyring.entries == {}

        await pilot.press("ctrl+t")  # reveal the secret on request
        assert screen.query_one("#field-api_secret").password is False
        await fill_credentials(pilot)
        await connected(pilot)
        assert pilot.app.session.profile_name == "default"
        assert pilot.app.session.sources["api_secret"].startswith("keyring")

    profile = ProfileStore().get("default")
    assert (profile.api_key, profile.api_url, profile.backend) == (API_KEY, URL, "os")
    assert memory_keyring.entries[("vonage-tui", "profile:default:api_secret")] == API_SECRET
    assert_no_secret_in_files(API_SECRET)

    # The next start goes straight in: profile + keyring.
    again = make_real_app()
    async with again.run_test(size=SMALL) as pilot:
        await connected(pilot)
        assert pilot.app.session.sources == {"api_key": "profile", "api_secret":
                                             "keyring (tests.memory_keyring.MemoryKeyring)",
                                             "api_url": "profile"}


async def test_unreachable_host_is_said_at_the_url():
    class Unreachable(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            raise httpx.ConnectError("connection refused", request=request)

    app = make_real_app(transport=Unreachable())
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, on(CredentialsScreen)(pilot))
        screen = pilot.app.screen
        await fill_credentials(pilot)
        await wait_until(pilot, lambda: shown_error(screen, "api_url"))
        assert "Host unreachable" in shown_error(screen, "api_url")
        assert "127.0.0.1" in shown_error(screen, "api_url")
        assert not screen.query_one("#error-api_key").display
        assert not ProfileStore().path.exists()


# -- no OS keyring: the encrypted file across two runs -----------------------------------------

@pytest.fixture
def no_keyring():
    keyring.set_keyring(fail.Keyring())


async def test_no_keyring_screen_says_why_then_encrypted_file_survives_a_restart(no_keyring,
                                                                                  argon2_runs):
    app = make_real_app(candidates=(NO_BUS,))
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, on(NoKeyringScreen)(pilot))
        screen = pilot.app.screen
        reasons = str(screen.query_one("#no-keyring-reasons").render())
        assert "Secret Service (test)" in reasons and "no session bus here" in reasons
        await pilot.press("2")
        assert "dbus-run-session" in screen.shown_recipe()
        await pilot.press("y")  # copies via OSC 52
        assert "dbus-run-session" in pilot.app.clipboard
        await pilot.press("1")
        screen.query_one("#use-encrypted-file").press()

        await wait_until(pilot, on(PassphraseModal)(pilot))
        modal = pilot.app.screen
        assert modal.creating
        modal.query_one("#passphrase").value = PASSPHRASE
        modal.query_one("#passphrase-again").value = PASSPHRASE + "x"
        modal.query_one("#passphrase-ok").press()
        await pilot.pause()
        assert "differ" in str(modal.query_one("#passphrase-error").render())
        modal.query_one("#passphrase-again").value = PASSPHRASE
        modal.query_one("#passphrase-ok").press()

        await wait_until(pilot, on(CredentialsScreen)(pilot))
        assert "encrypted file" in str(pilot.app.screen.query_one("#credentials-intro").render())
        await fill_credentials(pilot)
        await connected(pilot)
        assert pilot.app.session.sources["api_secret"] == "encrypted file"

    assert ProfileStore().get("default").backend == "cryptfile"
    assert encrypted_file_exists()
    assert_no_secret_in_files(API_SECRET, PASSPHRASE)

    # Second run, same XDG dirs: only the passphrase; a wrong one is said in the modal.
    second = make_real_app(candidates=(NO_BUS,))
    async with second.run_test(size=SMALL) as pilot:
        await wait_until(pilot, on(PassphraseModal)(pilot))
        modal = pilot.app.screen
        assert not modal.creating
        modal.query_one("#passphrase").value = "not the passphrase"
        modal.query_one("#passphrase-ok").press()
        await wait_until(pilot, lambda: modal.query_one("#passphrase-error").display)
        assert "does not open" in str(modal.query_one("#passphrase-error").render())
        assert isinstance(pilot.app.screen, PassphraseModal)
        modal.query_one("#passphrase").value = PASSPHRASE
        modal.query_one("#passphrase-ok").press()
        await connected(pilot)
        assert pilot.app.session.profile_name == "default"

    # Unattended: the passphrase from the environment, no modal at all; and one key derived
    # (Argon2), not two: the API secret read checks the passphrase.
    argon2_runs.clear()
    third = make_real_app(candidates=(NO_BUS,),
                          environ={"VONAGE_TUI_KEYRING_PASSPHRASE": PASSPHRASE})
    async with third.run_test(size=SMALL) as pilot:
        await connected(pilot)
        assert not any(isinstance(s, PassphraseModal) for s in pilot.app.screen_stack)
        assert pilot.app.session.sources["api_secret"] == "encrypted file"
    assert len(argon2_runs) == 1


# -- environment precedence ------------------------------------------------------------------

async def test_environment_key_and_secret_go_straight_in_and_nothing_is_written(memory_keyring):
    ProfileStore().upsert(Profile("work", api_key="other0key", api_url=URL))
    environ = {"VONAGE_API_KEY": API_KEY, "VONAGE_API_SECRET": API_SECRET}
    app = make_real_app(environ=environ)
    async with app.run_test(size=SMALL) as pilot:
        await connected(pilot)
        session = pilot.app.session
        assert session.sources["api_key"] == "env VONAGE_API_KEY"
        assert session.sources["api_secret"] == "env VONAGE_API_SECRET"
        assert session.sources["api_url"] == "profile"
        assert session.client_options["api_key"] == API_KEY
    assert memory_keyring.entries == {}
    assert ProfileStore().get("work").api_key == "other0key"
    assert_no_secret_in_files(API_SECRET)


async def test_flag_api_key_beats_the_environment(memory_keyring):
    environ = {"VONAGE_API_KEY": "env0key", "VONAGE_API_SECRET": API_SECRET}
    app = make_real_app(environ=environ, api_key=API_KEY)
    async with app.run_test(size=SMALL) as pilot:
        await connected(pilot)
        assert pilot.app.session.sources["api_key"] == "flag --api-key"
        assert pilot.app.session.client_options["api_key"] == API_KEY


async def test_a_refused_secret_puts_the_cursor_in_the_secret(memory_keyring):
    """Both fields are named after a 401; the cursor goes to the secret, typed blind and so the
    likelier typo: the user types it again without moving."""
    app = make_real_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, on(CredentialsScreen)(pilot))
        screen = pilot.app.screen
        await fill_credentials(pilot, secret="wrong-secret-value")
        await wait_until(pilot, lambda: shown_error(screen, "api_key"))
        await pilot.pause()
        secret = screen.query_one("#field-api_secret")
        assert "401" in shown_error(screen, "api_key")
        assert pilot.app.focused is secret
        secret.value = API_SECRET
        await pilot.press("enter")  # submits from the secret field
        await connected(pilot)
