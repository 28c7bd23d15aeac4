"""Reaching an application's users: the client view per application (one pool, one JWT reused),
and which key signs it (key store, then the session's own application key)."""

from __future__ import annotations

import httpx
import pytest

from vonage_tui.api import AuthenticationError, VonageClient
from vonage_tui.api import auth as auth_module
from vonage_tui.credentials import CredentialsError
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.emulator import DEMO_API_KEY, DEMO_API_SECRET, EmulatorStore, create_app, key_pool
from vonage_tui.operations.users_access import (
    NoUsersKey,
    SessionKey,
    UsersKey,
    explain_refusal,
    find_users_key,
)
from vonage_tui.secret import SecretStr


class Counting(httpx.AsyncBaseTransport):
    def __init__(self, app) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.hosts: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        return await self.inner.handle_async_request(request)


@pytest.fixture
def store() -> EmulatorStore:
    return EmulatorStore.seeded(apps=3, users_per_app=3, seed=7)


def client_for(store: EmulatorStore, transport: httpx.AsyncBaseTransport | None = None):
    return VonageClient(DEMO_API_KEY, DEMO_API_SECRET, base_url="http://127.0.0.1",
                        transport=transport or httpx.ASGITransport(app=create_app(store)))


async def test_the_view_reuses_one_jwt_and_the_parents_pool(store, monkeypatch):
    minted = []
    real_mint = auth_module.JwtMinter._mint

    def counting(self, now):
        minted.append(self.application_id)
        return real_mint(self, now)

    monkeypatch.setattr(auth_module.JwtMinter, "_mint", counting)
    app_id = list(store.applications)[1]  # 250 users
    transport = Counting(create_app(store))
    async with client_for(store, transport) as client:
        users = client.for_application(app_id, store.private_key_for(app_id))
        assert users._http is client._http  # no new pool
        page = await users.list_users(10)
        for _ in range(5):  # five more pages, following the cursors
            page = await users.list_users(10, cursor=page.next_cursor)
        assert len(page.users) == 10
        assert minted == [app_id]  # six requests, one token
        await users.aclose()  # closing the view leaves the pool to its owner
        assert (await client.list_applications(1, 1)).applications
    assert set(transport.hosts) == {"127.0.0.1"}  # the links' host is never asked


async def test_views_of_two_applications_see_their_own_users(store):
    first, second = list(store.applications)[:2]
    async with client_for(store) as client:
        mine = client.for_application(first, store.private_key_for(first))
        theirs = client.for_application(second, store.private_key_for(second))
        assert [u.id async for u in mine.iter_users()] == list(store.users[first])
        assert [u.id async for u in theirs.iter_users()] == list(store.users[second])


async def test_the_session_key_first_for_its_own_application_only_then_the_key_store():
    pem, older = key_pool()[0].private_pem, key_pool()[1].private_pem
    session_key = SessionKey("app-env", SecretStr(pem), "env VONAGE_PRIVATE_KEY_PATH")
    # The environment wins over the keyring, as for every credential: an older key stored for
    # the same application is not used.
    vault = MemoryKeyVault({"app-stored": pem, "app-env": older})

    stored = await find_users_key(vault, "app-stored", session_key)
    assert isinstance(stored, UsersKey) and stored.source == "the key store"
    from_env = await find_users_key(vault, "app-env", session_key)
    assert isinstance(from_env, UsersKey) and from_env.source == "env VONAGE_PRIVATE_KEY_PATH"
    assert from_env.private_pem.get_secret_value() == pem
    other = await find_users_key(vault, "app-other", session_key)
    assert isinstance(other, NoUsersKey)
    assert "belongs to application app-env" in other.reason


async def test_a_failing_key_store_is_said_and_never_stands_in_the_session_keys_way():
    class Broken(MemoryKeyVault):
        async def get(self, app_id):
            raise CredentialsError("the collection is locked")

    pem = key_pool()[0].private_pem
    found = await find_users_key(Broken(), "a", SessionKey("a", SecretStr(pem), "env X"))
    assert isinstance(found, UsersKey) and found.source == "env X"
    missing = await find_users_key(Broken(), "b")
    assert isinstance(missing, NoUsersKey) and "could not be read" in missing.reason


async def test_a_refused_key_says_it_does_not_match_the_application(store):
    app_id = list(store.applications)[0]
    wrong = next(p.private_pem for p in key_pool() if p.private_pem != store.private_key_for(app_id))
    async with client_for(store) as client:
        users = client.for_application(app_id, wrong)
        with pytest.raises(AuthenticationError) as refused:
            await users.list_users()
        key = UsersKey(app_id, SecretStr(wrong), "the key store")
        said = await explain_refusal(client, key, refused.value)
    assert "does not match the application's public key" in said
    assert "the key store" in said


async def test_an_expired_token_says_check_the_clock(store):
    app_id = list(store.applications)[0]
    pem = store.private_key_for(app_id)
    async with VonageClient(DEMO_API_KEY, DEMO_API_SECRET, base_url="http://127.0.0.1",
                            transport=httpx.ASGITransport(app=create_app(store)),
                            clock=lambda: 1_000_000.0) as client:  # tokens from 1970
        users = client.for_application(app_id, pem)
        with pytest.raises(AuthenticationError) as refused:
            await users.list_users()
        said = await explain_refusal(client, UsersKey(app_id, SecretStr(pem), "env X"),
                                     refused.value)
    assert "expired" in said and "clock" in said


async def test_a_long_key_store_reason_is_cut_to_its_first_sentence():
    class Broken(MemoryKeyVault):
        async def get(self, app_id):
            raise CredentialsError("No usable operating-system keyring was found. - Secret "
                                   "Service: DBUS_SESSION_BUS_ADDRESS is unset - KWallet: no")

    missing = await find_users_key(Broken(), "b")
    assert isinstance(missing, NoUsersKey)
    assert "(No usable operating-system keyring was found)" in missing.reason
    assert "KWallet" not in missing.reason and "KWallet" in (missing.store_problem or "")
