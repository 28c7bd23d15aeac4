"""Precedence flags > environment > profile + keyring, with the source of every value."""

from __future__ import annotations

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from tests.memory_keyring import MemoryKeyring, unregistered
from vonage_tui import keys
from vonage_tui.api import JwtMinter, VonageClient
from vonage_tui.credentials import (
    CredentialFlags,
    InvalidPrivateKey,
    Profile,
    ProfileStore,
    SecretStore,
    Source,
    resolve_credentials,
)
from vonage_tui.secret import SecretStr

APP = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
ENV_APP = "11111111-2222-3333-4444-555555555555"


@pytest.fixture(scope="module")
def pairs() -> tuple[keys.KeyPair, keys.KeyPair]:
    return keys.generate_key_pair(), keys.generate_key_pair()


@unregistered
class RecordingKeyring(MemoryKeyring):
    """Remembers every write and delete, to prove resolving never writes."""

    def __init__(self):
        super().__init__()
        self.changes: list[str] = []

    def set_password(self, service, username, password):
        self.changes.append(f"set {username}")
        super().set_password(service, username, password)

    def delete_password(self, service, username):
        self.changes.append(f"delete {username}")
        super().delete_password(service, username)


@pytest.fixture
def stored(pairs):
    backend = RecordingKeyring()
    store = SecretStore(backend, name="Memory")
    store.set_api_secret("work", "keyring-secret")
    store.set_private_key(APP, pairs[0].private_pem)
    backend.changes.clear()
    profile = Profile("work", api_key="profilekey", api_url="https://api-eu-3.vonage.com", application_id=APP)
    return profile, store, backend


def test_profile_and_keyring_alone(stored, pairs):
    profile, store, _ = stored
    resolved = resolve_credentials(profile=profile, store=store, environ={})
    assert resolved.sources() == {
        "api_key": "profile",
        "api_secret": "keyring",
        "application_id": "profile",
        "private_key": "keyring",
        "api_url": "profile",
    }
    assert resolved.api_secret.value.get_secret_value() == "keyring-secret"
    assert resolved.private_key.value.get_secret_value() == pairs[0].private_pem
    assert resolved.api_secret.describe() == "from Memory, profile 'work' (keyring)"
    assert resolved.missing_for_applications() == [] and resolved.missing_for_users() == []


def test_environment_beats_profile_and_keyring(stored, pairs):
    profile, store, backend = stored
    environ = {
        "VONAGE_API_KEY": "envkey",
        "VONAGE_API_SECRET": "env-secret",
        "VONAGE_APPLICATION_ID": ENV_APP,
        "VONAGE_PRIVATE_KEY": pkcs1_text(pairs[1]),
        "VONAGE_API_URL": "https://api-us-3.vonage.com/",
    }
    resolved = resolve_credentials(profile=profile, store=store, environ=environ)
    assert set(resolved.sources().values()) == {"env"}
    assert resolved.api_key.value == "envkey"
    assert resolved.api_secret.value.get_secret_value() == "env-secret"
    assert resolved.application_id.value == ENV_APP
    assert resolved.private_key.value.get_secret_value() == pairs[1].private_pem  # as PKCS#8
    assert resolved.api_url.value == "https://api-us-3.vonage.com"
    assert resolved.api_key.describe() == "from VONAGE_API_KEY (env)"
    assert backend.changes == []  # nothing from the environment was written


def test_flags_beat_environment(stored, pairs, tmp_path):
    profile, store, backend = stored
    key_file = tmp_path / "flag.key"
    key_file.write_text(pkcs1_text(pairs[1]))
    flags = CredentialFlags(
        api_key="flagkey",
        api_secret=SecretStr("flag-secret"),
        application_id=ENV_APP,
        private_key_path=key_file,
        api_url="http://127.0.0.1:9999",
    )
    environ = {"VONAGE_API_KEY": "envkey", "VONAGE_API_SECRET": "env-secret",
               "VONAGE_PRIVATE_KEY": "not even a key", "VONAGE_API_URL": "https://api-us-3.vonage.com"}
    resolved = resolve_credentials(flags, profile=profile, store=store, environ=environ)
    assert set(resolved.sources().values()) == {"flag"}
    assert resolved.api_key.value == "flagkey"
    assert resolved.api_secret.value.get_secret_value() == "flag-secret"
    assert resolved.private_key.value.get_secret_value() == pairs[1].private_pem
    assert resolved.api_url.value == "http://127.0.0.1:9999"
    assert backend.changes == []


def test_mixed_sources_and_the_keyring_key_of_an_env_application(stored, pairs):
    profile, store, _ = stored
    environ = {"VONAGE_API_SECRET": "env-secret", "VONAGE_APPLICATION_ID": APP}
    resolved = resolve_credentials(profile=profile, store=store, environ=environ)
    assert resolved.api_key.source is Source.PROFILE
    assert resolved.api_secret.source is Source.ENV
    assert resolved.application_id.source is Source.ENV
    # The key is looked up in the keyring under whichever application id won.
    assert resolved.private_key.source is Source.KEYRING
    assert resolved.private_key.value.get_secret_value() == pairs[0].private_pem


def test_nothing_configured_gives_defaults_and_says_what_is_missing():
    resolved = resolve_credentials(environ={})
    assert resolved.sources() == {"api_url": "default"}
    assert resolved.api_url.value == "https://api.nexmo.com"
    assert resolved.missing_for_applications() == ["api_key", "api_secret"]
    assert resolved.missing_for_users() == ["application_id", "private_key"]
    assert resolved.api_secret.describe() == "not set"


def test_the_keyring_is_not_asked_when_the_environment_has_everything(pairs):
    @unregistered
    class Exploding(MemoryKeyring):
        def get_password(self, service, username):
            raise AssertionError("the keyring was asked")

    environ = {"VONAGE_API_KEY": "k", "VONAGE_API_SECRET": "s", "VONAGE_APPLICATION_ID": APP,
               "VONAGE_PRIVATE_KEY": pairs[0].private_pem}
    resolved = resolve_credentials(profile=Profile("work"), store=SecretStore(Exploding()), environ=environ)
    assert resolved.missing_for_users() == []


def test_private_key_path_from_the_environment(pairs, tmp_path):
    path = tmp_path / "app.key"
    path.write_text(pairs[0].private_pem)
    resolved = resolve_credentials(environ={"VONAGE_PRIVATE_KEY_PATH": str(path)})
    assert resolved.private_key.value.get_secret_value() == pairs[0].private_pem
    assert resolved.private_key.detail == f"VONAGE_PRIVATE_KEY_PATH={path}"
    with pytest.raises(InvalidPrivateKey, match="Cannot read"):
        resolve_credentials(environ={"VONAGE_PRIVATE_KEY_PATH": str(tmp_path / "nope.key")})
    with pytest.raises(InvalidPrivateKey) as caught:
        resolve_credentials(environ={"VONAGE_PRIVATE_KEY": "-----BEGIN PRIVATE KEY-----\nAAAA\n"})
    assert "AAAA" not in str(caught.value)


def test_env_values_are_never_written_to_files(stored, pairs, tmp_path):
    profile, store, backend = stored
    ProfileStore().upsert(profile)
    environ = {"VONAGE_API_KEY": "envkey-unique-1", "VONAGE_API_SECRET": "env-secret-unique-2"}
    resolve_credentials(profile=profile, store=store, environ=environ)
    for path in (tmp_path / "xdg").rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert "envkey-unique-1" not in text and "env-secret-unique-2" not in text
    assert backend.changes == []


async def test_client_kwargs_build_a_working_client(stored, pairs):
    profile, store, _ = stored
    resolved = resolve_credentials(profile=profile, store=store, environ={})
    kwargs = resolved.client_kwargs()
    assert set(kwargs) == {"api_key", "api_secret", "application_id", "private_key", "base_url"}
    assert isinstance(kwargs["api_secret"], SecretStr) and isinstance(kwargs["private_key"], SecretStr)
    async with VonageClient(**kwargs) as client:
        assert client.base_url.rstrip("/") == "https://api-eu-3.vonage.com"
        assert client.api_key == "profilekey" and client.application_id == APP
    token = JwtMinter(kwargs["application_id"], kwargs["private_key"]).token()
    claims = jwt.decode(token, pairs[0].public_pem, algorithms=["RS256"])
    assert claims["application_id"] == APP


def pkcs1_text(pair: keys.KeyPair) -> str:
    return keys.load_private_key(pair.private_pem).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()
