"""No secret reaches a file in plain text, whichever way it was stored."""

from __future__ import annotations

import base64
import binascii
import configparser
import json

from cryptography.hazmat.primitives import serialization

from vonage_tui import keys
from vonage_tui.credentials import (
    KdfParams,
    Profile,
    ProfileStore,
    SecretStore,
    encrypted_file_path,
    open_secret_store,
    resolve_credentials,
)

CHEAP = KdfParams(time_cost=1, memory_cost=8, parallelism=1)
APPS = [f"aaaaaaaa-bbbb-cccc-dddd-00000000000{n}" for n in range(4)]


def secret_markers(secrets: list[str], pems: list[str]) -> list[str]:
    """Strings that must never be found: each secret, and every body line of each key (both forms)."""
    markers = list(secrets)
    for pem in pems:
        key = keys.load_private_key(pem)
        pkcs1 = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        ).decode()
        for form in (pem, pkcs1):
            markers += [line for line in form.splitlines() if not line.startswith("-----")]
    return markers


def store_everything(store: SecretStore, tmp_path, profile: str) -> tuple[list[str], list[str]]:
    """Use every way in: API secret, pasted PKCS#1, imported file, generated key."""
    secret = f"api-secret-for-{profile}-0123456789"
    store.set_api_secret(profile, secret)
    pasted, imported = keys.generate_key_pair(), keys.generate_key_pair()
    pkcs1 = keys.load_private_key(pasted.private_pem).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    store.set_private_key(APPS[0], pkcs1)
    key_file = tmp_path / f"{profile}-import.pem"  # outside the XDG tree on purpose
    key_file.write_text(imported.private_pem)
    store.import_private_key_file(APPS[1], key_file)
    store.generate_private_key(APPS[2])
    generated = store.get_private_key(APPS[2]).get_secret_value()
    return [secret], [pasted.private_pem, imported.private_pem, generated]


def decoded_layers(path) -> list[bytes]:
    """The file, and every base64 value in it decoded, and any base64 field of JSON inside."""
    layers = [path.read_bytes()]
    config = configparser.RawConfigParser()
    config.read(path)
    for section in config.sections():
        for _, value in config.items(section):
            try:
                raw = base64.b64decode("".join(value.split()), validate=True)
            except (binascii.Error, ValueError):
                continue
            layers.append(raw)
            try:
                fields = json.loads(raw)
            except ValueError:
                continue
            layers += [base64.b64decode(v) for v in fields.values() if isinstance(v, str)]
    return layers


def test_no_secret_in_any_file_under_the_xdg_tree(memory_keyring, tmp_path, monkeypatch):
    profiles = ProfileStore()
    profiles.upsert(Profile("work", api_key="abcd1234", application_id=APPS[0]))
    profiles.upsert(Profile("vault", api_key="ef567890", backend="cryptfile"))

    os_secrets, os_pems = store_everything(SecretStore(memory_keyring), tmp_path, "work")
    file_store = open_secret_store("cryptfile", passphrase="correct horse battery", kdf=CHEAP)
    file_secrets, file_pems = store_everything(file_store, tmp_path, "vault")

    # Resolving with environment values writes nothing either.
    monkeypatch.setenv("VONAGE_API_SECRET", "env-only-secret-987654321")
    resolve_credentials(profile=profiles.get("work"), store=SecretStore(memory_keyring))
    profiles.set_default("vault")

    markers = secret_markers(
        os_secrets + file_secrets + ["env-only-secret-987654321", "correct horse battery"],
        os_pems + file_pems,
    )
    files = [path for path in (tmp_path / "xdg").rglob("*") if path.is_file()]
    assert {path.name for path in files} == {"profiles.toml", "secrets.cfg"}
    for path in files:
        text = path.read_text(errors="replace")
        leaked = [marker for marker in markers if marker in text]
        assert not leaked, f"{path.name} holds secret text"

    data_file = encrypted_file_path()
    for layer in decoded_layers(data_file):
        leaked = [marker for marker in markers if marker.encode() in layer]
        assert not leaked, "the encrypted file holds a secret in plain text or base64"
    # And the stores do hold them: the scan would have found a plain-text copy.
    assert file_store.get_api_secret("vault").get_secret_value() == file_secrets[0]
    assert SecretStore(memory_keyring).get_api_secret("work").get_secret_value() == os_secrets[0]
