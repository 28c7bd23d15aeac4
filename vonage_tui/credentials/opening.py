"""Opening the secret store a profile names: the chosen OS keyring, or the encrypted file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ..secret import SecretStr
from .async_calls import DEFAULT_TIMEOUT, AsyncSecretStore, run_blocking
from .backends import OS_BACKENDS, KnownBackend, choose_backend
from .encrypted_file import DEFAULT_KDF, KdfParams, open_encrypted_file
from .profiles import SecretBackendName
from .secret_store import SecretStore

ENCRYPTED_FILE_STORE_NAME = "encrypted file"


def open_secret_store(
    kind: SecretBackendName = "os",
    *,
    passphrase: SecretStr | str | None = None,
    path: Path | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    environ: Mapping[str, str] | None = None,
    candidates: Iterable[KnownBackend] = OS_BACKENDS,
) -> SecretStore:
    """The store for a profile's ``backend`` setting.

    ``os``: ``KeyringUnavailable`` (with each OS backend's reason) when there is none.
    ``cryptfile``: ``PassphraseRequired`` / ``WrongPassphrase`` until the right passphrase is
    given (or set in ``VONAGE_TUI_KEYRING_PASSPHRASE``). ``candidates``: the OS backends the
    automatic choice may take. Blocks: prefer the async variant.
    """
    if kind == "cryptfile":
        ring = open_encrypted_file(passphrase, path=path, kdf=kdf, environ=environ)
        # The file takes values of any length: no need to split (each part would cost an Argon2 run).
        return SecretStore(ring, name=ENCRYPTED_FILE_STORE_NAME, kind="cryptfile", chunk_size=None)
    choice = choose_backend(candidates=candidates, environ=environ)
    return SecretStore(choice.backend, name=choice.name, kind="os")


async def open_secret_store_async(
    kind: SecretBackendName = "os",
    *,
    timeout: float = DEFAULT_TIMEOUT,
    passphrase: SecretStr | str | None = None,
    path: Path | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    environ: Mapping[str, str] | None = None,
    candidates: Iterable[KnownBackend] = OS_BACKENDS,
) -> AsyncSecretStore:
    store = await run_blocking(
        open_secret_store,
        kind,
        passphrase=passphrase,
        path=path,
        kdf=kdf,
        environ=environ,
        candidates=candidates,
        timeout=timeout,
        what="open the secret store",
    )
    return AsyncSecretStore(store, timeout=timeout)
