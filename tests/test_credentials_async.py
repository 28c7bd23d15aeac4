"""Keyring calls off the event loop, under a timeout."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from tests.memory_keyring import MemoryKeyring, unregistered
from vonage_tui import keys
from vonage_tui.credentials import (
    AsyncSecretStore,
    KdfParams,
    KeyringKeyVault,
    KeyringTimeout,
    KeyringUnavailable,
    Profile,
    SecretStore,
    WrongPassphrase,
    choose_backend_async,
    open_secret_store_async,
    resolve_credentials_async,
    run_blocking,
)

APP = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
CHEAP = KdfParams(time_cost=1, memory_cost=8, parallelism=1)


@unregistered
class StuckKeyring(MemoryKeyring):
    """Every call blocks until released, like a Secret Service waiting on an unseen prompt."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()
        self.calls = 0

    def get_password(self, service, username):
        self.calls += 1
        self.release.wait(5)
        return super().get_password(service, username)


async def test_a_stuck_backend_times_out_without_blocking_the_loop():
    backend = StuckKeyring()
    store = AsyncSecretStore(SecretStore(backend), timeout=0.2)
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticking = asyncio.create_task(ticker())
    started = time.monotonic()
    try:
        with pytest.raises(KeyringTimeout, match=r"did not answer within 0.2 s \(read API secret\)"):
            await store.get_api_secret("work")
    finally:
        ticking.cancel()
        backend.release.set()
    assert time.monotonic() - started < 2
    assert ticks >= 5  # the loop kept running while the keyring was stuck
    assert backend.calls == 1


async def test_results_and_errors_come_back_from_the_thread(memory_keyring):
    store = AsyncSecretStore(SecretStore(memory_keyring))
    pair = keys.generate_key_pair()
    public = await store.set_private_key(APP, pair.private_pem)
    assert public == pair.public_pem
    assert await store.list_private_keys() == [APP]
    assert (await store.get_private_key(APP)).get_secret_value() == pair.private_pem
    with pytest.raises(ValueError):
        await run_blocking(int, "not a number")
    vault = KeyringKeyVault(store)
    assert await vault.stored_ids() == {APP}
    assert await vault.get(APP) == pair.private_pem
    await vault.delete(APP)
    assert await vault.get(APP) is None and await vault.stored_ids() == set()


async def test_the_calling_thread_is_not_the_loop_thread():
    loop_thread = threading.get_ident()
    assert await run_blocking(threading.get_ident) != loop_thread


async def test_opening_stores_asynchronously():
    store = await open_secret_store_async("cryptfile", passphrase="pass phrase", kdf=CHEAP)
    await store.set_api_secret("work", "s3cr3t-value")
    with pytest.raises(WrongPassphrase):
        await open_secret_store_async("cryptfile", passphrase="other", kdf=CHEAP)
    resolved = await resolve_credentials_async(profile=Profile("work", api_key="k"), store=store, environ={})
    assert resolved.api_secret.value.get_secret_value() == "s3cr3t-value"
    with pytest.raises(KeyringUnavailable):
        await choose_backend_async(candidates=[], installed=None, environ={})
