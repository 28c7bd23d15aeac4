"""Every VonageClient method against the emulator, in process (httpx.ASGITransport), plus one
run over a real loopback socket. The emulator verifies Basic auth and RS256 JWTs for real."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

import httpx
import jwt
import pytest

from vonage_tui.api import (
    AuthenticationError,
    ConflictError,
    InvalidResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    TransportError,
    ValidationError,
    VonageClient,
)
from vonage_tui.emulator import (
    DEMO_API_KEY,
    DEMO_API_SECRET,
    DemoServer,
    EmulatorStore,
    create_app,
    fault_schedule,
)
from vonage_tui.keys import generate_key_pair

BASE = "https://api.nexmo.com"


@pytest.fixture(scope="module")
def key_pair():
    return generate_key_pair()


class Recording(httpx.AsyncBaseTransport):
    """Passes requests to the emulator and remembers each one (URL and headers)."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


class Emulator:
    """An emulator app, a recording transport onto it, and clients wired to both."""

    def __init__(self, store: EmulatorStore, **app_options: Any) -> None:
        self.store = store
        self.app = create_app(store, **app_options)
        self.transport = Recording(self.app)
        self.sleeps = Sleeps()

    def client(self, application_id: str | None = None, **kwargs: Any) -> VonageClient:
        kwargs.setdefault("api_key", DEMO_API_KEY)
        kwargs.setdefault("api_secret", DEMO_API_SECRET)
        if application_id is not None:
            kwargs.setdefault("private_key", self.store.private_key_for(application_id))
        return VonageClient(
            application_id=application_id,
            base_url=BASE,
            transport=self.transport,
            sleep=self.sleeps,
            **kwargs,
        )


@pytest.fixture
def seeded() -> Emulator:
    return Emulator(EmulatorStore.seeded(apps=25, users_per_app=5, seed=1))


@pytest.fixture
def empty() -> Emulator:
    return Emulator(EmulatorStore())


def first_app_id(emulator: Emulator) -> str:
    return next(iter(emulator.store.applications))


def seed_with_faults(faults: list[str | None], rate: float = 0.5) -> int:
    """A fault seed whose first requests get exactly ``faults`` (found, not hard-coded)."""
    for seed in range(100_000):
        if list(itertools.islice(fault_schedule(rate, seed), len(faults))) == faults:
            return seed
    raise AssertionError(f"no seed gives {faults}")


# --- applications ---------------------------------------------------------------------------


async def test_list_applications_pages_including_the_partial_last_one(seeded):
    order = list(seeded.store.applications)
    async with seeded.client() as client:
        pages = [await client.list_applications(page, page_size=10) for page in (1, 2, 3, 4)]
    assert [len(p.applications) for p in pages] == [10, 10, 5, 0]
    assert all(p.total_items == 25 and p.total_pages == 3 for p in pages)
    assert [a.id for p in pages for a in p.applications] == order
    assert pages[2].page == 3 and pages[2].page_size == 10


async def test_no_applications_at_all(empty):
    async with empty.client() as client:
        page = await client.list_applications()
        everything = [a async for a in client.iter_applications()]
    assert page.applications == [] and page.total_pages == 0 and page.total_items == 0
    assert everything == []
    assert len(empty.transport.requests) == 2


@pytest.mark.parametrize("page_size", [1, 4, 25, 100])
async def test_iter_applications_yields_every_application_in_order(seeded, page_size):
    async with seeded.client() as client:
        ids = [a.id async for a in client.iter_applications(page_size=page_size)]
    assert ids == list(seeded.store.applications)
    assert len(seeded.transport.requests) == -(-25 // page_size)


async def test_get_application_is_the_stored_document(seeded):
    app_id = first_app_id(seeded)
    async with seeded.client() as client:
        application = await client.get_application(app_id)
    assert json.dumps(application.to_document()) == json.dumps(seeded.store.get_application(app_id))
    assert "voice" in application.capability_names()


async def test_create_without_a_public_key_returns_the_private_key_once(empty):
    async with empty.client() as client:
        created = await client.create_application({"name": "fresh", "x-team": "ops"})
        fetched = await client.get_application(created.id)
    assert created.keys.private_key == empty.store.private_key_for(created.id)
    assert created.keys.private_key.startswith("-----BEGIN PRIVATE KEY-----")
    assert fetched.keys.private_key is None
    assert fetched.to_document()["x-team"] == "ops"


async def test_create_with_a_public_key(empty, key_pair):
    async with empty.client() as client:
        created = await client.create_application(
            {"name": "mine", "keys": {"public_key": key_pair.public_pem}})
    assert created.keys.public_key == key_pair.public_pem
    assert created.keys.private_key is None
    assert list(empty.store.applications) == [created.id]


async def test_round_trip_keeps_every_byte_but_the_edited_name(empty, key_pair):
    document = {
        "name": "Before",
        "keys": {"public_key": key_pair.public_pem, "key_note": "rotated 2024"},
        "capabilities": {
            "voice": {
                "webhooks": {
                    "answer_url": {"address": "https://example.com/answer", "http_method": "GET",
                                   "connect_timeout": 500, "socket_timeout": 3000,
                                   "x_retry": {"count": 2}},
                    "event_url": {"address": "https://example.com/event", "http_method": "POST"},
                },
                "payments": {"gateways": [{"type": "Stripe", "mode": "test"}]},
                "region": "eu-west",
            },
            "messages": {"version": "v1", "authenticate_inbound_media": True,
                         "webhooks": {"inbound_url": {"address": "https://example.com/in",
                                                      "http_method": "POST"}}},
            "vbc": {},
            "quantum": {"entangled": [1, 2.5, None, "three"]},
        },
        "privacy": {"improve_ai": False, "retention_days": 30},
        "labels": ["blue", {"k": "v"}],
    }
    app_id = empty.store.add_application(document)["id"]
    async with empty.client() as client:
        before = await client.get_application(app_id)
        before_text = json.dumps(before.to_document())
        before.name = "After"
        await client.update_application(before)
        after = await client.get_application(app_id)
    expected = json.loads(before_text)
    expected["name"] = "After"
    assert json.dumps(after.to_document()) == json.dumps(expected)
    put = next(r for r in empty.transport.requests if r.method == "PUT")
    sent = json.loads(put.content)
    assert "id" not in sent and "_links" not in sent
    assert sent["capabilities"]["quantum"] == document["capabilities"]["quantum"]


async def test_updating_a_just_created_application_does_not_send_its_private_key_back(empty):
    async with empty.client() as client:
        created = await client.create_application({"name": "generated"})
        private_key = created.keys.private_key
        created.name = "renamed"
        updated = await client.update_application(created)
    put = next(r for r in empty.transport.requests if r.method == "PUT")
    assert b"PRIVATE KEY" not in put.content
    assert json.loads(put.content)["keys"] == {"public_key": created.keys.public_key}
    assert updated.name == "renamed"
    assert empty.store.private_key_for(created.id) == private_key  # same key pair still


async def test_update_from_a_dict_replaces_the_whole_application(seeded):
    app_id = first_app_id(seeded)
    async with seeded.client() as client:
        document = (await client.get_application(app_id)).to_document()
        document["capabilities"] = {"vbc": {}}
        updated = await client.update_application(document)
    assert updated.capability_names() == ["vbc"]
    assert seeded.store.applications[app_id]["capabilities"] == {"vbc": {}}


async def test_delete_application(seeded):
    app_id = first_app_id(seeded)
    async with seeded.client() as client:
        await client.delete_application(app_id)
        with pytest.raises(NotFoundError) as caught:
            await client.get_application(app_id)
        with pytest.raises(NotFoundError):
            await client.delete_application(app_id)
    assert app_id not in seeded.store.applications
    assert caught.value.status == 404 and caught.value.title


# --- error mapping --------------------------------------------------------------------------


async def test_invalid_application_is_a_validation_error_naming_the_field(empty):
    bad = {"name": "x", "capabilities": {"voice": {"webhooks": {"answer_url": {
        "address": "https://example.com/a", "http_method": "GET", "connect_timeout": 1001}}}}}
    async with empty.client() as client:
        with pytest.raises(ValidationError) as caught:
            await client.create_application(bad)
    names = [p.name for p in caught.value.invalid_parameters]
    assert any("connect_timeout" in name for name in names), names
    assert caught.value.status == 400
    assert "connect_timeout" in str(caught.value) and "\n" not in str(caught.value)
    assert empty.store.applications == {}


async def test_wrong_secret_is_an_authentication_error(seeded):
    async with seeded.client(api_secret="not-the-secret") as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.list_applications()
    assert caught.value.status == 401
    assert "not-the-secret" not in str(caught.value)


async def test_unknown_user_is_not_found_with_its_code(seeded):
    app_id = first_app_id(seeded)
    async with seeded.client(app_id) as client:
        with pytest.raises(NotFoundError) as caught:
            await client.get_user("USR-00000000-0000-0000-0000-000000000000")
    assert caught.value.code == "user:error:not-found"


async def test_duplicate_user_name_is_a_conflict(seeded):
    app_id = first_app_id(seeded)
    taken = seeded.store.users_of(app_id)[0]["name"]
    async with seeded.client(app_id) as client:
        with pytest.raises(ConflictError) as caught:
            await client.create_user(name=taken)
    assert caught.value.status == 409


async def test_a_user_token_is_refused_where_an_admin_token_is_needed(seeded):
    """403: the emulator refuses to create users with a token that has a ``sub``."""
    app_id = first_app_id(seeded)
    private_key = seeded.store.private_key_for(app_id)

    class WithSub(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            now = int(time.time())
            token = jwt.encode({"application_id": app_id, "iat": now, "exp": now + 60,
                                "jti": "j", "sub": "alice"}, private_key, algorithm="RS256")
            request.headers["Authorization"] = f"Bearer {token}"
            return await seeded.transport.handle_async_request(request)

    async with VonageClient(application_id=app_id, private_key=private_key, base_url=BASE,
                            transport=WithSub()) as client:
        with pytest.raises(PermissionDeniedError) as caught:
            await client.create_user(name="newcomer")
    assert caught.value.status == 403


async def test_a_key_that_does_not_match_the_application_is_refused(seeded, key_pair):
    app_id = first_app_id(seeded)
    async with seeded.client(app_id, private_key=key_pair.private_pem) as client:
        with pytest.raises(AuthenticationError):
            await client.list_users()


async def test_an_expired_token_is_refused(seeded):
    app_id = first_app_id(seeded)
    long_ago = lambda: time.time() - 3600  # noqa: E731
    async with seeded.client(app_id, clock=long_ago) as client:
        with pytest.raises(AuthenticationError):
            await client.list_users()


@pytest.mark.parametrize(
    "fault, error_class, status",
    [("rate-limit", RateLimitedError, 429), ("error-503", ServerError, 503),
     ("error-500", ServerError, 500), ("truncated", InvalidResponseError, 200)],
)
async def test_injected_faults_map_to_errors_without_retries(fault, error_class, status):
    emulator = Emulator(EmulatorStore.seeded(apps=3, users_per_app=0, seed=2),
                        fault_rate=0.5, fault_seed=seed_with_faults([fault]))
    async with emulator.client(max_retries=0) as client:
        with pytest.raises(error_class) as caught:
            await client.list_applications()
    assert caught.value.status == status
    if fault == "rate-limit":
        assert caught.value.retry_after == 1
    assert emulator.app.state.faults.injected == [fault]


# --- retries against the emulator -----------------------------------------------------------


async def test_429_then_503_are_retried_and_counted(seeded):
    emulator = Emulator(seeded.store, fault_rate=0.5,
                        fault_seed=seed_with_faults(["rate-limit", "error-503", None]))
    async with emulator.client() as client:
        page = await client.list_applications(page_size=5)
    assert len(page.applications) == 5
    assert emulator.app.state.faults.injected == ["rate-limit", "error-503"]
    assert len(emulator.transport.requests) == 3
    assert emulator.sleeps.waits[0] == 1.0  # the emulator's Retry-After
    assert len(emulator.sleeps.waits) == 2


@pytest.mark.parametrize("fault", ["truncated", "error-503", "rate-limit"])
async def test_a_post_that_reached_the_server_is_not_repeated(fault, key_pair):
    emulator = Emulator(EmulatorStore(), fault_rate=0.5, fault_seed=seed_with_faults([fault]))
    async with emulator.client() as client:
        with pytest.raises((InvalidResponseError, ServerError, RateLimitedError)):
            await client.create_application(
                {"name": "once", "keys": {"public_key": key_pair.public_pem}})
    assert len(emulator.transport.requests) == 1
    # A truncated answer came after the application was made: exactly one exists, not two.
    assert len(emulator.store.applications) == (1 if fault == "truncated" else 0)


async def test_a_truncated_get_is_retried(seeded):
    emulator = Emulator(seeded.store, fault_rate=0.5,
                        fault_seed=seed_with_faults(["truncated", None]))
    app_id = first_app_id(seeded)
    async with emulator.client() as client:
        application = await client.get_application(app_id)
    assert application.id == app_id and len(emulator.transport.requests) == 2


# --- users ----------------------------------------------------------------------------------


async def test_jwt_claims_verified_with_the_applications_public_key(seeded):
    app_id = first_app_id(seeded)
    async with seeded.client(app_id) as client:
        await client.list_users()
        await client.get_user(seeded.store.users_of(app_id)[0]["id"])
    first, second = (r.headers["authorization"] for r in seeded.transport.requests)
    assert first == second  # reused
    public_pem = seeded.store.applications[app_id]["keys"]["public_key"]
    claims = jwt.decode(first.removeprefix("Bearer "), public_pem, algorithms=["RS256"])
    assert claims["application_id"] == app_id
    assert claims["exp"] - claims["iat"] == 900
    assert abs(claims["iat"] - time.time()) < 60
    assert len(claims["jti"]) >= 16


async def test_cursor_paging_forward_backward_and_to_the_end(seeded):
    app_id = first_app_id(seeded)
    everyone = [u["id"] for u in seeded.store.users_of(app_id)]
    async with seeded.client(app_id) as client:
        one = await client.list_users(page_size=2)
        two = await client.list_users(page_size=2, cursor=one.next_cursor)
        three = await client.list_users(page_size=2, cursor=two.next_cursor)
        back = await client.list_users(page_size=2, cursor=two.prev_cursor)
        walked = [u.id async for u in client.iter_users(page_size=2)]
        newest_first = await client.list_users(page_size=10, order="desc")
    assert [u.id for p in (one, two, three) for u in p.users] == everyone
    assert one.prev_cursor is None and three.next_cursor is None
    assert [u.id for u in back.users] == [u.id for u in one.users]
    assert walked == everyone
    assert [u.id for u in newest_first.users] == everyone[::-1]


async def test_list_users_by_name_and_with_no_users(seeded, empty, key_pair):
    app_id = first_app_id(seeded)
    name = seeded.store.users_of(app_id)[2]["name"]
    async with seeded.client(app_id) as client:
        found = await client.list_users(name=name)
    assert [u.name for u in found.users] == [name]

    lonely = empty.store.add_application({"name": "lonely", "keys": {"public_key": key_pair.public_pem}})
    async with empty.client(lonely["id"], private_key=key_pair.private_pem) as client:
        page = await client.list_users()
        walked = [u async for u in client.iter_users()]
    assert page.users == [] and page.next_cursor is None and walked == []


async def test_user_lifecycle(seeded):
    app_id = first_app_id(seeded)
    async with seeded.client(app_id) as client:
        created = await client.create_user(
            {"name": "new.person", "display_name": "New Person",
             "properties": {"custom_data": {"team": "ops"}, "ttl": 3600},
             "channels": {"sip": [{"uri": "sip:new@sip.example.com"}]},
             "x-future": {"flag": True}})
        by_name = await client.get_user("new.person")
        by_id = await client.get_user(created.id)
        patched = await client.update_user(created.id, {"display_name": "Renamed"})
        await client.delete_user(created.id)
        with pytest.raises(NotFoundError):
            await client.get_user(created.id)
    assert created.id.startswith("USR-")
    assert by_name.id == by_id.id == created.id
    after = patched.to_document()
    assert after["display_name"] == "Renamed"
    # PATCH is partial: what it did not name is kept, unknown fields included.
    assert after["properties"] == {"custom_data": {"team": "ops"}, "ttl": 3600}
    assert after["x-future"] == {"flag": True}
    assert after["channels"] == {"sip": [{"uri": "sip:new@sip.example.com"}]}
    assert created.id not in seeded.store.users[app_id]


async def test_create_user_with_no_fields_gets_a_server_made_name(seeded):
    app_id = first_app_id(seeded)
    async with seeded.client(app_id) as client:
        created = await client.create_user()
    assert created.name and created.id in seeded.store.users[app_id]


async def test_a_next_link_naming_a_foreign_host_is_not_followed(seeded):
    """The emulator builds absolute links from the Host header; make it name another host."""
    app_id = first_app_id(seeded)
    inner = seeded.app

    async def foreign_host(scope, receive, send):
        if scope["type"] == "http":
            headers = [(k, v) for k, v in scope["headers"] if k != b"host"]
            scope = {**scope, "headers": [*headers, (b"host", b"api-evil.example:8443")]}
        await inner(scope, receive, send)

    transport = Recording(foreign_host)
    async with VonageClient(DEMO_API_KEY, DEMO_API_SECRET, app_id, seeded.store.private_key_for(app_id),
                            base_url=BASE, transport=transport) as client:
        first = await client.list_users(page_size=2)
        assert "api-evil.example" in first.links.href("next")
        walked = [u.id async for u in client.iter_users(page_size=2)]
    assert walked == [u["id"] for u in seeded.store.users_of(app_id)]
    assert len(transport.requests) == 4
    for request in transport.requests:
        assert (request.url.scheme, request.url.host, request.url.port) == ("https", "api.nexmo.com", None)
        assert request.url.path == "/v1/users"
    assert transport.requests[2].url.params["cursor"] == first.next_cursor


async def test_users_of_one_application_are_not_another_applications(seeded):
    first, second = itertools.islice(seeded.store.applications, 2)
    stranger = seeded.store.users_of(second)[0]["id"]
    async with seeded.client(first) as client:
        with pytest.raises(NotFoundError):
            await client.get_user(stranger)


# --- over a real socket ---------------------------------------------------------------------


async def test_over_real_http_on_loopback(key_pair):
    store = EmulatorStore.seeded(apps=7, users_per_app=3, seed=3)
    app_id = next(iter(store.applications))
    expected_ids = list(store.applications)
    server = DemoServer(create_app(store), host="127.0.0.1", port=0)
    url = server.start()
    try:
        async with VonageClient(DEMO_API_KEY, DEMO_API_SECRET, app_id, store.private_key_for(app_id),
                                base_url=url) as client:
            ids = [a.id async for a in client.iter_applications(page_size=2)]
            users = [u.id async for u in client.iter_users(page_size=2)]
            created = await client.create_application(
                {"name": "socket", "keys": {"public_key": key_pair.public_pem}})
    finally:
        server.stop()
    assert ids == expected_ids and len(ids) == 7
    assert users == [u["id"] for u in store.users_of(app_id)]
    assert created.id in store.applications



def _self_signed_certificate(tmp_path, private_pem: str) -> tuple[str, str]:
    """A certificate for 127.0.0.1 that no trust store knows."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    from vonage_tui.keys import load_private_key

    key = load_private_key(private_pem)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    from cryptography.hazmat.primitives import serialization

    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_text(private_pem)
    return str(cert_file), str(key_file)


async def test_tls_is_verified_and_an_untrusted_certificate_is_not_retried(tmp_path, key_pair):
    certfile, keyfile = _self_signed_certificate(tmp_path, key_pair.private_pem)
    store = EmulatorStore()
    app = create_app(store)
    seen: list[str] = []

    async def counting(scope, receive, send):
        if scope["type"] == "http":
            seen.append(scope["path"])
        await app(scope, receive, send)

    server = DemoServer(counting, host="127.0.0.1", port=0, ssl_certfile=certfile,
                        ssl_keyfile=keyfile)
    url = server.start()
    sleeps = Sleeps()
    try:
        assert url.startswith("https://")
        async with VonageClient(DEMO_API_KEY, DEMO_API_SECRET, base_url=url, sleep=sleeps) as client:
            with pytest.raises(TransportError) as caught:
                await client.list_applications()
    finally:
        server.stop()
    assert str(caught.value).startswith("TLS certificate of 127.0.0.1 not trusted")
    assert sleeps.waits == [] and seen == []  # no retry, and no request got through
