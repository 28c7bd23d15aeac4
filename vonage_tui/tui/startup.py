"""Getting from `vonage-tui` to a connected Session: the start-up flow as steps, without Textual.

Each method returns the next ``Step`` for a UI to act on (show a screen, ask a passphrase, or
connect); none of them raises for a keyring or API problem — those become steps or
``FormProblem``s with a message for the person at the terminal, never holding a secret. All
keyring work goes through the credentials layer's async wrappers (off the UI thread, with a
timeout). Tests drive this class directly, and inject the API transport and the KDF cost.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr

from ..credentials import (
    DEFAULT_KDF,
    DEFAULT_TIMEOUT,
    OS_BACKENDS,
    AsyncSecretStore,
    CredentialFlags,
    CredentialsError,
    CredentialStoreError,
    KdfParams,
    KeyringKeyVault,
    KeyringLockedError,
    KeyringTimeout,
    KeyringUnavailable,
    KnownBackend,
    PassphraseRequired,
    Profile,
    ProfileError,
    ProfileNotFound,
    ProfileStore,
    ResolvedCredentials,
    SecretStore,
    Source,
    WrongPassphrase,
    choose_backend_async,
    encrypted_file_exists,
    normalise_api_url,
    open_secret_store_async,
    resolve_credentials,
    resolve_credentials_async,
    validate_profile_name,
)
from ..credentials.encrypted_file import PASSPHRASE_ENV, passphrase_from_environment
from .session import Session

DEFAULT_PROFILE = "default"
CHECK_TIMEOUT = 15.0
"""Seconds the credentials check (one-item application list) may take before it says so."""


# -- steps ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Connect:
    """Everything needed is there: connect the app to this session."""

    session: Session


@dataclass(frozen=True)
class ChooseStore:
    """No operating-system keyring is usable: say why (``error.reports``) and offer the others."""

    error: KeyringUnavailable


@dataclass(frozen=True)
class AskPassphrase:
    """The encrypted file needs its passphrase (``creating``: a new one, typed twice)."""

    creating: bool
    problem: str | None = None


@dataclass(frozen=True)
class AskCredentials:
    """Show the credentials form (a first run, or a profile whose secret is missing)."""

    profile: Profile | None
    profile_name: str
    reason: str | None = None


@dataclass(frozen=True)
class StoreTrouble:
    """The secret store failed in a way the user can fix, then retry (locked, not answering…)."""

    title: str
    message: str


Step = Connect | ChooseStore | AskPassphrase | AskCredentials | StoreTrouble


@dataclass(frozen=True)
class CredentialsForm:
    """What the credentials screen submits; a blank secret keeps the stored one (editing)."""

    profile_name: str
    api_key: str
    api_secret: SecretStr
    api_url: str


@dataclass(frozen=True)
class FormProblem:
    """Why the form was not saved, and which fields to show it at (empty: the whole form)."""

    message: str
    fields: tuple[str, ...] = ()


# -- configuration --------------------------------------------------------------------------

@dataclass
class StartupConfig:
    flags: CredentialFlags = field(default_factory=CredentialFlags)
    readonly: bool = False
    environ: Mapping[str, str] | None = None
    """None: the process environment."""
    profiles: ProfileStore = field(default_factory=ProfileStore)
    kdf: KdfParams = DEFAULT_KDF
    """Argon2 cost of the encrypted file (tests pass cheap parameters)."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds any keyring call may take."""
    client_overrides: dict[str, Any] = field(default_factory=dict)
    """Extra ``VonageClient`` arguments for every client made (tests: the emulator transport)."""
    backend_candidates: tuple[KnownBackend, ...] = OS_BACKENDS

    @property
    def env(self) -> Mapping[str, str]:
        return os.environ if self.environ is None else self.environ


# -- the flow --------------------------------------------------------------------------------

class Startup:
    """One run's credentials: the chosen profile, the open secret store, and the steps between."""

    def __init__(self, config: StartupConfig | None = None) -> None:
        self.config = config or StartupConfig()
        self.flags = self.config.flags
        self.store: AsyncSecretStore | None = None
        self.unavailable: KeyringUnavailable | None = None
        """Why the OS keyring could not be used, once that is known."""
        self.profile: Profile | None = None
        self.profile_name: str = DEFAULT_PROFILE
        self.backend: str = "os"
        """Where this profile's secrets go: ``os`` or ``cryptfile``."""

    # -- entry points ------------------------------------------------------------------------

    async def begin(self, profile_name: str | None = None) -> Step:
        """Start (or switch to ``profile_name``): pick the profile, then a store, then connect."""
        try:
            book = self.config.profiles.load()
        except ProfileError as error:
            return StoreTrouble(error.title, str(error))
        name = profile_name or self.flags.profile
        try:
            self.profile = book.get(name) if name else book.default_profile()
        except ProfileNotFound:
            self.profile = None
        self.profile_name = self.profile.name if self.profile else (name or DEFAULT_PROFILE)
        wanted = self.profile.backend if self.profile else (self.store.kind if self.store else "os")
        if self.store is not None and self.store.kind != wanted:
            self.store = None  # switching to a profile that keeps its secrets elsewhere
        self.backend = wanted

        try:
            early = resolve_credentials(self.flags, profile=self.profile, store=None,
                                        environ=self.config.env)
        except CredentialsError as error:
            return StoreTrouble(error.title, str(error))
        if not early.missing_for_applications():
            # Flags and environment have the key and secret: nothing to open, nothing written.
            return Connect(self._session(early, DeferredKeyVault(self)))
        return await self.open_store()

    async def open_store(self) -> Step:
        """Open the store the profile names (a retry after trouble starts here too)."""
        if self.store is not None:
            return await self._resolve()
        if self.backend == "cryptfile":
            return await self.use_encrypted_file()
        try:
            choice = await choose_backend_async(
                timeout=self.config.timeout, candidates=self.config.backend_candidates,
                environ=self.config.env)
        except KeyringUnavailable as error:
            self.unavailable = error
            return ChooseStore(error)
        except CredentialStoreError as error:
            return _trouble(error)
        store = SecretStore(choice.backend, name=choice.name, kind="os")
        self.store = AsyncSecretStore(store, timeout=self.config.timeout)
        return await self._resolve()

    async def use_encrypted_file(self) -> Step:
        """The user chose the encrypted file: unlock it with the environment's passphrase or ask."""
        self.backend = "cryptfile"
        passphrase = passphrase_from_environment(self.config.env)
        if passphrase is None:
            return AskPassphrase(creating=not encrypted_file_exists())
        try:
            return await self.unlock(passphrase)
        except WrongPassphrase:
            return AskPassphrase(creating=False,
                                 problem=f"{PASSPHRASE_ENV} does not open the encrypted file.")
        except CredentialStoreError as error:
            return _trouble(error)

    async def unlock(self, passphrase: SecretStr) -> Step:
        """Open (or create) the encrypted file. ``WrongPassphrase`` and other store errors
        propagate: the passphrase modal shows them and lets the user try again."""
        self.store = await open_secret_store_async(
            "cryptfile", passphrase=passphrase, kdf=self.config.kdf, timeout=self.config.timeout,
            environ={})
        self.backend = "cryptfile"
        if self.profile is not None and self.profile.backend != "cryptfile":
            # Recorded now, so the next start goes straight to the passphrase.
            self.profile = self.profile.with_changes(backend="cryptfile")
            try:
                self.config.profiles.upsert(self.profile)
            except ProfileError as error:
                return StoreTrouble(error.title, str(error))
        return await self._resolve()

    async def retry(self) -> Step:
        return await self.open_store()

    # -- the credentials form ----------------------------------------------------------------

    async def check_and_save(self, form: CredentialsForm, *,
                             editing: Profile | None = None) -> Connect | FormProblem:
        """Check the pair against the API, then save profile and secret, then a session.

        Nothing is written unless the API accepted the pair.
        """
        from ..api import ApiError, VonageClient

        try:
            name = validate_profile_name(form.profile_name.strip())
        except ProfileError as error:
            return FormProblem(str(error), ("profile_name",))
        if editing is None and name in self._profile_names():
            return FormProblem(f"A profile named {name!r} already exists.", ("profile_name",))
        api_key = form.api_key.strip()
        if not api_key:
            return FormProblem("Enter the API key (Vonage dashboard → API settings).", ("api_key",))
        try:
            api_url = normalise_api_url(form.api_url)
        except ProfileError as error:
            return FormProblem(str(error), ("api_url",))
        if self.store is None:
            try:
                await self.open_vault_store()
            except CredentialsError as error:
                return FormProblem(f"There is no secret store to keep the secret in: {error}")

        secret = form.api_secret.get_secret_value().strip()
        if not secret and editing is not None:
            try:
                stored = await self.store.get_api_secret(editing.name)
            except CredentialStoreError as error:
                return FormProblem(_store_message(error))
            secret = stored.get_secret_value() if stored else ""
        if not secret:
            return FormProblem("Enter the API secret.", ("api_secret",))

        try:
            client = VonageClient(api_key, SecretStr(secret), base_url=api_url, max_retries=0,
                                  timeout=CHECK_TIMEOUT, **self.config.client_overrides)
        except ApiError as error:  # a URL no request can go to (port 99999…)
            return FormProblem(str(error), ("api_url",))
        try:
            async with client:
                await client.list_applications(page=1, page_size=1)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message at a field
            return check_problem(error, api_url)

        if editing is not None and editing.name == name:
            # Keep what the file holds beyond the form (unknown settings, the default app); the
            # secret must go to the store this profile uses, which is the one open now.
            if editing.backend != self.backend:
                return FormProblem(
                    f"The secret of {name} lives in the other secret store; "
                    "switch to that profile first to change it."
                )
            profile = editing.with_changes(api_key=api_key, api_url=api_url)
        else:
            profile = Profile(name=name, api_key=api_key, api_url=api_url,
                              backend=self.backend,  # type: ignore[arg-type]
                              application_id=editing.application_id if editing else None)
        try:
            await self.store.set_api_secret(name, SecretStr(secret))
        except CredentialStoreError as error:
            return FormProblem(_store_message(error))
        try:
            self.config.profiles.upsert(profile, make_default=True)
        except ProfileError as error:
            return FormProblem(str(error))
        self.profile, self.profile_name = profile, name
        try:
            resolved = await resolve_credentials_async(
                self.flags, profile=profile, store=self.store, environ=self.config.env,
                timeout=self.config.timeout)
        except CredentialsError as error:
            return FormProblem(_store_message(error))
        return Connect(self._session(resolved, KeyringKeyVault(self.store)))

    # -- profiles ------------------------------------------------------------------------------

    async def delete_profile(self, name: str) -> str | None:
        """Remove a profile and its stored secret; a message when something failed."""
        try:
            profile = self.config.profiles.get(name)
        except ProfileError as error:
            return str(error)
        store = self.store if self.store is not None and self.store.kind == profile.backend else None
        if store is None:
            return (f"The secret of {name!r} is in the {_backend_label(profile.backend)}, which is "
                    "not open now: switch to a profile that uses it first.")
        try:
            await store.delete_api_secret(name)
        except CredentialStoreError as error:
            return _store_message(error)
        try:
            self.config.profiles.delete(name)
        except ProfileError as error:
            return str(error)
        return None

    def profiles(self) -> list[Profile]:
        try:
            return list(self.config.profiles.load().profiles)
        except ProfileError:
            return []

    def default_profile_name(self) -> str | None:
        try:
            return self.config.profiles.load().default
        except ProfileError:
            return None

    def _profile_names(self) -> set[str]:
        return {profile.name for profile in self.profiles()}

    # -- sessions ------------------------------------------------------------------------------

    def _session(self, resolved: ResolvedCredentials, vault: Any) -> Session:
        options = {key: value for key, value in resolved.client_kwargs().items() if value is not None}
        return Session(
            client_options={**options, **self.config.client_overrides},
            key_vault=vault,
            profile_name=self.profile.name if self.profile else _env_profile_name(resolved),
            demo=False,
            readonly=self.config.readonly,
            sources=describe_sources(resolved),
        )

    async def _resolve(self) -> Step:
        try:
            resolved = await resolve_credentials_async(
                self.flags, profile=self.profile, store=self.store, environ=self.config.env,
                timeout=self.config.timeout)
        except CredentialStoreError as error:
            return _trouble(error)
        except CredentialsError as error:
            return StoreTrouble(error.title, str(error))
        if self.profile is None:
            return AskCredentials(None, self.profile_name)
        missing = resolved.missing_for_applications()
        if missing:
            what = " and ".join(_LABELS[name] for name in missing)
            return AskCredentials(self.profile, self.profile_name,
                                  f"Profile {self.profile.name!r} has no {what} stored.")
        assert self.store is not None
        return Connect(self._session(resolved, KeyringKeyVault(self.store)))

    async def open_vault_store(self) -> AsyncSecretStore:
        """The profile's store for private keys, when the environment supplied the secret."""
        if self.store is not None:
            return self.store
        if self.backend == "cryptfile":
            passphrase = passphrase_from_environment(self.config.env)
            if passphrase is None:
                raise PassphraseRequired(
                    f"Private keys are kept in the encrypted file: set {PASSPHRASE_ENV} to use it "
                    "while the API secret comes from the environment.")
            self.store = await open_secret_store_async(
                "cryptfile", passphrase=passphrase, kdf=self.config.kdf,
                timeout=self.config.timeout, environ={})
            return self.store
        choice = await choose_backend_async(timeout=self.config.timeout,
                                            candidates=self.config.backend_candidates,
                                            environ=self.config.env)
        self.store = AsyncSecretStore(SecretStore(choice.backend, name=choice.name, kind="os"),
                                      timeout=self.config.timeout)
        return self.store

    @property
    def store_label(self) -> str:
        """Where secrets of this run go, in words: ``"Secret Service …"`` or ``"encrypted file"``."""
        if self.store is not None:
            return self.store.name
        return _backend_label(self.backend)


class DeferredKeyVault:
    """Private keys in the profile's store, opened on first use.

    Used when the environment supplied the API key and secret: start-up then touches no
    keyring at all, and a store that cannot be opened only matters when a key is needed.
    """

    def __init__(self, startup: Startup) -> None:
        self.startup = startup

    async def _vault(self) -> KeyringKeyVault:
        return KeyringKeyVault(await self.startup.open_vault_store())

    async def get(self, app_id: str) -> str | None:
        return await (await self._vault()).get(app_id)

    async def put(self, app_id: str, private_pem: str) -> None:
        await (await self._vault()).put(app_id, private_pem)

    async def delete(self, app_id: str) -> None:
        await (await self._vault()).delete(app_id)

    async def stored_ids(self) -> set[str]:
        # The applications list asks on every page: no keyring just means "no keys shown".
        try:
            return await (await self._vault()).stored_ids()
        except CredentialsError:
            return set()


# -- pure helpers ----------------------------------------------------------------------------

_LABELS = {"api_key": "API key", "api_secret": "API secret", "api_url": "URL",
           "application_id": "application", "private_key": "private key"}


def describe_sources(resolved: ResolvedCredentials) -> dict[str, str]:
    """Credential name → where it came from, in words: ``env``, ``keyring (Secret Service)``…"""
    described: dict[str, str] = {}
    for name, sourced in resolved.fields().items():
        if sourced.source is None:
            continue
        if sourced.source is Source.KEYRING:
            store = (sourced.detail or "").split(",")[0].strip()
            described[name] = store if store == "encrypted file" else f"keyring ({store})"
        elif sourced.source in (Source.ENV, Source.FLAG) and sourced.detail:
            described[name] = f"{sourced.source} {sourced.detail.split('=')[0]}"
        else:
            described[name] = str(sourced.source)
    return described


def sources_line(sources: Mapping[str, str]) -> str:
    """``"API key: env VONAGE_API_KEY · API secret: keyring (Secret Service) · URL: profile"``."""
    order = ("api_key", "api_secret", "api_url", "application_id", "private_key")
    parts = [f"{_LABELS[name]}: {sources[name]}" for name in order if name in sources]
    return " · ".join(parts) if parts else "no credentials"


def check_problem(error: BaseException, api_url: str) -> FormProblem:
    """What the one-item application list said about the pair, at the field to fix."""
    from ..api import (
        ApiError,
        AuthenticationError,
        NotFoundError,
        PermissionDeniedError,
        TransportError,
    )

    if isinstance(error, AuthenticationError):
        return FormProblem("Vonage refused this API key and secret (401 Unauthorized): check both.",
                           ("api_key", "api_secret"))
    if isinstance(error, PermissionDeniedError):
        return FormProblem("This key and secret may not list applications (403 Forbidden).",
                           ("api_key", "api_secret"))
    if isinstance(error, TransportError):
        text = str(error)
        if "TLS" in text or "certificate" in text.lower():
            return FormProblem(f"TLS failure: {text}. Check the URL, or the proxy in between.",
                               ("api_url",))
        return FormProblem(f"Host unreachable: {text}.", ("api_url",))
    if isinstance(error, NotFoundError):
        return FormProblem(f"{api_url} does not serve the Vonage Application API (404).",
                           ("api_url",))
    if isinstance(error, ApiError):
        return FormProblem(f"The check failed: {error}", ("api_url",))
    return FormProblem(f"The check failed: {type(error).__name__}: {error}", ("api_url",))


def _trouble(error: CredentialStoreError) -> StoreTrouble:
    return StoreTrouble(error.title, _store_message(error))


def _store_message(error: CredentialsError) -> str:
    if isinstance(error, KeyringLockedError):
        return f"{error}\nUnlock your keyring (e.g. log in to the desktop session), then retry."
    if isinstance(error, KeyringTimeout):
        return f"{error}\nIf an unlock prompt is waiting somewhere, answer it, then retry."
    return str(error)


def _backend_label(backend: str) -> str:
    return "encrypted file" if backend == "cryptfile" else "system keyring"


def _env_profile_name(resolved: ResolvedCredentials) -> str:
    return "env" if resolved.api_key.source is Source.ENV else "flags"
