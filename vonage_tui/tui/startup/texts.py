"""What the start-up says to the person at the terminal: credential sources, check failures,
secret-store trouble. Pure functions; never a secret in a message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ...credentials import (
    CredentialsError,
    CredentialStoreError,
    KeyringLockedError,
    KeyringTimeout,
    ResolvedCredentials,
    Source,
)
from .steps import FormProblem, StoreTrouble

if TYPE_CHECKING:
    from ...api import ApiError

MISSING_LABELS = {"api_key": "API key", "api_secret": "API secret", "api_url": "URL",
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
    parts = [f"{MISSING_LABELS[name]}: {sources[name]}" for name in order if name in sources]
    return " · ".join(parts) if parts else "no credentials"


def check_problem(error: ApiError, api_url: str) -> FormProblem:
    """What the one-item application list said about the pair, at the field to fix."""
    from ...api import (
        AuthenticationError,
        NotFoundError,
        PermissionDeniedError,
        TransportError,
    )

    if isinstance(error, AuthenticationError):
        # Both are named; the cursor goes to the secret: typed blind, it is the likelier typo
        # (the key is short and shown).
        return FormProblem("Vonage refused this API key and secret (401 Unauthorized): check both.",
                           ("api_key", "api_secret"), focus="api_secret")
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
    return FormProblem(f"The check failed: {error}", ("api_url",))


def store_trouble(error: CredentialStoreError) -> StoreTrouble:
    return StoreTrouble(error.title, store_message(error))


def store_message(error: CredentialsError) -> str:
    if isinstance(error, KeyringLockedError):
        return f"{error}\nUnlock your keyring (e.g. log in to the desktop session), then retry."
    if isinstance(error, KeyringTimeout):
        return f"{error}\nIf an unlock prompt is waiting somewhere, answer it, then retry."
    return str(error)


def backend_label(backend: str) -> str:
    return "encrypted file" if backend == "cryptfile" else "system keyring"


def env_profile_name(resolved: ResolvedCredentials) -> str:
    return "env" if resolved.api_key.source is Source.ENV else "flags"
