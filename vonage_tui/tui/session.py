"""What the UI is connected to: the account, its credentials' sources, and where keys live.

Built once at start-up (from a profile, the environment or the demo) and handed to the app;
screens read it but never build clients from raw credentials themselves.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit


class KeyVault(Protocol):
    """Where applications' private keys are kept (the keyring, or memory in the demo)."""

    async def get(self, app_id: str) -> str | None: ...

    async def put(self, app_id: str, private_pem: str) -> None: ...

    async def delete(self, app_id: str) -> None: ...

    async def stored_ids(self) -> set[str]: ...


@dataclass
class MemoryKeyVault:
    """The demo's vault: keys live only as long as the process."""

    keys: dict[str, str] = field(default_factory=dict, repr=False)

    async def get(self, app_id: str) -> str | None:
        return self.keys.get(app_id)

    async def put(self, app_id: str, private_pem: str) -> None:
        self.keys[app_id] = private_pem

    async def delete(self, app_id: str) -> None:
        self.keys.pop(app_id, None)

    async def stored_ids(self) -> set[str]:
        await asyncio.sleep(0)
        return set(self.keys)


@dataclass
class Session:
    client_options: dict[str, Any]
    """Keyword arguments for ``VonageClient`` (api_key, api_secret, base_url, …)."""
    key_vault: KeyVault
    profile_name: str = "default"
    demo: bool = False
    readonly: bool = False
    sources: dict[str, str] = field(default_factory=dict)
    """Where each credential came from: flag, env, keyring, profile, demo."""

    @property
    def api_url(self) -> str:
        return str(self.client_options.get("base_url", "https://api.nexmo.com"))

    @property
    def api_host(self) -> str:
        return urlsplit(self.api_url).netloc or self.api_url

    def new_client(self, **overrides: Any) -> Any:
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
