"""The secret store: entries, PEM normalisation, chunking, the key index, error wrapping."""

from __future__ import annotations

import json
import re

import pytest
from cryptography.hazmat.primitives import serialization
from keyring.errors import KeyringLocked, PasswordSetError

from tests.memory_keyring import LimitedKeyring, MemoryKeyring, unregistered
from vonage_tui import keys
from vonage_tui.credentials import (
    INDEX_ENTRY,
    SERVICE,
    BackendError,
    CorruptSecret,
    CredentialStoreError,
    InvalidPrivateKey,
    KeyringLockedError,
    SecretStore,
)
from vonage_tui.credentials.chunked import HEADER_PREFIX, ChunkedEntries

APP = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
OTHER_APP = "11111111-2222-3333-4444-555555555555"


@pytest.fixture(scope="module")
def pair() -> keys.KeyPair:
    return keys.generate_key_pair()


def pkcs1_of(pair: keys.KeyPair) -> str:
    key = keys.load_private_key(pair.private_pem)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()


def test_api_secret_lives_under_the_profile_entry(memory_keyring):
    store = SecretStore(memory_keyring)
    store.set_api_secret("work", "s3cr3t-value")
    assert memory_keyring.entries[(SERVICE, "profile:work:api_secret")] == "s3cr3t-value"
    secret = store.get_api_secret("work")
    assert secret.get_secret_value() == "s3cr3t-value"
    assert "s3cr3t" not in repr(secret)
    assert store.get_api_secret("other") is None
    assert store.delete_api_secret("work") is True
    assert store.delete_api_secret("work") is False
    assert memory_keyring.entries == {}


def test_rename_moves_the_api_secret(memory_keyring):
    store = SecretStore(memory_keyring)
    store.set_api_secret("old", "s3cr3t-value")
    assert store.rename_api_secret("old", "new") is True
    assert store.get_api_secret("old") is None
    assert store.get_api_secret("new").get_secret_value() == "s3cr3t-value"


def test_pkcs1_is_stored_as_pkcs8(memory_keyring, pair):
    store = SecretStore(memory_keyring)
    pkcs1 = pkcs1_of(pair)
    assert pkcs1.startswith("-----BEGIN RSA PRIVATE KEY-----")
    public = store.set_private_key(APP, pkcs1)
    stored = ChunkedEntries(memory_keyring, SERVICE).read(f"app:{APP}:private_key")
    assert stored.startswith("-----BEGIN PRIVATE KEY-----")
    assert stored == pair.private_pem
    assert keys.keys_match(stored, public)
    assert store.get_private_key(APP).get_secret_value() == pair.private_pem


def test_import_from_a_pem_file(memory_keyring, pair, tmp_path):
    path = tmp_path / "app.key"
    path.write_text(pkcs1_of(pair))
    store = SecretStore(memory_keyring)
    public = store.import_private_key_file(APP, path)
    assert public == pair.public_pem
    assert store.get_private_key(APP).get_secret_value() == pair.private_pem
    with pytest.raises(InvalidPrivateKey, match="Cannot read"):
        store.import_private_key_file(APP, tmp_path / "missing.key")


def test_generated_key_is_stored_and_its_public_half_returned(memory_keyring):
    store = SecretStore(memory_keyring)
    public = store.generate_private_key(APP)
    assert keys.keys_match(store.get_private_key(APP).get_secret_value(), public)


def test_not_a_key_is_refused_and_nothing_is_stored(memory_keyring):
    store = SecretStore(memory_keyring)
    with pytest.raises(InvalidPrivateKey):
        store.set_private_key(APP, "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----")
    with pytest.raises(InvalidPrivateKey):
        store.set_private_key("not an id!", keys.generate_key_pair().private_pem)
    assert memory_keyring.entries == {}


def test_key_index_lists_and_forgets_applications(memory_keyring, pair):
    store = SecretStore(memory_keyring)
    assert store.list_private_keys() == []
    store.set_private_key(OTHER_APP, pair.private_pem)
    store.set_private_key(APP, pair.private_pem)
    store.set_private_key(APP, pair.private_pem)  # replacing does not duplicate
    assert store.list_private_keys() == sorted([APP, OTHER_APP])
    assert json.loads(memory_keyring.entries[(SERVICE, INDEX_ENTRY)]) == sorted([APP, OTHER_APP])
    assert store.has_private_key(APP)

    assert store.delete_private_key(APP) is True
    assert store.list_private_keys() == [OTHER_APP]
    assert not store.has_private_key(APP)
    assert store.delete_private_key(APP) is False
    store.delete_private_key(OTHER_APP)
    assert memory_keyring.entries == {}  # the index goes with its last key


def test_a_backend_refusing_long_values_gets_chunks(pair):
    backend = LimitedKeyring(limit=1280)
    with pytest.raises(PasswordSetError):  # the premise: a PKCS#8 key does not fit
        backend.set_password(SERVICE, "probe", pair.private_pem)
    assert len(pair.private_pem) > 1280

    store = SecretStore(backend)
    store.set_private_key(APP, pair.private_pem)
    assert store.get_private_key(APP).get_secret_value() == pair.private_pem
    assert all(length <= 1280 for _, length in backend.writes)
    header = backend.entries[(SERVICE, f"app:{APP}:private_key")]
    assert header.startswith(HEADER_PREFIX)
    parts = [u for (_, u) in backend.entries if u.startswith(f"app:{APP}:private_key#")]
    assert len(parts) == 2

    assert store.delete_private_key(APP) is True
    assert backend.entries == {}  # header, every part and the index are gone


def test_rewrites_alternate_slots_and_leave_no_stale_parts(pair):
    backend = LimitedKeyring()
    entries = ChunkedEntries(backend, SERVICE, chunk_size=1000)
    entries.write("k", "x" * 2500)  # 3 parts in slot a
    entries.write("k", "y" * 1500)  # 2 parts in slot b; slot a cleared
    assert sorted(u for _, u in backend.entries) == ["k", "k#b1", "k#b2"]
    assert entries.read("k") == "y" * 1500
    entries.write("k", "short")  # a plain value; every part cleared
    assert sorted(u for _, u in backend.entries) == ["k"]
    assert entries.read("k") == "short"


@unregistered
class FailingAfter(LimitedKeyring):
    """Accepts ``budget`` writes, then fails: a write interrupted half way."""

    def __init__(self, budget: int) -> None:
        super().__init__()
        self.budget = budget

    def set_password(self, service, username, password):
        if self.budget <= 0:
            raise PasswordSetError("backend went away")
        self.budget -= 1
        super().set_password(service, username, password)


def test_an_interrupted_rewrite_keeps_the_old_value_and_cleans_its_parts():
    backend = FailingAfter(budget=4)
    entries = ChunkedEntries(backend, SERVICE, chunk_size=1000)
    entries.write("k", "old" * 700)  # 3 writes: 2 parts + header
    with pytest.raises(PasswordSetError):
        entries.write("k", "new" * 1000)  # 1 part written in slot b, then failure
    assert entries.read("k") == "old" * 700
    assert not any(u.startswith("k#b") for _, u in backend.entries)


def test_a_missing_or_foreign_part_is_detected_and_delete_cleans_up():
    backend = MemoryKeyring()
    entries = ChunkedEntries(backend, SERVICE, chunk_size=1000)
    entries.write("k", "v" * 2500)
    del backend.entries[(SERVICE, "k#a2")]  # as if a write died, or someone removed it
    with pytest.raises(CorruptSecret, match="part 2 of 3 is missing"):
        entries.read("k")
    backend.entries[(SERVICE, "k#a2")] = "w" * 1000  # a part from another value
    with pytest.raises(CorruptSecret, match="do not match"):
        entries.read("k")
    assert entries.delete("k") is True
    assert backend.entries == {}


def test_orphan_parts_without_a_header_are_removed_by_delete():
    backend = MemoryKeyring()
    backend.entries[(SERVICE, "k#a1")] = "left"
    backend.entries[(SERVICE, "k#b1")] = "over"
    assert ChunkedEntries(backend, SERVICE).delete("k") is True
    assert backend.entries == {}


@unregistered
class LockedKeyring(MemoryKeyring):
    def get_password(self, service, username):
        raise KeyringLocked("Failed to unlock the collection!")

    set_password = delete_password = get_password  # type: ignore[assignment]


def test_a_locked_keyring_is_an_unlock_error(pair):
    store = SecretStore(LockedKeyring(), name="Secret Service")
    with pytest.raises(KeyringLockedError, match="locked. Unlock it") as caught:
        store.get_api_secret("work")
    assert caught.value.title == "Keyring locked"
    with pytest.raises(KeyringLockedError):
        store.set_private_key(APP, pair.private_pem)


@unregistered
class LeakyKeyring(MemoryKeyring):
    """A backend whose error message repeats the value it was given."""

    def set_password(self, service, username, password):
        raise RuntimeError(f"cannot store {password!r} for {username}")


def test_backend_errors_are_wrapped_without_the_secret(pair):
    store = SecretStore(LeakyKeyring(), name="Leaky")
    with pytest.raises(BackendError) as caught:
        store.set_api_secret("work", "hunter2-very-secret")
    message = str(caught.value)
    assert "hunter2-very-secret" not in message
    assert "Storing the API secret of profile 'work' failed in Leaky" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__

    with pytest.raises(CredentialStoreError) as caught:
        store.set_private_key(APP, pkcs1_of(pair))
    message = str(caught.value)
    assert "<hidden>" in message
    # No run of key material survives, not even a piece cut at a chunk boundary.
    for run in re.findall(r"[A-Za-z0-9+/=]{12,}", message.replace("\\n", " ")):
        assert run not in pair.private_pem and run not in pkcs1_of(pair)


def test_keyrings_fail_backend_becomes_keyring_unavailable():
    from keyring.backends import fail

    from vonage_tui.credentials import KeyringUnavailable

    with pytest.raises(KeyringUnavailable, match="Reading the API secret of profile 'work' failed"):
        SecretStore(fail.Keyring(), name="fail").get_api_secret("work")
