"""Opening the secret store a profile names: the chosen OS keyring, or the encrypted file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ..secret import SecretStr
from .async_calls import DEFAULT_TIMEOUT, AsyncSecretStore, run_blocking
from .backends import OS_BACKENDS, KnownBackend, choose_backend
from .encrypted_file import DEFAULT_KDF, KdfParams, open_encrypted_file
from .errors import InvalidProfile
from .profiles import SecretBackendName
from .secret_store import SERVICE, SecretStore, api_secret_entry

ENCRYPTED_FILE_STORE_NAME = "encrypted file"


def open_secret_store(
    kind: SecretBackendName = "os",
    *,
    passphrase: SecretStr | str | None = None,
    path: Path | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    environ: Mapping[str, str] | None = None,
    candidates: Iterable[KnownBackend] = OS_BACKENDS,
    profile: str | None = None,
) -> SecretStore:
    """The store for a profile's ``backend`` setting.

    ``profile``: the profile whose API secret is read next, if any. The encrypted file then
    checks the passphrase by reading that secret: one Argon2 run instead of two.

    ``os``: ``KeyringUnavailable`` (with each OS backend's reason) when there is none.
    ``cryptfile``: ``PassphraseRequired`` / ``WrongPassphrase`` until the right passphrase is
    given (or set in ``VONAGE_TUI_KEYRING_PASSPHRASE``). ``candidates``: the OS backends the
    automatic choice may take. Blocks: prefer the async variant.
    """
    if kind == "cryptfile":
        check_with = None
        if profile is not None:
            try:
                check_with = (SERVICE, api_secret_entry(profile))
            except InvalidProfile:  # not a profile name: check with the reference, as without one
                pass
        ring = open_encrypted_file(passphrase, path=path, kdf=kdf, environ=environ,
                                   check_with=check_with)
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
    profile: str | None = None,
) -> AsyncSecretStore:
    store = await run_blocking(
        open_secret_store,
        kind,
        passphrase=passphrase,
        path=path,
        kdf=kdf,
        environ=environ,
        candidates=candidates,
        profile=profile,
        timeout=timeout,
        what="open the secret store",
    )
    return AsyncSecretStore(store, timeout=timeout)
