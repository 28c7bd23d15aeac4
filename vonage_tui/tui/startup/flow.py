"""Getting from `vonage-tui` to a connected Session: the start-up flow as steps, without Textual.

Each method returns the next ``Step`` for a UI to act on (show a screen, ask a passphrase, or
connect); none of them raises for a keyring or API problem — those become steps or
``FormProblem``s with a message for the person at the terminal, never holding a secret. All
keyring work goes through the credentials layer's async wrappers (off the UI thread, with a
timeout). Tests drive this class directly, and inject the API transport and the KDF cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...credentials import (
    AsyncSecretStore,
    CredentialsError,
    CredentialStoreError,
    KeyringKeyVault,
    KeyringUnavailable,
    PassphraseRequired,
    Profile,
    ProfileError,
    ProfileNotFound,
    ResolvedCredentials,
    WrongPassphrase,
    normalise_api_url,
    resolve_credentials,
    resolve_credentials_async,
    validate_profile_name,
)
from ...credentials.profiles import SecretBackendName
from ...secret import SecretStr
from ..session import Session
from .config import StartupConfig
from .deferred_vault import DeferredKeyVault
from .profiles import SavedProfiles
from .steps import (
    AskCredentials,
    AskPassphrase,
    ChooseStore,
    Connect,
    CredentialsForm,
    FormProblem,
    Step,
    StoreTrouble,
)
from .texts import (
    MISSING_LABELS,
    backend_label,
    check_problem,
    describe_sources,
    env_profile_name,
    store_message,
    store_trouble,
)

if TYPE_CHECKING:
    from ...credentials.key_vault import KeyVault

DEFAULT_PROFILE = "default"
CHECK_TIMEOUT = 15.0
"""Seconds the credentials check (one-item application list) may take before it says so."""


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
        self.saved = SavedProfiles(self.config.profiles, lambda: self.store)
        """The profiles file, for the profiles screen."""

    # -- entry points ------------------------------------------------------------------------

    async def begin(self, profile_name: str | None = None) -> Step:
        """Start (or switch to ``profile_name``): pick the profile, then a store, then connect."""
        step = self.without_store(profile_name)
        return step if step is not None else await self.open_store()

    def without_store(self, profile_name: str | None = None) -> Step | None:
        """Pick the profile, and the step that needs no secret store: ``Connect`` when flags
        and environment have the key and secret, trouble reading the profiles file; None when
        the store must be opened (``open_store``). Reads one small file, never a keyring, so
        ``launch`` calls it before the app starts."""
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
            return Connect(self._session(early, DeferredKeyVault(self.open_vault_store)))
        return None

    async def open_store(self) -> Step:
        """Open the store the profile names (a retry after trouble starts here too)."""
        if self.store is not None:
            return await self._resolve()
        if self.backend == "cryptfile":
            return await self.use_encrypted_file()
        try:
            self.store = await self._open("os")
        except KeyringUnavailable as error:
            self.unavailable = error
            return ChooseStore(error)
        except CredentialStoreError as error:
            return store_trouble(error)
        return await self._resolve()

    async def use_encrypted_file(self) -> Step:
        """The user chose the encrypted file: unlock it with the environment's passphrase or ask."""
        from ...credentials.encrypted_file import (
            PASSPHRASE_ENV,
            encrypted_file_exists,
            passphrase_from_environment,
        )

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
            return store_trouble(error)

    async def unlock(self, passphrase: SecretStr) -> Step:
        """Open (or create) the encrypted file. ``WrongPassphrase`` and other store errors
        propagate: the passphrase modal shows them and lets the user try again."""
        self.store = await self._open("cryptfile", passphrase)
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
        from ...api import ApiError, VonageClient

        try:
            name = validate_profile_name(form.profile_name.strip())
        except ProfileError as error:
            return FormProblem(str(error), ("profile_name",))
        if editing is None and name in self.saved.names():
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
                return FormProblem(store_message(error))
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
        except ApiError as error:  # every failure of the client is one, transport included
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
            return FormProblem(store_message(error))
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
            return FormProblem(store_message(error))
        return Connect(self._session(resolved, KeyringKeyVault(self.store)))

    # -- sessions ------------------------------------------------------------------------------

    def _session(self, resolved: ResolvedCredentials, vault: KeyVault) -> Session:
        options = {key: value for key, value in resolved.client_kwargs().items() if value is not None}
        return Session(
            client_options={**options, **self.config.client_overrides},
            key_vault=vault,
            profile_name=self.profile.name if self.profile else env_profile_name(resolved),
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
            return store_trouble(error)
        except CredentialsError as error:
            return StoreTrouble(error.title, str(error))
        if self.profile is None:
            return AskCredentials(None, self.profile_name)
        missing = resolved.missing_for_applications()
        if missing:
            what = " and ".join(MISSING_LABELS[name] for name in missing)
            return AskCredentials(self.profile, self.profile_name,
                                  f"Profile {self.profile.name!r} has no {what} stored.")
        assert self.store is not None
        return Connect(self._session(resolved, KeyringKeyVault(self.store)))

    async def open_vault_store(self) -> AsyncSecretStore:
        """The profile's store for private keys, when the environment supplied the secret."""
        if self.store is not None:
            return self.store
        if self.backend == "cryptfile":
            from ...credentials.encrypted_file import PASSPHRASE_ENV, passphrase_from_environment

            passphrase = passphrase_from_environment(self.config.env)
            if passphrase is None:
                raise PassphraseRequired(
                    f"Private keys are kept in the encrypted file: set {PASSPHRASE_ENV} to use it "
                    "while the API secret comes from the environment.")
            # The API secret came from the environment: nothing to check the passphrase with.
            self.store = await self._open("cryptfile", passphrase, reads_api_secret=False)
            return self.store
        self.store = await self._open("os")
        return self.store

    async def _open(self, kind: SecretBackendName, passphrase: SecretStr | None = None,
                    *, reads_api_secret: bool = True) -> AsyncSecretStore:
        """The one way this run opens a secret store: the OS keyring among the configured
        candidates, or the encrypted file with ``passphrase``. The environment's passphrase is
        read by the callers (each says something different without one), never in here.

        Keyring and keyrings.cryptfile load here, with the first store opened: a start whose
        credentials are all in the environment never needs them."""
        from ...credentials import DEFAULT_KDF, OS_BACKENDS, open_secret_store_async

        candidates = self.config.backend_candidates
        return await open_secret_store_async(
            kind, passphrase=passphrase, kdf=self.config.kdf or DEFAULT_KDF,
            timeout=self.config.timeout,
            candidates=OS_BACKENDS if candidates is None else candidates,
            environ=self.config.env if kind == "os" else {},
            # Its API secret is read next: the encrypted file checks the passphrase with it
            # (and keeps it for that read, so not when it will not be read).
            profile=self.profile.name if self.profile is not None and reads_api_secret else None)

    @property
    def store_label(self) -> str:
        """Where secrets of this run go, in words: ``"Secret Service …"`` or ``"encrypted file"``."""
        if self.store is not None:
            return self.store.name
        return backend_label(self.backend)
