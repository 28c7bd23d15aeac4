"""Keyring calls off the UI thread, with a timeout, so a slow or hung store never freezes a screen.

Each call runs in its own daemon thread rather than ``asyncio.to_thread``: the default executor
is joined when ``asyncio.run`` finishes (with no time limit in Python 3.11), so a D-Bus call that
never returns would also stop the app from quitting. A timed-out call raises ``KeyringTimeout``;
its thread is left to finish (or not) on its own and its result is dropped.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..secret import SecretStr
from .errors import KeyringTimeout

if TYPE_CHECKING:  # keyring itself loads with the first store opened, not with this module
    from .backends import BackendChoice
    from .secret_store import SecretStore

T = TypeVar("T")

DEFAULT_TIMEOUT = 10.0  # seconds; a keychain or Secret Service prompt may legitimately take a while


async def run_blocking(
    function: Callable[..., T], /, *args: Any, timeout: float = DEFAULT_TIMEOUT, what: str = "keyring call", **kwargs: Any
) -> T:
    """``function(*args, **kwargs)`` in a daemon thread; ``KeyringTimeout`` after ``timeout`` s."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(succeeded: bool, outcome: Any) -> None:
        if future.done():  # cancelled by the timeout in the meantime
            return
        if succeeded:
            future.set_result(outcome)
        else:
            future.set_exception(outcome)

    def work() -> None:
        try:
            outcome: tuple[bool, Any] = (True, function(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - handed to the awaiting task
            outcome = (False, error)
        try:
            loop.call_soon_threadsafe(settle, *outcome)
        except RuntimeError:
            pass  # the loop is closed: nobody is waiting any more

    threading.Thread(target=work, name=f"vonage-tui: {what}", daemon=True).start()
    try:
        return await asyncio.wait_for(future, timeout)
    except TimeoutError:
        raise KeyringTimeout(
            f"The secret store did not answer within {timeout:g} s ({what}). "
            "It may be waiting for an unlock prompt, or be unreachable."
        ) from None


class AsyncSecretStore:
    """``SecretStore`` with every method awaited off the UI thread, under a timeout."""

    def __init__(self, store: SecretStore, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.store = store
        self.timeout = timeout

    @property
    def name(self) -> str:
        return self.store.name

    @property
    def kind(self) -> str:
        return self.store.kind

    async def _run(self, what: str, function: Callable[..., T], *args: Any) -> T:
        return await run_blocking(function, *args, timeout=self.timeout, what=what)

    async def get_api_secret(self, profile: str) -> SecretStr | None:
        return await self._run("read API secret", self.store.get_api_secret, profile)

    async def set_api_secret(self, profile: str, secret: str | SecretStr) -> None:
        await self._run("store API secret", self.store.set_api_secret, profile, secret)

    async def delete_api_secret(self, profile: str) -> bool:
        return await self._run("delete API secret", self.store.delete_api_secret, profile)

    async def rename_api_secret(self, old: str, new: str) -> bool:
        return await self._run("move API secret", self.store.rename_api_secret, old, new)

    async def get_private_key(self, application_id: str) -> SecretStr | None:
        return await self._run("read private key", self.store.get_private_key, application_id)

    async def has_private_key(self, application_id: str) -> bool:
        return await self._run("read private key", self.store.has_private_key, application_id)

    async def set_private_key(self, application_id: str, pem: str | bytes | SecretStr) -> str:
        return await self._run("store private key", self.store.set_private_key, application_id, pem)

    async def import_private_key_file(self, application_id: str, path: str | Path) -> str:
        return await self._run(
            "import private key", self.store.import_private_key_file, application_id, path
        )

    async def generate_private_key(self, application_id: str) -> str:
        return await self._run("generate private key", self.store.generate_private_key, application_id)

    async def delete_private_key(self, application_id: str) -> bool:
        return await self._run("delete private key", self.store.delete_private_key, application_id)

    async def list_private_keys(self) -> list[str]:
        return await self._run("list private keys", self.store.list_private_keys)


async def choose_backend_async(*, timeout: float = DEFAULT_TIMEOUT, **kwargs: Any) -> BackendChoice:
    """``choose_backend`` off the UI thread: probing Secret Service or KWallet talks to D-Bus."""
    from .backends import choose_backend

    return await run_blocking(choose_backend, timeout=timeout, what="find a keyring", **kwargs)


class KeyringKeyVault:
    """Applications' private keys in a secret store, shaped as ``KeyVault`` (``key_vault.py``)."""

    def __init__(self, store: AsyncSecretStore) -> None:
        self.store = store

    async def get(self, app_id: str) -> str | None:
        key = await self.store.get_private_key(app_id)
        return None if key is None else key.get_secret_value()

    async def put(self, app_id: str, private_pem: str) -> None:
        await self.store.set_private_key(app_id, private_pem)

    async def delete(self, app_id: str) -> None:
        await self.store.delete_private_key(app_id)

    async def stored_ids(self) -> set[str]:
        return set(await self.store.list_private_keys())
