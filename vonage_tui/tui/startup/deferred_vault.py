"""Private keys in a secret store that is opened only when a key is first needed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from ...credentials import AsyncSecretStore, CredentialsError, KeyringKeyVault


class DeferredKeyVault:
    """Private keys in the profile's store, opened on first use.

    Used when the environment supplied the API key and secret: start-up then touches no
    keyring at all, and a store that cannot be opened only matters when a key is needed.
    """

    def __init__(self, open_store: Callable[[], Awaitable[AsyncSecretStore]]) -> None:
        self.open_store = open_store
        """Opens the store (or returns the one already open); raises ``CredentialsError``."""

    async def _vault(self) -> KeyringKeyVault:
        return KeyringKeyVault(await self.open_store())

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
