"""The Users API v1 endpoints of the emulator: JWT checks, scoping, CRUD and cursor paging."""

from __future__ import annotations

import functools
import re
import time

import httpx
import jwt
import pytest

from tests.emulator_http import (
    asgi_client,
    assert_problem,
    basic,
    bearer,
    emulator,
    mint_jwt,
)
from vonage_tui.emulator import EmulatorStore, key_pool
from vonage_tui.keys import generate_key_pair

USER_ID = re.compile(r"^USR-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def seeded() -> EmulatorStore:
    """Three applications; the second has 250 users. Read-only: tests that write make their own."""
    return EmulatorStore.seeded(apps=3, users_per_app=3, seed=7)


@functools.cache
def stranger_key() -> str:
    """A real private key no application knows."""
    return generate_key_pair().private_pem


def fresh() -> EmulatorStore:
    return EmulatorStore.seeded(apps=2, users_per_app=4, seed=11)  # app 0: 2–6 users


# --- authentication ----------------------------------------------------------------------


def _token_cases(store: EmulatorStore) -> dict[str, dict[str, str]]:
    app_id = next(iter(store.applications))
    pem = store.private_key_for(app_id)
    stranger = stranger_key()
    now = int(time.time())
    no_exp = jwt.encode({"application_id": app_id, "iat": now}, pem, algorithm="RS256")
    public = store.applications[app_id]["keys"]["public_key"]
    return {
        "missing": {},
        "basic": basic(),
        "garbage": {"Authorization": "Bearer not.a.jwt"},
        "wrong-key": {"Authorization": f"Bearer {mint_jwt(stranger, app_id)}"},
        "unknown-app": {"Authorization": f"Bearer {mint_jwt(pem, 'no-such-app')}"},
        "no-app-claim": {"Authorization": "Bearer " + jwt.encode({"exp": now + 60}, pem, "RS256")},
        "no-exp": {"Authorization": f"Bearer {no_exp}"},
        # The classic confusion: HMAC "signed" with the public key as the secret.
        "hs256": {
            "Authorization": "Bearer "
            + _hs256({"application_id": app_id, "exp": now + 60}, public)
        },
    }


def _hs256(claims: dict, secret: str) -> str:
    import base64
    import hashlib
    import hmac
    import json

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps(claims).encode())
    signature = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(signature)}"


@pytest.mark.parametrize(
    "case",
    ["missing", "basic", "garbage", "wrong-key", "unknown-app", "no-app-claim", "no-exp", "hs256"],
)
async def test_a_token_that_does_not_verify_is_a_401_invalid_token(seeded, case):
    headers = _token_cases(seeded)[case]
    async with asgi_client(emulator(seeded)) as client:
        response = await client.get("/v1/users", headers=headers)
    assert_problem(response, 401, code="system:error:invalid-token")


async def test_an_expired_token_is_a_401_expired_token(seeded):
    app_id = next(iter(seeded.applications))
    now = int(time.time())
    headers = bearer(seeded, app_id, iat=now - 1000, exp=now - 5)
    async with asgi_client(emulator(seeded)) as client:
        response = await client.get("/v1/users", headers=headers)
    assert_problem(response, 401, code="system:error:expired-token")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/users"),
        ("POST", "/v1/users"),
        ("GET", "/v1/users/{user}"),
        ("PATCH", "/v1/users/{user}"),
        ("DELETE", "/v1/users/{user}"),
    ],
)
async def test_every_users_endpoint_needs_a_valid_token(method, path):
    store = fresh()
    app_id = next(iter(store.applications))
    user_id = next(iter(store.users[app_id]))
    before = dict(store.users[app_id])
    stranger = stranger_key()
    forged = {"Authorization": f"Bearer {mint_jwt(stranger, app_id)}"}
    async with asgi_client(emulator(store)) as client:
        response = await client.request(
            method, path.format(user=user_id), headers=forged, json={"name": "mallory"}
        )
    assert_problem(response, 401, code="system:error:invalid-token")
    assert store.users[app_id] == before


async def test_creating_users_needs_an_admin_token_not_a_users_own():
    store = fresh()
    app_id = next(iter(store.applications))
    async with asgi_client(emulator(store)) as client:
        response = await client.post(
            "/v1/users", json={"name": "new"}, headers=bearer(store, app_id, sub="alice")
        )
    assert_problem(response, 403, code="system:error:permission")


# --- scoping -----------------------------------------------------------------------------


async def test_users_are_scoped_to_the_tokens_application():
    store = fresh()
    first, second = list(store.applications)
    theirs = next(iter(store.users[second].values()))
    async with asgi_client(emulator(store)) as client:
        mine = bearer(store, first)
        listed = (await client.get("/v1/users", params={"page_size": 100}, headers=mine)).json()
        by_id = await client.get(f"/v1/users/{theirs['id']}", headers=mine)
        by_name = await client.get(f"/v1/users/{theirs['name']}", headers=mine)
        patched = await client.patch(f"/v1/users/{theirs['id']}", json={}, headers=mine)
        deleted = await client.delete(f"/v1/users/{theirs['id']}", headers=mine)
        # The same name may exist once per application.
        twin = await client.post("/v1/users", json={"name": theirs["name"]}, headers=mine)
    listed_ids = {u["id"] for u in listed["_embedded"]["users"]}
    assert listed_ids == set(store.users[first]) - {twin.json()["id"]}
    for response in (by_id, by_name, patched, deleted):
        assert_problem(response, 404, code="user:error:not-found")
    assert theirs["id"] in store.users[second]
    assert twin.status_code == 201


# --- create, get, patch, delete ----------------------------------------------------------

FULL_USER = {
    "name": "zoë.ünal",
    "display_name": "[b]Zoë[/b] Ünal",
    "image_url": "https://example.com/zoe.png",
    "properties": {"custom_data": {"tier": "gold", "nested": {"a": 1}}, "ttl": 3600},
    "channels": {
        "pstn": [{"number": 447700900001}],
        "sip": [{"uri": "sip:zoe@sip.example.com;transport=tls", "username": "zoe", "password": "pw"}],
        "websocket": [
            {
                "uri": "wss://example.com/socket",
                "content-type": "audio/l16;rate=16000",
                "headers": {"customer_id": "ABC123"},
            }
        ],
        "sms": [{"number": "447700900001"}],
        "messenger": [{"id": "12345abcd", "page_hint": "kept"}],
        "carrier_pigeon": [{"loft": "north"}],
    },
    "newer_field": {"kept": True},
}  # fmt: skip


async def test_create_get_patch_delete_round_trip():
    store = fresh()
    app_id = next(iter(store.applications))
    headers = bearer(store, app_id)
    async with asgi_client(emulator(store)) as client:
        created = await client.post("/v1/users", json=FULL_USER, headers=headers)
        assert created.status_code == 201
        user = created.json()
        assert USER_ID.match(user["id"])
        assert user["_links"] == {"self": {"href": f"http://testserver/v1/users/{user['id']}"}}
        assert {k: v for k, v in user.items() if k not in ("id", "_links")} == FULL_USER

        by_id = (await client.get(f"/v1/users/{user['id']}", headers=headers)).json()
        by_name = (await client.get("/v1/users/zoë.ünal", headers=headers)).json()
        assert by_id == by_name == user

        patched = await client.patch(
            f"/v1/users/{user['id']}",
            json={
                "display_name": "Zoë",
                "image_url": None,
                "properties": {"custom_data": {"tier": "silver"}},
                "id": "USR-ignored",
            },
            headers=headers,
        )
        assert patched.status_code == 200
        after = patched.json()
        assert after["id"] == user["id"]
        assert after["display_name"] == "Zoë"
        assert "image_url" not in after
        assert after["properties"] == {
            "custom_data": {"tier": "silver", "nested": {"a": 1}},
            "ttl": 3600,
        }
        assert after["channels"] == FULL_USER["channels"]
        assert after["newer_field"] == {"kept": True}
        assert (await client.get(f"/v1/users/{user['id']}", headers=headers)).json() == after

        deleted = await client.delete("/v1/users/zoë.ünal", headers=headers)
        gone = await client.get(f"/v1/users/{user['id']}", headers=headers)
    assert deleted.status_code == 204 and deleted.content == b""
    assert_problem(gone, 404, code="user:error:not-found")


async def test_create_with_no_body_gets_a_generated_name():
    store = fresh()
    app_id = next(iter(store.applications))
    async with asgi_client(emulator(store)) as client:
        response = await client.post("/v1/users", headers=bearer(store, app_id))
    assert response.status_code == 201
    assert response.json()["name"].startswith("NAM-")


async def test_duplicate_names_are_a_409_on_create_and_on_rename():
    store = fresh()
    app_id = next(iter(store.applications))
    existing, other = list(store.users[app_id].values())[:2]
    headers = bearer(store, app_id)
    async with asgi_client(emulator(store)) as client:
        create = await client.post("/v1/users", json={"name": existing["name"]}, headers=headers)
        rename = await client.patch(
            f"/v1/users/{other['id']}", json={"name": existing["name"]}, headers=headers
        )
        same = await client.patch(
            f"/v1/users/{other['id']}", json={"name": other["name"]}, headers=headers
        )
    assert_problem(create, 409, code="user:error:duplicate-name")
    assert_problem(rename, 409, code="user:error:duplicate-name")
    assert same.status_code == 200
    assert store.users[app_id][other["id"]]["name"] == other["name"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {
                "image_url": "not a url",
                "properties": {"ttl": 2147483649},
                "channels": {
                    "pstn": [{"number": "447700900000"}],
                    "sip": [{"uri": "http://nope"}],
                    "websocket": [{"uri": "wss://ok.example.com/s", "content-type": "audio/mp3"}],
                    "vbc": [{}],
                },
            },
            {
                "image_url",
                "properties.ttl",
                "channels.pstn[0].number",
                "channels.sip[0].uri",
                "channels.websocket[0].content-type",
            },
        ),
        ({"channels": {"websocket": [{"uri": "https://not-a-socket"}]}}, {"channels.websocket[0].uri"}),
        ({"name": ""}, {"name"}),
        ({"channels": {"sms": {"number": "1"}}}, {"channels.sms"}),
    ],
    ids=["many", "websocket-uri", "empty-name", "channel-not-list"],
)  # fmt: skip
async def test_invalid_user_bodies_are_a_400_with_invalid_parameters(body, expected):
    store = fresh()
    app_id = next(iter(store.applications))
    count = len(store.users[app_id])
    async with asgi_client(emulator(store)) as client:
        response = await client.post("/v1/users", json=body, headers=bearer(store, app_id))
    problem = assert_problem(response, 400, code="http:error:validation-fail")
    assert {p["name"] for p in problem["invalid_parameters"]} >= expected
    assert all(p["reason"] for p in problem["invalid_parameters"])
    assert len(store.users[app_id]) == count


async def test_a_patch_that_breaks_a_limit_or_removes_the_name_changes_nothing():
    store = fresh()
    app_id = next(iter(store.applications))
    user = next(iter(store.users[app_id].values()))
    before = dict(user)
    headers = bearer(store, app_id)
    async with asgi_client(emulator(store)) as client:
        bad = await client.patch(
            f"/v1/users/{user['id']}", json={"properties": {"ttl": -1}}, headers=headers
        )
        nameless = await client.patch(f"/v1/users/{user['id']}", json={"name": None}, headers=headers)
    assert_problem(bad, 400, code="http:error:validation-fail")
    assert assert_problem(nameless, 400, code="http:error:validation-fail")["invalid_parameters"] == [
        {"name": "name", "reason": "cannot be removed"}
    ]
    assert store.users[app_id][user["id"]] == before


# --- cursor paging -----------------------------------------------------------------------


async def _walk(client, headers, first_url, rel="next"):
    pages, url = [], first_url
    while url:
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, response.text
        pages.append(response.json())
        url = pages[-1]["_links"].get(rel, {}).get("href")
        assert len(pages) < 50
    return pages


@pytest.mark.parametrize("order", ["asc", "desc", "DESC", "Asc"])
async def test_cursor_paging_visits_every_user_once_in_order_both_ways(seeded, order):
    app_id = list(seeded.applications)[1]
    expected = list(seeded.users[app_id])
    assert len(expected) >= 64
    if order.lower() == "desc":
        expected.reverse()
    headers = bearer(seeded, app_id)
    async with asgi_client(emulator(seeded)) as client:
        forward = await _walk(client, headers, f"/v1/users?page_size=10&order={order}")
        backward = await _walk(client, headers, forward[-1]["_links"]["self"]["href"], "prev")
    ids = [u["id"] for page in forward for u in page["_embedded"]["users"]]
    assert ids == expected
    full, rest = divmod(len(expected), 10)
    assert [len(p["_embedded"]["users"]) for p in forward] == [10] * full + ([rest] if rest else [])
    back_ids = [u["id"] for page in reversed(backward) for u in page["_embedded"]["users"]]
    assert back_ids == expected
    for page in forward:
        assert page["page_size"] == 10
        for rel, link in page["_links"].items():
            assert link["href"].startswith(
                f"http://testserver/v1/users?order={order.lower()}&page_size=10"
            ), rel
        for user in page["_embedded"]["users"]:
            assert set(user) <= {"id", "name", "display_name", "_links"}
            assert user["_links"]["self"]["href"] == f"http://testserver/v1/users/{user['id']}"
    assert "prev" not in forward[0]["_links"] and "next" not in forward[-1]["_links"]
    assert "cursor" not in forward[0]["_links"]["first"]["href"]
    assert "cursor" not in forward[0]["_links"]["self"]["href"]
    assert "cursor=" in forward[1]["_links"]["self"]["href"]


async def test_defaults_are_ten_ascending_and_links_follow_the_requests_host(seeded):
    app_id = list(seeded.applications)[1]
    transport = httpx.ASGITransport(app=emulator(seeded))
    async with httpx.AsyncClient(transport=transport, base_url="https://api-us-3.example:8443") as c:
        body = (await c.get("/v1/users", headers=bearer(seeded, app_id))).json()
    assert body["page_size"] == 10
    assert [u["id"] for u in body["_embedded"]["users"]] == list(seeded.users[app_id])[:10]
    assert body["_links"]["next"]["href"].startswith(
        "https://api-us-3.example:8443/v1/users?order=asc&page_size=10&cursor="
    )


async def test_a_cursor_still_works_after_its_boundary_user_is_deleted():
    store = EmulatorStore.seeded(apps=2, users_per_app=1, seed=3)
    app_id = list(store.applications)[1]
    everyone = list(store.users[app_id])
    headers = bearer(store, app_id)
    async with asgi_client(emulator(store)) as client:
        first = (await client.get("/v1/users?page_size=5", headers=headers)).json()
        await client.delete(f"/v1/users/{everyone[4]}", headers=headers)
        second = (await client.get(first["_links"]["next"]["href"], headers=headers)).json()
    assert [u["id"] for u in second["_embedded"]["users"]] == everyone[5:10]


async def test_the_name_filter_finds_one_user_and_keeps_itself_in_links(seeded):
    app_id = list(seeded.applications)[1]
    target = list(seeded.users[app_id].values())[17]
    async with asgi_client(emulator(seeded)) as client:
        response = await client.get(
            "/v1/users", params={"name": target["name"]}, headers=bearer(seeded, app_id)
        )
        nobody = await client.get(
            "/v1/users", params={"name": "nobody-by-this-name"}, headers=bearer(seeded, app_id)
        )
    body = response.json()
    assert [u["id"] for u in body["_embedded"]["users"]] == [target["id"]]
    assert "name=" in body["_links"]["self"]["href"]
    assert set(body["_links"]) == {"first", "self"}
    assert nobody.json()["_embedded"]["users"] == []


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"page_size": 0}, ["page_size"]),
        ({"page_size": 101}, ["page_size"]),
        ({"page_size": "many"}, ["page_size"]),
        ({"order": "sideways"}, ["order"]),
        ({"cursor": "bm9wZQ=="}, ["cursor"]),
        ({"cursor": "%%%"}, ["cursor"]),
    ],
)
async def test_bad_list_parameters_are_a_400_naming_them(seeded, params, names):
    app_id = next(iter(seeded.applications))
    async with asgi_client(emulator(seeded)) as client:
        response = await client.get("/v1/users", params=params, headers=bearer(seeded, app_id))
    problem = assert_problem(response, 400, code="http:error:validation-fail")
    assert [p["name"] for p in problem["invalid_parameters"]] == names


async def test_wrong_methods_on_users_are_405_with_a_code(seeded):
    app_id = next(iter(seeded.applications))
    async with asgi_client(emulator(seeded)) as client:
        response = await client.put("/v1/users/x", json={}, headers=bearer(seeded, app_id))
    assert_problem(response, 405, code="http:error:method-not-allowed")


def test_seeded_applications_share_the_key_pool():
    store = EmulatorStore.seeded(apps=5, users_per_app=0, seed=1)
    pool = {pair.private_pem for pair in key_pool()}
    assert {store.private_key_for(app_id) for app_id in store.applications} <= pool
