"""The encrypted-file store: real keyrings.cryptfile with cheap Argon2, and never a prompt."""

from __future__ import annotations

import getpass
import os
import stat

import pytest

from vonage_tui import keys
from vonage_tui.credentials import (
    BackendError,
    KdfParams,
    PassphraseCryptFileKeyring,
    PassphraseRequired,
    WrongPassphrase,
    encrypted_file_exists,
    encrypted_file_path,
    open_encrypted_file,
    open_secret_store,
    refusal_reason,
)

CHEAP = KdfParams(time_cost=1, memory_cost=8, parallelism=1)  # tests only: fast Argon2
APP = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"


@pytest.fixture(autouse=True)
def no_prompt(monkeypatch):
    """Any terminal prompt fails the test: under the TUI it would hang the app."""

    def refuse(*args, **kwargs):
        raise AssertionError("getpass was called")

    monkeypatch.setattr(getpass, "getpass", refuse)


def test_the_file_lives_in_xdg_data_home(tmp_path):
    assert encrypted_file_path() == tmp_path / "xdg" / "data" / "vonage-tui" / "secrets.cfg"


def test_create_then_reopen_with_the_same_passphrase():
    assert not encrypted_file_exists()
    ring = open_encrypted_file("correct horse", kdf=CHEAP)
    ring.set_password("vonage-tui", "profile:work:api_secret", "s3cr3t-value")
    assert encrypted_file_exists()
    path = encrypted_file_path()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700

    again = open_encrypted_file("correct horse", kdf=CHEAP)
    assert again.get_password("vonage-tui", "profile:work:api_secret") == "s3cr3t-value"


def test_wrong_passphrase_is_a_clear_error_and_the_file_is_untouched():
    open_encrypted_file("correct horse", kdf=CHEAP).set_password("vonage-tui", "k", "v")
    before = encrypted_file_path().read_bytes()
    with pytest.raises(WrongPassphrase, match="does not open"):
        open_encrypted_file("battery staple", kdf=CHEAP)
    assert encrypted_file_path().read_bytes() == before


def test_an_instance_that_lost_its_key_raises_instead_of_prompting():
    ring = open_encrypted_file("correct horse", kdf=CHEAP)
    ring.set_password("vonage-tui", "k", "v")
    del ring.keyring_key  # what cryptfile's own _lock does after a failure
    with pytest.raises(PassphraseRequired):
        ring.get_password("vonage-tui", "k")
    fresh = PassphraseCryptFileKeyring(encrypted_file_path().with_name("new.cfg"), CHEAP)
    with pytest.raises(PassphraseRequired):
        fresh.set_password("vonage-tui", "k", "v")  # a new file would ask for a new passphrase


def test_passphrase_from_the_environment_for_unattended_runs(monkeypatch):
    with pytest.raises(PassphraseRequired):
        open_encrypted_file(kdf=CHEAP)
    with pytest.raises(PassphraseRequired):
        open_encrypted_file("   ", kdf=CHEAP)
    monkeypatch.setenv("VONAGE_TUI_KEYRING_PASSPHRASE", "from the env")
    open_encrypted_file(kdf=CHEAP).set_password("vonage-tui", "k", "v")
    assert open_encrypted_file("from the env", kdf=CHEAP).get_password("vonage-tui", "k") == "v"


def test_a_file_of_another_scheme_is_reported_not_overwritten():
    path = encrypted_file_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        "[keyring_2Dsetting]\npassword_20reference = x\nscheme = [PBKDF2] AES256.CFB\nversion = 1.0\n"
    )
    with pytest.raises(BackendError, match="Encryption scheme"):
        open_encrypted_file("correct horse", kdf=CHEAP)
    assert "PBKDF2" in path.read_text()


def test_secret_store_on_the_file_keeps_keys_whole_and_encrypted():
    store = open_secret_store("cryptfile", passphrase="correct horse", kdf=CHEAP)
    assert store.kind == "cryptfile" and store.name == "encrypted file"
    pair = keys.generate_key_pair()
    store.set_private_key(APP, pair.private_pem)
    store.set_api_secret("work", "s3cr3t-value-123")

    reopened = open_secret_store("cryptfile", passphrase="correct horse", kdf=CHEAP)
    assert reopened.get_private_key(APP).get_secret_value() == pair.private_pem
    assert reopened.list_private_keys() == [APP]
    text = encrypted_file_path().read_text()
    assert "s3cr3t-value-123" not in text
    assert all(line not in text for line in pair.private_pem.splitlines()[1:-1])
    assert "#a1" not in text  # no chunking needed in the file


def test_our_file_backend_is_never_chosen_by_keyring_itself():
    # Its priority raises, so keyring's detection skips it; our own refusal check accepts it.
    with pytest.raises(RuntimeError):
        PassphraseCryptFileKeyring.priority  # noqa: B018
    assert refusal_reason(PassphraseCryptFileKeyring) is None


# -- the passphrase checked with the entry read next (one Argon2 run, not two) ----------------

SECRET_ENTRY = ("vonage-tui", "profile:work:api_secret")


def file_with_secret() -> None:
    open_encrypted_file("correct horse", kdf=CHEAP).set_password(*SECRET_ENTRY, "s3cr3t-value")


def test_opening_to_read_the_api_secret_derives_one_key_not_two(argon2_runs):
    file_with_secret()
    argon2_runs.clear()
    ring = open_encrypted_file("correct horse", kdf=CHEAP, check_with=SECRET_ENTRY)
    assert ring.get_password(*SECRET_ENTRY) == "s3cr3t-value"
    assert len(argon2_runs) == 1
    # Read again: from the file, as any other read.
    assert ring.get_password(*SECRET_ENTRY) == "s3cr3t-value"
    assert len(argon2_runs) == 2
    argon2_runs.clear()
    plain = open_encrypted_file("correct horse", kdf=CHEAP)  # no hint: the reference checks
    assert plain.get_password(*SECRET_ENTRY) == "s3cr3t-value"
    assert len(argon2_runs) == 2


def test_a_wrong_passphrase_is_refused_when_the_entry_checks_it():
    file_with_secret()
    with pytest.raises(WrongPassphrase):
        open_encrypted_file("wrong horse", kdf=CHEAP, check_with=SECRET_ENTRY)


def test_without_that_entry_the_reference_checks_the_passphrase():
    file_with_secret()
    missing = ("vonage-tui", "profile:other:api_secret")
    with pytest.raises(WrongPassphrase):
        open_encrypted_file("wrong horse", kdf=CHEAP, check_with=missing)
    ring = open_encrypted_file("correct horse", kdf=CHEAP, check_with=missing)
    assert ring.get_password(*missing) is None


def test_a_value_written_after_opening_is_the_one_read():
    file_with_secret()
    ring = open_encrypted_file("correct horse", kdf=CHEAP, check_with=SECRET_ENTRY)
    ring.set_password(*SECRET_ENTRY, "rotated-value")
    assert ring.get_password(*SECRET_ENTRY) == "rotated-value"
    ring = open_encrypted_file("correct horse", kdf=CHEAP, check_with=SECRET_ENTRY)
    ring.delete_password(*SECRET_ENTRY)
    assert ring.get_password(*SECRET_ENTRY) is None


def test_the_store_for_a_profile_checks_with_its_api_secret(argon2_runs):
    file_with_secret()
    argon2_runs.clear()
    store = open_secret_store("cryptfile", passphrase="correct horse", kdf=CHEAP, profile="work")
    assert store.get_api_secret("work").get_secret_value() == "s3cr3t-value"
    assert len(argon2_runs) == 1
