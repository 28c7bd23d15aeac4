"""What the UI is connected to: the account, its credentials' sources, and where keys live.

Built once at start-up (from a profile, the environment or the demo) and handed to the app;
screens read it but never build clients from raw credentials themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from ..api import VonageClient
    from ..credentials.key_vault import KeyVault


class Session:
    # A plain class, not a dataclass: every start imports it, and a dataclass's generated
    # methods are compiled at import (~0.4 ms); nothing compares or copies a session.

    def __init__(self, client_options: dict[str, Any], key_vault: KeyVault,
                 profile_name: str = "default", demo: bool = False, readonly: bool = False,
                 sources: dict[str, str] | None = None) -> None:
        self.client_options = client_options
        """Keyword arguments for ``VonageClient`` (api_key, api_secret, base_url, …)."""
        self.key_vault = key_vault
        self.profile_name = profile_name
        self.demo = demo
        self.readonly = readonly
        self.sources: dict[str, str] = {} if sources is None else sources
        """Where each credential came from: flag, env, keyring, profile, demo."""

    @property
    def api_url(self) -> str:
        return str(self.client_options.get("base_url", "https://api.nexmo.com"))

    @property
    def api_host(self) -> str:
        return urlsplit(self.api_url).netloc or self.api_url

    def refusal_advice(self, error: BaseException) -> str | None:
        """What to change when ``error`` is Vonage refusing the API key and secret (401) and
        retrying cannot help: a variable or a flag is changed outside the app, then the app
        restarted. None for other errors, the demo, or a profile's stored credentials."""
        from ..api import AuthenticationError

        if not isinstance(error, AuthenticationError):
            return None
        outside: dict[str, list[str]] = {"env": [], "flag": []}
        for name in ("api_key", "api_secret"):
            kind, _, detail = self.sources.get(name, "").partition(" ")
            if kind in outside and detail:
                outside[kind].append(detail)
        if not outside["env"] and not outside["flag"]:
            return None
        parts = []
        if outside["env"]:
            parts.append(" and ".join(outside["env"]) + " in the environment")
        if outside["flag"]:
            parts.append(" and ".join(outside["flag"]) + " on the command line")
        many = len(outside["env"]) + len(outside["flag"]) > 1
        return (f"Vonage refused {' and '.join(parts)} (401 Unauthorized): "
                f"fix or unset {'them' if many else 'it'} and restart.")

    def new_client(self, **overrides: Any) -> VonageClient:
        """A fresh ``VonageClient`` for this account (used as an async context manager).

        Its writes go to the audit log in the XDG state dir, under this profile's name (not
        the demo's: it must leave the user's files alone). A base URL that cannot work raises
        ``InvalidBaseUrlError`` (an ``ApiError``) here.
        """
        from ..api import VonageClient
        from ..api.audit import AUDIT_FILE_NAME, AuditLog
        from ..credentials.paths import state_dir

        options = {**self.client_options, **overrides}
        if not self.demo:
            options.setdefault(
                "audit_log", AuditLog(state_dir() / AUDIT_FILE_NAME, profile=self.profile_name)
            )
        return VonageClient(**options)
