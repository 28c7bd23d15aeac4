"""VonageClient against scripted responses (httpx.MockTransport): auth, retries, errors, paging,
and where requests and credentials go. The emulator-backed tests are in test_api_emulator.py."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import ssl
from collections.abc import Callable
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from pydantic import SecretStr

from tests.scripted_api import SECRET, Script, app_doc, make_client, problem
from vonage_tui.api import (
    AuthenticationError,
    InvalidResponseError,
    MissingCredentialsError,
    NotFoundError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    TransportError,
    ValidationError,
    VonageClient,
)
from vonage_tui.keys import generate_key_pair, load_private_key


@pytest.fixture(scope="module")
def key_pair():
    return generate_key_pair()


class Clock:
    def __init__(self, now: float = 1_700_000_000) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# --- applications: requests, auth ------------------------------------------------------------


async def test_applications_use_basic_auth_on_the_base_url():
    script = Script(lambda r: httpx.Response(200, json={"page": 2, "page_size": 5, "total_items": 7,
                                                        "total_pages": 2, "_embedded": {"applications": [app_doc(6)]}}))
    client, _ = make_client(script)
    async with client:
        page = await client.list_applications(page=2, page_size=5)
    assert [a.id for a in page.applications] == ["app-006"]
    assert (page.page, page.page_size, page.total_items, page.total_pages) == (2, 5, 7, 2)
    (request,) = script.requests
    assert request.url.host == "api.nexmo.com"
    assert request.url.path == "/v2/applications"
    assert dict(request.url.params) == {"page": "2", "page_size": "5"}
    assert request.headers["authorization"] == "Basic " + base64.b64encode(
        f"key:{SECRET}".encode()).decode()


async def test_get_update_delete_and_create_send_what_they_should():
    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "DELETE":
            return httpx.Response(204)
        if request.method == "GET":
            return httpx.Response(200, json={"id": "a/b", "name": "x", "_links": {"self": {"href": "/v2/applications/a"}}})
        return httpx.Response(200 if request.method == "PUT" else 201,
                              json={"id": "new", **json.loads(request.content)})

    script = Script(answer)
    client, _ = make_client(script)
    async with client:
        fetched = await client.get_application("a/b")
        fetched.name = "renamed"
        updated = await client.update_application(fetched)
        created = await client.create_application({"name": "n", "id": "ignored", "zz": 1})
        await client.delete_application("a/b")
    get, put, post, delete = script.requests
    assert get.url.raw_path == b"/v2/applications/a%2Fb"
    assert put.method == "PUT" and put.url.raw_path == b"/v2/applications/a%2Fb"
    assert json.loads(put.content) == {"name": "renamed"}  # no id, no _links
    assert updated.name == "renamed"
    assert json.loads(post.content) == {"name": "n", "zz": 1}
    assert created.id == "new"
    assert delete.method == "DELETE"


async def test_update_needs_an_id():
    client, _ = make_client(Script(lambda r: httpx.Response(500)))
    async with client:
        with pytest.raises(ValueError, match="id"):
            await client.update_application({"name": "no id"})
        with pytest.raises(ValueError):
            await client.get_application("")
        with pytest.raises(ValueError):
            await client.get_user("..")


async def test_missing_api_credentials_fail_clearly_without_a_request():
    script = Script(lambda r: httpx.Response(200, json={}))
    client = VonageClient(transport=httpx.MockTransport(script))
    async with client:
        with pytest.raises(MissingCredentialsError, match="API key and secret"):
            await client.list_applications()
    assert script.requests == []


# --- users: JWT ------------------------------------------------------------------------------


async def test_users_jwt_claims_and_reuse_until_a_minute_before_expiry(key_pair):
    clock = Clock()
    script = Script(lambda r: httpx.Response(200, json={"page_size": 10, "_embedded": {"users": []}}))
    client, _ = make_client(script, key_pair, clock=clock)
    async with client:
        await client.list_users()
        clock.now += 839  # 61 s before expiry: still reused
        await client.list_users()
        clock.now += 1  # 60 s before expiry: replaced
        await client.list_users()
    tokens = [r.headers["authorization"].removeprefix("Bearer ") for r in script.requests]
    assert tokens[0] == tokens[1] != tokens[2]
    public = serialization.load_pem_public_key(key_pair.public_pem.encode())
    first = jwt.decode(tokens[0], public, algorithms=["RS256"], options={"verify_exp": False})
    third = jwt.decode(tokens[2], public, algorithms=["RS256"], options={"verify_exp": False})
    assert set(first) == {"application_id", "iat", "jti", "exp"}
    assert first["application_id"] == "app-1"
    assert first["iat"] == 1_700_000_000 and first["exp"] == first["iat"] + 900
    assert third["iat"] == 1_700_000_840 and third["jti"] != first["jti"]
    assert jwt.get_unverified_header(tokens[0])["alg"] == "RS256"


async def test_pkcs1_private_keys_are_accepted(key_pair):
    pkcs1 = load_private_key(key_pair.private_pem).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()
    assert pkcs1.startswith("-----BEGIN RSA PRIVATE KEY-----")
    script = Script(lambda r: httpx.Response(200, json={"id": "USR-1", "name": "u"}))
    client, _ = make_client(script, private_key=SecretStr(pkcs1), application_id="app-9")
    async with client:
        user = await client.get_user("u")
    assert user.id == "USR-1"
    token = script.requests[0].headers["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, key_pair.public_pem, algorithms=["RS256"])
    assert claims["application_id"] == "app-9"


@pytest.mark.parametrize(
    "kwargs, missing",
    [
        ({}, "application_id, private_key"),
        ({"application_id": "app-1"}, "private_key"),
        ({"private_key": "pem"}, "application_id"),
        ({"application_id": "app-1", "private_key": ""}, "private_key"),
    ],
)
async def test_users_calls_without_application_credentials_fail_clearly(kwargs, missing):
    script = Script(lambda r: httpx.Response(200, json={}))
    client, _ = make_client(script, **kwargs)
    async with client:
        with pytest.raises(MissingCredentialsError) as caught:
            await client.list_users()
    assert "application ID and its private key" in str(caught.value)
    assert f"missing: {missing}" in str(caught.value)
    assert script.requests == []


async def test_an_unusable_private_key_fails_clearly_and_is_not_echoed():
    bogus = "-----BEGIN PRIVATE KEY-----\nTOPSECRETNOTAKEY\n-----END PRIVATE KEY-----\n"
    script = Script(lambda r: httpx.Response(200, json={}))
    client, _ = make_client(script, application_id="app-1", private_key=bogus)
    async with client:
        with pytest.raises(MissingCredentialsError) as caught:
            await client.get_user("u")
        # Applications still work with a broken users key.
        script.answer = lambda r: httpx.Response(200, json={"page": 1, "_embedded": {"applications": []}})
        await client.list_applications()
    assert "app-1" in str(caught.value)
    assert "TOPSECRET" not in str(caught.value) + repr(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert len(script.requests) == 1


async def test_user_calls(key_pair):
    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "DELETE":
            return httpx.Response(204)
        if request.method == "GET":
            return httpx.Response(200, json={"id": "USR-1", "name": "alice"})
        return httpx.Response(200 if request.method == "PATCH" else 201,
                              json={"id": "USR-1", **json.loads(request.content)})

    script = Script(answer)
    client, _ = make_client(script, key_pair)
    async with client:
        assert (await client.get_user("alice smith?")).name == "alice"
        created = await client.create_user({"name": "a", "id": "x"}, display_name="A")
        patched = await client.update_user("USR-1", {"display_name": "B", "_links": {}})
        await client.delete_user("USR-1")
    get, post, patch, delete = script.requests
    assert get.url.raw_path == b"/v1/users/alice%20smith%3F"
    assert json.loads(post.content) == {"name": "a", "display_name": "A"}
    assert created.display_name == "A"
    assert patch.method == "PATCH" and json.loads(patch.content) == {"display_name": "B"}
    assert patched.display_name == "B"
    assert delete.url.path == "/v1/users/USR-1"
    assert all(r.headers["authorization"].startswith("Bearer ") for r in script.requests)


async def test_list_users_parameters_are_checked_and_sent(key_pair):
    script = Script(lambda r: httpx.Response(200, json={"page_size": 3, "_embedded": {"users": []}}))
    client, _ = make_client(script, key_pair)
    async with client:
        await client.list_users(page_size=3, order="DESC", cursor="abc=", name="bob")
        for bad in ({"page_size": 0}, {"page_size": 101}, {"order": "sideways"}):
            with pytest.raises(ValueError):
                await client.list_users(**bad)
    assert dict(script.requests[0].url.params) == {
        "page_size": "3", "order": "DESC", "cursor": "abc=", "name": "bob"}
    assert len(script.requests) == 1


# --- links never lead elsewhere --------------------------------------------------------------


async def test_a_foreign_next_link_contributes_only_its_cursor(key_pair):
    def answer(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        if cursor is None:
            link = "https://evil.example:8443/steal/v1/users?page_size=2&cursor=CUR1&order=desc"
            users = [{"id": "USR-1"}, {"id": "USR-2"}]
        else:
            link = None
            users = [{"id": "USR-3"}]
        body: dict[str, Any] = {"page_size": 2, "_embedded": {"users": users}, "_links": {}}
        if link:
            body["_links"]["next"] = {"href": link}
        return httpx.Response(200, json=body)

    script = Script(answer)
    client, _ = make_client(script, key_pair)
    async with client:
        first = await client.list_users(page_size=2)
        assert first.next_cursor == "CUR1"
        ids = [u.id async for u in client.iter_users(page_size=2)]
    assert ids == ["USR-1", "USR-2", "USR-3"]
    for request in script.requests:
        assert (request.url.scheme, request.url.host, request.url.port) == ("https", "api.nexmo.com", None)
        assert request.url.path == "/v1/users"
    assert script.requests[-1].url.params["cursor"] == "CUR1"


async def test_iter_users_stops_on_a_repeated_cursor(key_pair):
    def answer(request: httpx.Request) -> httpx.Response:
        # New users every time, but always the same next cursor.
        return httpx.Response(200, json={
            "_embedded": {"users": [{"id": f"USR-{len(script.requests)}"}]},
            "_links": {"next": {"href": "https://api.nexmo.com/v1/users?cursor=SAME"}}})

    script = Script(answer)
    client, _ = make_client(script, key_pair)
    async with client:
        users = [u async for u in client.iter_users()]
    assert len(users) == 2 and len(script.requests) == 2


async def test_iter_users_stops_at_a_page_of_users_already_seen(key_pair):
    def answer(request: httpx.Request) -> httpx.Response:
        # A fresh cursor every time, but the same users: a cursor walk that goes nowhere.
        n = len(script.requests)
        return httpx.Response(200, json={
            "_embedded": {"users": [{"id": "USR-1"}, {"id": "USR-1"}]},
            "_links": {"next": {"href": f"https://api.nexmo.com/v1/users?cursor=C{n}"}}})

    script = Script(answer)
    client, _ = make_client(script, key_pair)
    async with client:
        users = [u.id async for u in client.iter_users()]
    assert users == ["USR-1"] and len(script.requests) == 2


async def test_iter_users_gives_up_on_an_endless_walk(key_pair, monkeypatch):
    import vonage_tui.api.client as client_module

    monkeypatch.setattr(client_module, "MAX_USER_PAGES_WALKED", 5)

    def answer(request: httpx.Request) -> httpx.Response:
        n = len(script.requests)
        return httpx.Response(200, json={
            "_embedded": {"users": [{"id": f"USR-{n}"}]},
            "_links": {"next": {"href": f"https://api.nexmo.com/v1/users?cursor=C{n}"}}})

    script = Script(answer)
    client, _ = make_client(script, key_pair)
    users = []
    async with client:
        with pytest.raises(InvalidResponseError, match="kept handing out pages"):
            async for user in client.iter_users():
                users.append(user)
    assert len(users) == 5 and len(script.requests) == 5


async def test_redirects_are_not_followed():
    script = Script(lambda r: httpx.Response(302, headers={"Location": "https://evil.example/x"}))
    client, _ = make_client(script)
    async with client:
        with pytest.raises(Exception) as caught:
            await client.get_application("a")
    assert len(script.requests) == 1
    assert caught.value.__class__.__name__ == "ApiError"


def test_construction_rejects_plain_http_off_loopback_and_missing_timeouts():
    with pytest.raises(ValueError, match="plain http"):
        VonageClient("k", "s", base_url="http://api.nexmo.com")
    VonageClient("k", "s", base_url="http://127.0.0.1:9")  # loopback: allowed
    with pytest.raises(ValueError, match="timeout"):
        VonageClient("k", "s", timeout=httpx.Timeout(5.0, read=None))
    with pytest.raises(ValueError):
        VonageClient("k", "s", iter_concurrency=0)


# --- errors ----------------------------------------------------------------------------------


async def test_error_statuses_raise_their_classes_with_the_problem_body():
    responses = {
        "/v2/applications/bad": problem(400, "Bad Request", "validation failed",
                                        invalid_parameters=[{"name": "name", "reason": "is required"}]),
        "/v2/applications/auth": problem(401, "Unauthorized", "bad credentials"),
        "/v2/applications/none": problem(404, "Not Found", "no such application",
                                         instance="trace-1"),
    }
    script = Script(lambda r: responses[r.url.path])
    client, _ = make_client(script)
    async with client:
        with pytest.raises(ValidationError) as bad:
            await client.get_application("bad")
        with pytest.raises(AuthenticationError) as auth:
            await client.get_application("auth")
        with pytest.raises(NotFoundError) as none:
            await client.get_application("none")
    assert bad.value.invalid_parameters[0].name == "name"
    assert str(auth.value) == "Unauthorized: bad credentials"
    assert none.value.instance == "trace-1" and none.value.status == 404
    assert len(script.requests) == 3  # none of these is retried


async def test_truncated_json_is_a_clear_error_and_a_post_is_not_repeated():
    script = Script(lambda r: httpx.Response(201, content=b'{"id": "abc", "name": "tru'))
    client, _ = make_client(script)
    async with client:
        with pytest.raises(InvalidResponseError) as caught:
            await client.create_application({"name": "x"})
    assert "truncated JSON" in str(caught.value)
    assert caught.value.status == 201
    assert len(script.requests) == 1


async def test_truncated_json_on_a_get_is_retried():
    answers = iter([httpx.Response(200, content=b'{"id": "a'),
                    httpx.Response(200, json={"id": "a", "name": "ok"})])
    script = Script(lambda r: next(answers))
    client, sleeps = make_client(script)
    async with client:
        assert (await client.get_application("a")).name == "ok"
    assert len(script.requests) == 2 and len(sleeps.waits) == 1


async def test_success_without_a_json_object_is_an_invalid_response():
    script = Script(lambda r: httpx.Response(200, json=[1, 2]))
    client, _ = make_client(script, max_retries=0)
    async with client:
        with pytest.raises(InvalidResponseError, match="not an object"):
            await client.get_application("a")


# --- retries ---------------------------------------------------------------------------------


async def test_get_is_retried_on_503_then_succeeds():
    answers = iter([problem(503, "Unavailable"), problem(502, "Bad gateway"),
                    httpx.Response(200, json={"id": "a"})])
    script = Script(lambda r: next(answers))
    client, sleeps = make_client(script, retry_policy=RetryPolicy(max_retries=3, base_delay=1, max_delay=10))
    async with client:
        assert (await client.get_application("a")).id == "a"
    assert len(script.requests) == 3
    assert 0.5 <= sleeps.waits[0] <= 1 and 1 <= sleeps.waits[1] <= 2


async def test_retries_are_bounded():
    script = Script(lambda r: problem(504, "Gateway Timeout"))
    client, sleeps = make_client(script, max_retries=2)
    async with client:
        with pytest.raises(ServerError) as caught:
            await client.list_applications()
    assert caught.value.status == 504
    assert len(script.requests) == 3 and len(sleeps.waits) == 2


async def test_429_honours_retry_after():
    answers = iter([problem(429, "Too Many Requests", headers={"Retry-After": "3"}),
                    httpx.Response(200, json={"id": "a"})])
    script = Script(lambda r: next(answers))
    client, sleeps = make_client(script)
    async with client:
        await client.get_application("a")
    assert sleeps.waits == [3.0]


async def test_a_long_retry_after_is_handed_to_the_caller():
    script = Script(lambda r: problem(429, "Too Many Requests", headers={"Retry-After": "600"}))
    client, sleeps = make_client(script)
    async with client:
        with pytest.raises(RateLimitedError) as caught:
            await client.get_application("a")
    assert caught.value.retry_after == 600
    assert sleeps.waits == [] and len(script.requests) == 1


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
async def test_post_is_not_retried_once_it_reached_the_server(status):
    script = Script(lambda r: problem(status, "nope", headers={"Retry-After": "1"}))
    client, sleeps = make_client(script)
    async with client:
        with pytest.raises(Exception):
            await client.create_application({"name": "x"})
    assert len(script.requests) == 1 and sleeps.waits == []


async def test_post_is_not_retried_after_a_read_timeout():
    script = Script(lambda r: httpx.ReadTimeout("no answer", request=r))
    client, _ = make_client(script)
    async with client:
        with pytest.raises(TransportError) as caught:
            await client.create_application({"name": "x"})
    assert len(script.requests) == 1
    assert "did not answer in time" in str(caught.value)


async def test_post_is_retried_when_the_connection_never_opened():
    answers = iter([httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"),
                    httpx.Response(201, json={"id": "new", "name": "x"})])

    def answer(request: httpx.Request) -> Any:
        result = next(answers)
        if isinstance(result, httpx.TransportError):
            result.request = request
        return result

    script = Script(answer)
    client, sleeps = make_client(script)
    async with client:
        created = await client.create_application({"name": "x"})
    assert created.id == "new" and len(script.requests) == 3 and len(sleeps.waits) == 2


async def test_connect_errors_exhaust_into_a_transport_error():
    script = Script(lambda r: httpx.ConnectError("Connection refused", request=r))
    client, _ = make_client(script, max_retries=1)
    async with client:
        with pytest.raises(TransportError) as caught:
            await client.list_applications()
    assert str(caught.value) == "Cannot connect to api.nexmo.com: Connection refused"
    assert caught.value.__cause__ is None  # no httpx internals chained into a notification
    assert len(script.requests) == 2


async def test_certificate_failure_is_not_retried_and_says_so():
    def answer(request: httpx.Request) -> Exception:
        error = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED]", request=request)
        error.__cause__ = ssl.SSLCertVerificationError("self-signed certificate")
        return error

    script = Script(answer)
    client, _ = make_client(script)
    async with client:
        with pytest.raises(TransportError, match="TLS certificate of api.nexmo.com not trusted"):
            await client.get_application("a")
    assert len(script.requests) == 1


async def test_a_retried_delete_whose_first_attempt_got_through_succeeds():
    answers = iter([problem(503, "Unavailable"), problem(404, "Not Found")])
    script = Script(lambda r: next(answers))
    client, _ = make_client(script)
    async with client:
        await client.delete_application("a")
    assert len(script.requests) == 2
    # A plain 404 on a first attempt is still an error.
    script.answer = lambda r: problem(404, "Not Found")
    async with make_client(script)[0] as fresh:
        with pytest.raises(NotFoundError):
            await fresh.delete_application("a")


async def test_put_and_patch_are_retried_on_503(key_pair):
    script = Script(lambda r: problem(503, "Unavailable"))
    client, _ = make_client(script, key_pair, max_retries=1)
    async with client:
        with pytest.raises(ServerError):
            await client.update_application({"id": "a", "name": "x"})
        with pytest.raises(ServerError):
            await client.update_user("USR-1", {"name": "x"})
    assert [r.method for r in script.requests] == ["PUT", "PUT", "PATCH", "PATCH"]


# --- secrets stay secret ---------------------------------------------------------------------


async def test_secrets_never_appear_in_repr_errors_or_logs(key_pair, caplog):
    caplog.set_level(logging.DEBUG)
    answers = iter([problem(503, "Unavailable"), problem(401, "Unauthorized", "Invalid credentials")])
    script = Script(lambda r: next(answers))
    client, _ = make_client(script, key_pair)
    async with client:
        with pytest.raises(AuthenticationError) as caught:
            await client.get_user("u")
    token = script.requests[0].headers["authorization"]
    private_body = key_pair.private_pem.splitlines()[1]
    exposed = " ".join([repr(client), str(client), str(caught.value), repr(caught.value),
                        caplog.text, repr(client._minter), repr(vars(caught.value))])
    for secret in (SECRET, private_body, token, token.removeprefix("Bearer ")):
        assert secret not in exposed
    assert "app-1" in repr(client)


# --- iter_applications -----------------------------------------------------------------------


def paged_server(total: int, *, delay_for: Callable[[int], float] = lambda page: 0.0):
    """Pages of ``total`` applications, with per-page delays; records concurrency."""
    state = {"active": 0, "peak": 0}

    async def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        size = int(request.url.params["page_size"])
        state["active"] += 1
        state["peak"] = max(state["peak"], state["active"])
        try:
            await asyncio.sleep(delay_for(page))
        finally:
            state["active"] -= 1
        items = [app_doc(i) for i in range((page - 1) * size, min(page * size, total))]
        pages = -(-total // size)
        return httpx.Response(200, json={
            "page": page, "page_size": size, "total_items": total, "total_pages": pages,
            "_embedded": {"applications": items}})

    return Script(answer), state


async def test_iter_applications_is_ordered_and_bounded():
    # Later pages answer first; the yield order must not care.
    script, state = paged_server(23, delay_for=lambda page: 0.02 / page)
    client, _ = make_client(script, iter_concurrency=3)
    async with client:
        ids = [a.id async for a in client.iter_applications(page_size=2)]
    assert ids == [f"app-{i:03d}" for i in range(23)]
    assert len(script.requests) == 12
    assert state["peak"] == 3


async def test_iter_applications_with_no_applications_and_total_pages_zero():
    script = Script(lambda r: httpx.Response(200, json={
        "page": 1, "page_size": 10, "total_items": 0, "total_pages": 0, "_embedded": {"applications": []}}))
    client, _ = make_client(script)
    async with client:
        assert [a async for a in client.iter_applications()] == []
    assert len(script.requests) == 1


async def test_iter_applications_skips_an_application_a_shifted_page_repeats():
    pages = {1: [app_doc(1), app_doc(2)], 2: [app_doc(2), app_doc(3)]}
    script = Script(lambda r: httpx.Response(200, json={
        "total_pages": 2, "_embedded": {"applications": pages[int(r.url.params["page"])]}}))
    client, _ = make_client(script)
    async with client:
        ids = [a.id async for a in client.iter_applications(page_size=2)]
    assert ids == ["app-001", "app-002", "app-003"]


async def test_stopping_iter_applications_early_cancels_the_rest():
    script, state = paged_server(100, delay_for=lambda page: 0.05)
    client, _ = make_client(script, iter_concurrency=2)
    async with client:
        iterator = client.iter_applications(page_size=5)
        async for application in iterator:
            if application.id == "app-006":
                break
        await iterator.aclose()
        await asyncio.sleep(0.1)
    assert state["active"] == 0
    assert len(script.requests) < 20


async def test_a_failing_page_fails_the_iteration():
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.params["page"] == "3":
            return problem(401, "Unauthorized")
        page = int(request.url.params["page"])
        return httpx.Response(200, json={"total_pages": 4,
                                         "_embedded": {"applications": [app_doc(page)]}})

    client, _ = make_client(Script(answer))
    async with client:
        with pytest.raises(AuthenticationError):
            [a async for a in client.iter_applications()]

