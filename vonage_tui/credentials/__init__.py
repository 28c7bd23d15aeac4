"""Credentials: profiles (non-secret TOML), secrets (OS keyring or encrypted file), precedence.

No Textual here: the screens are built on this API. Every call that may block on a keyring has
an async counterpart that runs it in a thread under a timeout (``AsyncSecretStore``,
``choose_backend_async``, ``open_secret_store_async``, ``resolve_credentials_async``).

Importing the package loads none of its modules: each name loads its own on first use (PEP 562),
so a start with the credentials in the environment never loads keyring, keyrings.cryptfile or
cryptography (see tests/test_tui_startup_imports.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vonage_tui.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from .async_calls import (
        DEFAULT_TIMEOUT,
        AsyncSecretStore,
        KeyringKeyVault,
        choose_backend_async,
        run_blocking,
    )
    from .backends import OS_BACKENDS, BackendChoice, KnownBackend, choose_backend, diagnose, refusal_reason
    from .chunked import CHUNK_SIZE
    from .encrypted_file import (
        DEFAULT_KDF,
        PASSPHRASE_ENV,
        KdfParams,
        PassphraseCryptFileKeyring,
        encrypted_file_exists,
        encrypted_file_path,
        open_encrypted_file,
    )
    from .errors import (
        BackendError,
        BackendReport,
        CorruptSecret,
        CredentialsError,
        CredentialStoreError,
        InvalidPrivateKey,
        InvalidProfile,
        KeyringLockedError,
        KeyringTimeout,
        KeyringUnavailable,
        PassphraseRequired,
        ProfileError,
        ProfileFileError,
        ProfileNotFound,
        SecretTooLarge,
        WrongPassphrase,
    )
    from .key_vault import KeyVault, MemoryKeyVault
    from .opening import open_secret_store, open_secret_store_async
    from .paths import config_dir, data_dir
    from .profiles import (
        API_HOSTS,
        DEFAULT_API_URL,
        SECRET_BACKENDS,
        ApiHost,
        Profile,
        ProfileBook,
        ProfileStore,
        api_host_label,
        normalise_api_url,
        parse_profiles,
        render_profiles,
        validate_profile_name,
    )
    from .recipes import ENCRYPTED_FILE, ENVIRONMENT_VARIABLES, RECIPES, SECRET_SERVICE_SSH, Recipe
    from .resolve import (
        CREDENTIAL_ENV_VARS,
        CredentialFlags,
        ResolvedCredentials,
        Source,
        Sourced,
        resolve_credentials,
        resolve_credentials_async,
    )
    from .secret_store import (
        INDEX_ENTRY,
        SERVICE,
        SecretStore,
        api_secret_entry,
        private_key_entry,
        translate_error,
    )

_EXPORTS = {
    "async_calls": (
        "DEFAULT_TIMEOUT", "AsyncSecretStore", "KeyringKeyVault", "choose_backend_async",
        "run_blocking",
    ),
    "backends": (
        "OS_BACKENDS", "BackendChoice", "KnownBackend", "choose_backend", "diagnose",
        "refusal_reason",
    ),
    "chunked": ("CHUNK_SIZE",),
    "encrypted_file": (
        "DEFAULT_KDF", "PASSPHRASE_ENV", "KdfParams", "PassphraseCryptFileKeyring",
        "encrypted_file_exists", "encrypted_file_path", "open_encrypted_file",
    ),
    "errors": (
        "BackendError", "BackendReport", "CorruptSecret", "CredentialsError",
        "CredentialStoreError", "InvalidPrivateKey", "InvalidProfile", "KeyringLockedError",
        "KeyringTimeout", "KeyringUnavailable", "PassphraseRequired", "ProfileError",
        "ProfileFileError", "ProfileNotFound", "SecretTooLarge", "WrongPassphrase",
    ),
    "key_vault": ("KeyVault", "MemoryKeyVault"),
    "opening": ("open_secret_store", "open_secret_store_async"),
    "paths": ("config_dir", "data_dir"),
    "profiles": (
        "API_HOSTS", "DEFAULT_API_URL", "SECRET_BACKENDS", "ApiHost", "Profile", "ProfileBook",
        "ProfileStore", "api_host_label", "normalise_api_url", "parse_profiles",
        "render_profiles", "validate_profile_name",
    ),
    "recipes": (
        "ENCRYPTED_FILE", "ENVIRONMENT_VARIABLES", "RECIPES", "SECRET_SERVICE_SSH", "Recipe",
    ),
    "resolve": (
        "CREDENTIAL_ENV_VARS", "CredentialFlags", "ResolvedCredentials", "Source", "Sourced",
        "resolve_credentials", "resolve_credentials_async",
    ),
    "secret_store": (
        "INDEX_ENTRY", "SERVICE", "SecretStore", "api_secret_entry", "private_key_entry",
        "translate_error",
    ),
}
"""Submodule → the names this package exports from it."""
__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)


__all__ = [
    "API_HOSTS",
    "CHUNK_SIZE",
    "CREDENTIAL_ENV_VARS",
    "DEFAULT_API_URL",
    "DEFAULT_KDF",
    "DEFAULT_TIMEOUT",
    "ENCRYPTED_FILE",
    "ENVIRONMENT_VARIABLES",
    "INDEX_ENTRY",
    "OS_BACKENDS",
    "PASSPHRASE_ENV",
    "RECIPES",
    "SECRET_BACKENDS",
    "SECRET_SERVICE_SSH",
    "SERVICE",
    "ApiHost",
    "AsyncSecretStore",
    "BackendChoice",
    "BackendError",
    "BackendReport",
    "CorruptSecret",
    "CredentialFlags",
    "CredentialStoreError",
    "CredentialsError",
    "InvalidPrivateKey",
    "InvalidProfile",
    "KdfParams",
    "KeyVault",
    "KeyringKeyVault",
    "KeyringLockedError",
    "KeyringTimeout",
    "KeyringUnavailable",
    "KnownBackend",
    "MemoryKeyVault",
    "PassphraseCryptFileKeyring",
    "PassphraseRequired",
    "Profile",
    "ProfileBook",
    "ProfileError",
    "ProfileFileError",
    "ProfileNotFound",
    "ProfileStore",
    "Recipe",
    "ResolvedCredentials",
    "SecretStore",
    "SecretTooLarge",
    "Source",
    "Sourced",
    "WrongPassphrase",
    "api_host_label",
    "api_secret_entry",
    "choose_backend",
    "choose_backend_async",
    "config_dir",
    "data_dir",
    "diagnose",
    "encrypted_file_exists",
    "encrypted_file_path",
    "normalise_api_url",
    "open_encrypted_file",
    "open_secret_store",
    "open_secret_store_async",
    "parse_profiles",
    "private_key_entry",
    "refusal_reason",
    "render_profiles",
    "resolve_credentials",
    "resolve_credentials_async",
    "run_blocking",
    "translate_error",
    "validate_profile_name",
]
