"""The secrets of vonage-tui in one keyring service: API secrets per profile, private keys per app.

Entries (service ``vonage-tui``)::

    profile:<profile name>:api_secret   the account's API secret
    app:<application id>:private_key    the application's private key, PKCS#8 PEM
    index:private_keys                  JSON list of the application ids above (not secret)

A keyring cannot list its entries, hence the index. Long values are split (see ``chunked``).
Every method blocks (D-Bus, Argon2, a keychain prompt…): from a UI, call them through
``AsyncSecretStore``. Every backend failure comes out as a ``CredentialStoreError`` whose message
holds no secret.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from keyring.backend import KeyringBackend
from keyring.errors import InitError, KeyringError, KeyringLocked, NoKeyringError

from ..secret import SecretStr
from .. import keys
from .chunked import CHUNK_SIZE, ChunkedEntries
from .errors import (
    BackendError,
    CredentialsError,
    InvalidPrivateKey,
    KeyringLockedError,
    KeyringUnavailable,
    scrub,
)
from .profiles import validate_profile_name

SERVICE = "vonage-tui"
INDEX_ENTRY = "index:private_keys"

_APPLICATION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")


def api_secret_entry(profile: str) -> str:
    return f"profile:{validate_profile_name(profile)}:api_secret"


def private_key_entry(application_id: str) -> str:
    return f"app:{validate_application_id(application_id)}:private_key"


def validate_application_id(application_id: str) -> str:
    if not isinstance(application_id, str) or not _APPLICATION_ID.match(application_id):
        raise InvalidPrivateKey(f"{application_id!r} is not an application id.")
    return application_id


class SecretStore:
    """API secrets and private keys in one keyring backend (an OS store or the encrypted file)."""

    def __init__(
        self,
        backend: KeyringBackend,
        *,
        name: str | None = None,
        kind: Literal["os", "cryptfile"] = "os",
        chunk_size: int | None = CHUNK_SIZE,
        service: str = SERVICE,
    ) -> None:
        self.backend = backend
        self.name = name or type(backend).__name__  # for "secrets in: Secret Service"
        self.kind = kind
        self._entries = ChunkedEntries(backend, service, chunk_size)
        # One call at a time: the index is read-modify-write, and cryptfile rewrites its file.
        self._lock = threading.RLock()

    # --- API secrets ----------------------------------------------------------------------

    def get_api_secret(self, profile: str) -> SecretStr | None:
        entry = api_secret_entry(profile)
        with self._calling(f"Reading the API secret of profile {profile!r}"):
            value = self._entries.read(entry)
        return None if value is None else SecretStr(value)

    def set_api_secret(self, profile: str, secret: str | SecretStr) -> None:
        text = _reveal(secret).strip()
        if not text:
            raise ValueError("The API secret is empty.")
        entry = api_secret_entry(profile)
        with self._calling(f"Storing the API secret of profile {profile!r}", secrets=[text]):
            self._entries.write(entry, text)

    def delete_api_secret(self, profile: str) -> bool:
        entry = api_secret_entry(profile)
        with self._calling(f"Deleting the API secret of profile {profile!r}"):
            return self._entries.delete(entry)

    def rename_api_secret(self, old: str, new: str) -> bool:
        """Move a profile's secret to its new name (after ``ProfileStore.rename``)."""
        secret = self.get_api_secret(old)
        if secret is None:
            return False
        self.set_api_secret(new, secret)
        self.delete_api_secret(old)
        return True

    # --- private keys ---------------------------------------------------------------------

    def get_private_key(self, application_id: str) -> SecretStr | None:
        """The application's private key as PKCS#8 PEM, or None."""
        entry = private_key_entry(application_id)
        with self._calling(f"Reading the private key of application {application_id}"):
            value = self._entries.read(entry)
        return None if value is None else SecretStr(value)

    def has_private_key(self, application_id: str) -> bool:
        return self.get_private_key(application_id) is not None

    def set_private_key(self, application_id: str, pem: str | bytes | SecretStr) -> str:
        """Store a pasted PEM private key (PKCS#1 or PKCS#8, kept as PKCS#8); its public key PEM.

        Replaces any key stored for the application.
        """
        normal = _normalise(pem)
        entry = private_key_entry(application_id)
        with self._lock:
            with self._calling(
                f"Storing the private key of application {application_id}", secrets=[normal, _reveal(pem)]
            ):
                self._entries.write(entry, normal)
            self._update_index(add=application_id)
        return keys.public_key_of(normal)

    def import_private_key_file(self, application_id: str, path: str | Path) -> str:
        """Store the private key in a PEM file; its public key PEM (compare with the app's)."""
        try:
            data = Path(path).expanduser().read_bytes()
        except OSError as error:
            raise InvalidPrivateKey(f"Cannot read {path}: {error.strerror or error}") from None
        return self.set_private_key(application_id, data)

    def generate_private_key(self, application_id: str) -> str:
        """Make a new RSA-2048 pair, store its private key; the public key PEM to send to Vonage."""
        pair = keys.generate_key_pair()
        self.set_private_key(application_id, pair.private_pem)
        return pair.public_pem

    def delete_private_key(self, application_id: str) -> bool:
        entry = private_key_entry(application_id)
        with self._lock:
            with self._calling(f"Deleting the private key of application {application_id}"):
                existed = self._entries.delete(entry)
            self._update_index(remove=application_id)
        return existed

    def list_private_keys(self) -> list[str]:
        """Ids of the applications with a stored private key, sorted (from the index)."""
        with self._calling("Reading the private key index"):
            return self._read_index()

    # --- internals ------------------------------------------------------------------------

    def _read_index(self) -> list[str]:
        raw = self._entries.read(INDEX_ENTRY)
        if not raw:
            return []
        try:
            ids = json.loads(raw)
        except ValueError:
            return []  # unreadable: the keys themselves are intact, the next store rewrites it
        if not isinstance(ids, list):
            return []
        return sorted({item for item in ids if isinstance(item, str)})

    def _update_index(self, *, add: str | None = None, remove: str | None = None) -> None:
        with self._calling("Updating the private key index"):
            ids = set(self._read_index())
            before = set(ids)
            if add:
                ids.add(add)
            if remove:
                ids.discard(remove)
            if ids == before:
                return
            if ids:
                self._entries.write(INDEX_ENTRY, json.dumps(sorted(ids)))
            else:
                self._entries.delete(INDEX_ENTRY)

    @contextmanager
    def _calling(self, action: str, secrets: Iterable[str] = ()) -> Iterator[None]:
        """Run one store operation under the lock, translating backend errors."""
        with self._lock:
            try:
                yield
            except CredentialsError:
                raise
            except Exception as error:  # noqa: BLE001 - any backend failure becomes ours
                raise translate_error(error, action, self.name, secrets) from None


def translate_error(
    error: BaseException, action: str, backend_name: str, secrets: Iterable[str] = ()
) -> CredentialsError:
    """A ``CredentialStoreError`` for a backend exception, its text scrubbed of ``secrets``."""
    detail = scrub(str(error).strip(), list(secrets))[:300] or type(error).__name__
    if isinstance(error, KeyringLocked):
        return KeyringLockedError(
            f"{action} failed: the keyring ({backend_name}) is locked. Unlock it and try again."
        )
    if isinstance(error, NoKeyringError):
        return KeyringUnavailable([], summary=f"{action} failed: there is no keyring ({detail}).")
    if isinstance(error, (InitError, KeyringError)):
        return BackendError(f"{action} failed in {backend_name}: {detail}")
    return BackendError(f"{action} failed in {backend_name}: {type(error).__name__}: {detail}")


def _normalise(pem: str | bytes | SecretStr) -> str:
    try:
        return keys.normalise_private_key(_reveal(pem))
    except keys.InvalidKeyError as error:
        raise InvalidPrivateKey(f"That is {error}.") from None


def _reveal(value: str | bytes | SecretStr) -> str:
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value
