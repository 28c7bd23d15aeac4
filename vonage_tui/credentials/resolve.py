"""Which credentials to use, and where each came from: flags > environment > profile + keyring.

The result says, value by value, its source (``flag``, ``env``, ``keyring``, ``profile`` or
``default``) so the UI can show it. Resolving only reads: a value from the environment or a flag
is never written to the keyring or the profiles file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..secret import SecretStr
from .errors import InvalidPrivateKey
from .profiles import DEFAULT_API_URL, Profile, normalise_api_url

if TYPE_CHECKING:  # types only: the store module loads keyring, which the environment's
    # credentials never need
    from .async_calls import AsyncSecretStore
    from .secret_store import SecretStore

T = TypeVar("T")

ENV_API_KEY = "VONAGE_API_KEY"
ENV_API_SECRET = "VONAGE_API_SECRET"
ENV_APPLICATION_ID = "VONAGE_APPLICATION_ID"
ENV_PRIVATE_KEY = "VONAGE_PRIVATE_KEY"  # PEM text
ENV_PRIVATE_KEY_PATH = "VONAGE_PRIVATE_KEY_PATH"
ENV_API_URL = "VONAGE_API_URL"
CREDENTIAL_ENV_VARS = (
    ENV_API_KEY,
    ENV_API_SECRET,
    ENV_APPLICATION_ID,
    ENV_PRIVATE_KEY,
    ENV_PRIVATE_KEY_PATH,
    ENV_API_URL,
)


class Source(StrEnum):
    FLAG = "flag"
    ENV = "env"
    KEYRING = "keyring"
    PROFILE = "profile"
    DEFAULT = "default"


# Sourced, CredentialFlags and ResolvedCredentials are plain classes with __slots__, not frozen
# dataclasses: every start imports this module, and building the three dataclasses cost ~1.5 ms
# (their generated methods are compiled at import). Nothing compares or copies them.


class Sourced(Generic[T]):
    """A value and where it came from; ``detail`` names the flag, variable, profile or file."""

    __slots__ = ("value", "source", "detail")

    def __init__(self, value: T | None = None, source: Source | None = None,
                 detail: str | None = None) -> None:
        self.value = value
        self.source = source
        self.detail = detail

    @property
    def present(self) -> bool:
        return self.value is not None

    def describe(self) -> str:
        """A phrase for the UI: ``"from VONAGE_API_KEY (env)"``, ``"not set"``."""
        if self.source is None:
            return "not set"
        return f"from {self.detail} ({self.source})" if self.detail else f"from {self.source}"


class CredentialFlags:
    """Values given on the command line; None for a flag not given."""

    __slots__ = ("profile", "api_key", "api_secret", "application_id", "private_key_path",
                 "api_url")

    def __init__(self, profile: str | None = None, api_key: str | None = None,
                 api_secret: str | SecretStr | None = None, application_id: str | None = None,
                 private_key_path: str | Path | None = None, api_url: str | None = None) -> None:
        self.profile = profile
        self.api_key = api_key
        self.api_secret = api_secret
        self.application_id = application_id
        self.private_key_path = private_key_path
        self.api_url = api_url


class ResolvedCredentials:
    __slots__ = ("profile", "api_key", "api_secret", "application_id", "private_key", "api_url")

    def __init__(self, profile: Profile | None, api_key: Sourced[str],
                 api_secret: Sourced[SecretStr], application_id: Sourced[str],
                 private_key: Sourced[SecretStr], api_url: Sourced[str]) -> None:
        self.profile = profile
        self.api_key = api_key
        self.api_secret = api_secret
        self.application_id = application_id
        self.private_key = private_key
        self.api_url = api_url

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``vonage_tui.api.VonageClient`` (secrets stay ``SecretStr``)."""
        return {
            "api_key": self.api_key.value,
            "api_secret": self.api_secret.value,
            "application_id": self.application_id.value,
            "private_key": self.private_key.value,
            "base_url": self.api_url.value or DEFAULT_API_URL,
        }

    def sources(self) -> dict[str, str]:
        """Field name → source, for the values that are set."""
        return {
            name: str(sourced.source)
            for name, sourced in self.fields().items()
            if sourced.source is not None
        }

    def fields(self) -> dict[str, Sourced[Any]]:
        return {
            "api_key": self.api_key,
            "api_secret": self.api_secret,
            "application_id": self.application_id,
            "private_key": self.private_key,
            "api_url": self.api_url,
        }

    def missing_for_applications(self) -> list[str]:
        """What the Application API (Basic auth) still needs; empty when ready."""
        return [name for name in ("api_key", "api_secret") if not self.fields()[name].present]

    def missing_for_users(self) -> list[str]:
        """What the Users API (a JWT signed by the application's key) still needs."""
        return [
            name for name in ("application_id", "private_key") if not self.fields()[name].present
        ]


def resolve_credentials(
    flags: CredentialFlags | None = None,
    *,
    profile: Profile | None = None,
    store: SecretStore | None = None,
    environ: Mapping[str, str] | None = None,
) -> ResolvedCredentials:
    """Each credential from the first place that has it: flags, environment, profile/keyring.

    ``store`` is only asked for what flags and environment did not supply (so a broken keyring
    does not matter when the environment has everything). It may block: call it off the UI
    thread (``resolve_credentials_async``). Keyring errors propagate as ``CredentialStoreError``.
    """
    flags = flags or CredentialFlags()
    env = os.environ if environ is None else environ
    profile_detail = f"profile {profile.name!r}" if profile else None

    api_key = _first(
        _flag(flags.api_key, "--api-key"),
        _env(env, ENV_API_KEY),
        Sourced(profile.api_key, Source.PROFILE, profile_detail) if profile and profile.api_key else None,
    )
    api_url = _first(
        lambda: _flag(_url(flags.api_url), "--api-url"),
        lambda: _env(env, ENV_API_URL, transform=_url),
        Sourced(profile.api_url, Source.PROFILE, profile_detail) if profile else None,
        Sourced(DEFAULT_API_URL, Source.DEFAULT),
    )
    application_id = _first(
        _flag(flags.application_id, "--application-id"),
        _env(env, ENV_APPLICATION_ID),
        Sourced(profile.application_id, Source.PROFILE, profile_detail)
        if profile and profile.application_id
        else None,
    )

    api_secret = _first(
        _flag(_secret(flags.api_secret), "--api-secret"),
        _env(env, ENV_API_SECRET, transform=_secret),
    )
    if api_secret.value is None and profile is not None and store is not None:
        stored = store.get_api_secret(profile.name)
        if stored is not None:
            api_secret = Sourced(stored, Source.KEYRING, f"{store.name}, {profile_detail}")

    # Lazily: a key file is only read (and must only parse) if nothing before it applies.
    private_key = _first(
        lambda: _flag(_key_file(flags.private_key_path), f"--private-key {flags.private_key_path}"),
        lambda: _env(env, ENV_PRIVATE_KEY, transform=_key_text),
        lambda: _env(env, ENV_PRIVATE_KEY_PATH, transform=_key_file, detail_value=True),
    )
    if private_key.value is None and application_id.value and store is not None:
        stored = store.get_private_key(application_id.value)
        if stored is not None:
            private_key = Sourced(stored, Source.KEYRING, f"{store.name}, application {application_id.value}")

    return ResolvedCredentials(profile, api_key, api_secret, application_id, private_key, api_url)


def _first(*candidates: Sourced[Any] | Callable[[], Sourced[Any] | None] | None) -> Sourced[Any]:
    """The first candidate with a value; a callable candidate is only called when reached."""
    for candidate in candidates:
        if callable(candidate):
            candidate = candidate()
        if candidate is not None and candidate.value is not None:
            return candidate
    return Sourced()


def _flag(value: Any, name: str) -> Sourced[Any] | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return Sourced(value.strip() if isinstance(value, str) else value, Source.FLAG, name)


def _env(
    env: Mapping[str, str],
    name: str,
    *,
    transform: Any = None,
    detail_value: bool = False,
) -> Sourced[Any] | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    value = transform(raw) if transform else raw
    detail = f"{name}={raw}" if detail_value else name  # only for a path, never a secret
    return Sourced(value, Source.ENV, detail)


def _url(value: str | None) -> str | None:
    return normalise_api_url(value) if value else None


def _secret(value: str | SecretStr | None) -> SecretStr | None:
    if value is None:
        return None
    text = value.get_secret_value() if isinstance(value, SecretStr) else value
    return SecretStr(text.strip()) if text.strip() else None


def _key_text(text: str) -> SecretStr:
    from .. import keys  # only for a key in the environment: the list needs none (~1 ms)

    try:
        return SecretStr(keys.normalise_private_key(text))
    except keys.InvalidKeyError as error:
        raise InvalidPrivateKey(f"{ENV_PRIVATE_KEY} is {error}.") from None


def _key_file(path: str | Path | None) -> SecretStr | None:
    if path is None or not str(path).strip():
        return None
    location = Path(path).expanduser()
    try:
        data = location.read_bytes()
    except OSError as error:
        raise InvalidPrivateKey(f"Cannot read the private key {location}: {error.strerror or error}") from None
    from .. import keys  # only for a key file: the list needs none (~1 ms)

    try:
        return SecretStr(keys.normalise_private_key(data))
    except keys.InvalidKeyError as error:
        raise InvalidPrivateKey(f"{location} is {error}.") from None


async def resolve_credentials_async(
    flags: CredentialFlags | None = None,
    *,
    profile: Profile | None = None,
    store: SecretStore | AsyncSecretStore | None = None,
    environ: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> ResolvedCredentials:
    """``resolve_credentials`` off the UI thread, under the keyring timeout."""
    from .async_calls import DEFAULT_TIMEOUT, AsyncSecretStore, run_blocking

    if isinstance(store, AsyncSecretStore):
        store = store.store

    return await run_blocking(
        resolve_credentials,
        flags,
        profile=profile,
        store=store,
        environ=environ,
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
        what="read credentials",
    )
