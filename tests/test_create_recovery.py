"""A create whose answer is lost: the application is found by its public key, the key kept."""

from __future__ import annotations

import httpx
import pytest

from vonage_tui.api import TransportError, VonageClient
from vonage_tui.emulator import EmulatorStore, create_app
from vonage_tui.keys import generate_key_pair, keys_match
from vonage_tui.operations.create import create_application
from vonage_tui.credentials.key_vault import MemoryKeyVault


class LoseCreateAnswers(httpx.AsyncBaseTransport):
    """Delivers every request; the answer to a POST never comes back."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST":
            await response.aread()
            raise httpx.ReadTimeout("timed out waiting for the answer", request=request)
        return response


def client_for(store: EmulatorStore, transport_wrapper=LoseCreateAnswers) -> VonageClient:
    inner = httpx.ASGITransport(app=create_app(store, api_key="k", api_secret="s"))
    return VonageClient("k", "s", base_url="http://127.0.0.1", transport=transport_wrapper(inner),
                        max_retries=0)


async def test_lost_answer_with_a_local_key_finds_the_new_application_and_stores_the_key():
    store = EmulatorStore.seeded(apps=120, users_per_app=0, seed=3)
    pair = generate_key_pair()
    vault = MemoryKeyVault()
    document = {"name": "lost answer", "keys": {"public_key": pair.public_pem},
                "capabilities": {"vbc": {}}}
    async with client_for(store) as client:
        outcome = await create_application(client, vault, document, private_pem=pair.private_pem)
    created = store.applications[outcome.app_id]
    assert created["name"] == "lost answer"
    assert keys_match(await vault.get(outcome.app_id), created["keys"]["public_key"])
    assert any("answer to the create request was lost" in p for p in outcome.problems)


async def test_lost_answer_with_nothing_created_still_raises():
    class RefuseCreates(httpx.AsyncBaseTransport):
        def __init__(self, inner):
            self.inner = inner

        async def handle_async_request(self, request):
            if request.method == "POST":
                raise httpx.ReadTimeout("no answer", request=request)
            return await self.inner.handle_async_request(request)

    store = EmulatorStore.seeded(apps=5, users_per_app=0, seed=3)
    pair = generate_key_pair()
    vault = MemoryKeyVault()
    document = {"name": "never arrived", "keys": {"public_key": pair.public_pem}}
    async with client_for(store, RefuseCreates) as client:
        with pytest.raises(TransportError):
            await create_application(client, vault, document, private_pem=pair.private_pem)
    assert vault.keys == {}
    assert len(store.applications) == 5


async def test_gateway_error_after_the_create_arrived_finds_the_application_too():
    class BadGatewayAfterCreate(httpx.AsyncBaseTransport):
        def __init__(self, inner):
            self.inner = inner

        async def handle_async_request(self, request):
            response = await self.inner.handle_async_request(request)
            if request.method == "POST":
                await response.aread()
                return httpx.Response(502, json={"title": "Bad gateway"}, request=request)
            return response

    store = EmulatorStore.seeded(apps=3, users_per_app=0, seed=3)
    pair = generate_key_pair()
    vault = MemoryKeyVault()
    document = {"name": "behind a gateway", "keys": {"public_key": pair.public_pem}}
    async with client_for(store, BadGatewayAfterCreate) as client:
        outcome = await create_application(client, vault, document, private_pem=pair.private_pem)
    assert store.applications[outcome.app_id]["name"] == "behind a gateway"
    assert await vault.get(outcome.app_id) == pair.private_pem
