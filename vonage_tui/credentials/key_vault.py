"""Where applications' private keys are kept, as the operations and the UI see it.

``KeyringKeyVault`` (``async_calls.py``) puts them in the secret store; ``MemoryKeyVault`` keeps
them for the life of the process (the demo, tests, scripts that must not touch a keyring).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol


class KeyVault(Protocol):
    """Where applications' private keys are kept (the keyring, or memory in the demo).

    A store failure is raised as the credentials layer's ``CredentialsError`` (the keyring
    vault wraps every backend error in it, its text scrubbed of secrets), so that is what
    callers catch.
    """

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
