"""The Application API v2 endpoints of the emulator, over raw HTTP."""

from __future__ import annotations

import pytest

from tests.emulator_http import (
    API_KEY,
    API_SECRET,
    asgi_client,
    assert_problem,
    basic,
    emulator,
)
from vonage_tui.emulator import EmulatorStore, key_pool
from vonage_tui.keys import keys_match


def public_pem() -> str:
    return key_pool()[0].public_pem


def store_with(count: int) -> EmulatorStore:
    store = EmulatorStore()
    for index in range(count):
        store.add_application({"name": f"App {index}", "keys": {"public_key": public_pem()}})
    return store


RICH_BODY = {
    "name": "Café Résumé ☕",
    "keys": {"public_key": None},  # filled per test
    "capabilities": {
        "voice": {
            "webhooks": {
                "answer_url": {
                    "address": "https://example.com/answer",
                    "http_method": "GET",
                    "connect_timeout": 500,
                    "socket_timeout": 3000,
                    "brand_new_flag": True,
                },
                "event_url": {"address": "https://example.com/event", "http_method": "POST"},
            },
            "payments": {"gateways": [{"type": "Stripe", "mode": "test"}]},
        },
        "messages": {
            "webhooks": {
                "inbound_url": {"address": "https://example.com/in", "http_method": "POST"},
                "status_url": {"address": "https://example.com/st", "http_method": "POST"},
            },
            "authenticate_inbound_media": True,
        },
        "teleport": {"beam_url": "https://example.com/beam"},
    },
    "future_top_level": {"nested": [1, 2, {"deep": "kept"}]},
}


def rich_body() -> dict:
    import copy

    body = copy.deepcopy(RICH_BODY)
    body["keys"]["public_key"] = public_pem()
    return body


# --- listing and page paging -------------------------------------------------------------


async def test_an_empty_account_lists_zero_pages_with_links():
    async with asgi_client(emulator()) as client:
        response = await client.get("/v2/applications", headers=basic())
    assert response.status_code == 200
    body = response.json()
    assert body["total_items"] == 0
    assert body["total_pages"] == 0
    assert body["page"] == 1
    assert body["page_size"] == 10
    assert body["_embedded"] == {"applications": []}
    assert set(body["_links"]) == {"self", "first", "last"}
    assert body["_links"]["self"]["href"] == "/v2/applications?page_size=10&page=1"


async def test_pages_walk_every_application_once_with_relative_links():
    store = store_with(7)
    seen: list[str] = []
    async with asgi_client(emulator(store)) as client:
        pages = []
        for page in (1, 2, 3):
            response = await client.get(
                "/v2/applications", params={"page_size": 3, "page": page}, headers=basic()
            )
            assert response.status_code == 200
            pages.append(response.json())
    for body in pages:
        assert body["total_items"] == 7
        assert body["total_pages"] == 3
        for app in body["_embedded"]["applications"]:
            assert app["_links"] == {"self": {"href": f"/v2/applications/{app['id']}"}}
            assert "private_key" not in app["keys"]
            seen.append(app["id"])
    assert seen == list(store.applications)
    assert [len(p["_embedded"]["applications"]) for p in pages] == [3, 3, 1]
    first, middle, last = (p["_links"] for p in pages)
    assert "prev" not in first and first["next"]["href"] == "/v2/applications?page_size=3&page=2"
    assert middle == {
        "self": {"href": "/v2/applications?page_size=3&page=2"},
        "first": {"href": "/v2/applications?page_size=3&page=1"},
        "last": {"href": "/v2/applications?page_size=3&page=3"},
        "next": {"href": "/v2/applications?page_size=3&page=3"},
        "prev": {"href": "/v2/applications?page_size=3&page=1"},
    }
    assert "next" not in last and last["prev"]["href"] == "/v2/applications?page_size=3&page=2"


async def test_a_page_past_the_end_is_empty_not_an_error():
    async with asgi_client(emulator(store_with(2))) as client:
        response = await client.get(
            "/v2/applications", params={"page": 5, "page_size": 10}, headers=basic()
        )
    assert response.status_code == 200
    assert response.json()["_embedded"]["applications"] == []
    assert "next" not in response.json()["_links"]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"page": 0}, ["page"]),
        ({"page_size": "ten"}, ["page_size"]),
        ({"page_size": 0, "page": -1}, ["page", "page_size"]),
        ({"page_size": 101}, ["page_size"]),
    ],
)
async def test_bad_paging_parameters_are_a_400_naming_them(params, names):
    async with asgi_client(emulator()) as client:
        response = await client.get("/v2/applications", params=params, headers=basic())
    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalid_parameters"]] == names


# --- authentication ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        basic(API_KEY, "wrong"),
        basic("wrong", API_SECRET),
        {"Authorization": "Basic not*base64"},
        {"Authorization": "Bearer abc"},
    ],
    ids=["none", "bad-secret", "bad-key", "garbage", "bearer"],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v2/applications"),
        ("POST", "/v2/applications"),
        ("GET", "/v2/applications/{id}"),
        ("PUT", "/v2/applications/{id}"),
        ("DELETE", "/v2/applications/{id}"),
    ],
)
async def test_every_application_endpoint_refuses_bad_credentials(headers, method, path):
    store = store_with(1)
    app_id = next(iter(store.applications))
    async with asgi_client(emulator(store)) as client:
        response = await client.request(
            method, path.format(id=app_id), headers=headers, json={"name": "x"}
        )
    body = assert_problem(response, 401)
    assert body["title"] == "Unauthorized"
    assert store.applications[app_id]["name"] == "App 0"  # nothing changed


# --- create ------------------------------------------------------------------------------


async def test_create_without_a_public_key_returns_the_private_key_exactly_once():
    store = EmulatorStore()
    async with asgi_client(emulator(store)) as client:
        created = await client.post("/v2/applications", json={"name": "Fresh"}, headers=basic())
        assert created.status_code == 201
        body = created.json()
        private_pem = body["keys"]["private_key"]
        assert keys_match(private_pem, body["keys"]["public_key"])
        assert body["_links"]["self"]["href"] == f"/v2/applications/{body['id']}"
        fetched = (await client.get(f"/v2/applications/{body['id']}", headers=basic())).json()
        listed = (await client.get("/v2/applications", headers=basic())).json()
    assert fetched["keys"] == {"public_key": body["keys"]["public_key"]}
    assert "private_key" not in listed["_embedded"]["applications"][0]["keys"]
    assert "private_key" not in store.applications[body["id"]]["keys"]
    assert store.private_key_for(body["id"]) == private_pem


async def test_create_with_a_public_key_keeps_it_and_returns_no_private_key():
    store = EmulatorStore()
    async with asgi_client(emulator(store)) as client:
        response = await client.post(
            "/v2/applications",
            json={"name": "Mine", "keys": {"public_key": public_pem()}},
            headers=basic(),
        )
    assert response.status_code == 201
    assert response.json()["keys"] == {"public_key": public_pem()}
    assert store.private_key_for(response.json()["id"]) is None


async def test_unknown_fields_survive_create_and_get_at_every_level():
    async with asgi_client(emulator()) as client:
        created = (await client.post("/v2/applications", json=rich_body(), headers=basic())).json()
        fetched = (await client.get(f"/v2/applications/{created['id']}", headers=basic())).json()
    for document in (created, fetched):
        capabilities = document["capabilities"]
        assert document["name"] == "Café Résumé ☕"
        assert document["future_top_level"] == {"nested": [1, 2, {"deep": "kept"}]}
        assert capabilities["voice"]["payments"] == {"gateways": [{"type": "Stripe", "mode": "test"}]}
        assert capabilities["voice"]["webhooks"]["answer_url"]["brand_new_flag"] is True
        assert capabilities["messages"]["authenticate_inbound_media"] is True
        assert capabilities["teleport"] == {"beam_url": "https://example.com/beam"}
        # Documented defaults are filled in, as the real API does.
        assert capabilities["voice"]["conversations_ttl"] == 48
        assert capabilities["voice"]["leg_persistence_time"] == 2
        assert capabilities["voice"]["signed_callbacks"] is True
        assert capabilities["messages"]["version"] == "v1"
        assert document["privacy"] == {"improve_ai": True}
    assert list(fetched)[:2] == ["id", "name"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, {"name": "is required"}),
        ({"name": "  "}, {"name": "is required"}),
        ({"name": 7}, {"name": "must be text"}),
        (
            {
                "name": "x",
                "capabilities": {
                    "voice": {
                        "webhooks": {
                            "answer_url": {
                                "address": "ftp://nope",
                                "http_method": "PUT",
                                "connect_timeout": 100,
                                "socket_timeout": 6000,
                            },
                            "event_url": {"address": "https://e.x", "socket_timeout": 10000},
                        },
                        "conversations_ttl": 9001,
                        "leg_persistence_time": 0,
                        "region": "mars-north",
                    }
                },
            },
            {
                "capabilities.voice.webhooks.answer_url.address": "must be an absolute http:// or https:// URL",
                "capabilities.voice.webhooks.answer_url.http_method": "must be one of GET, POST",
                "capabilities.voice.webhooks.answer_url.connect_timeout": "must be between 300 and 1000 ms",
                "capabilities.voice.webhooks.answer_url.socket_timeout": "must be between 1000 and 5000 ms",
                "capabilities.voice.conversations_ttl": "must be between 1 and 9000 h",
                "capabilities.voice.leg_persistence_time": "must be between 1 and 31 days",
                "capabilities.voice.region": "must be one of na-east, na-west, eu-east, eu-west, apac-sng, apac-australia",
            },
        ),
        (
            {
                "name": "x",
                "capabilities": {
                    "messages": {"webhooks": {"inbound_url": {"address": "https://a.b", "http_method": "GET"}}},
                    "vbc": {"x": 1},
                    "verify": {"version": "v1"},
                    "video": "on",
                },
            },
            {
                "capabilities.messages.webhooks.inbound_url.http_method": "must be one of POST",
                "capabilities.vbc": "must be an empty object",
                "capabilities.verify.version": "must be one of v2",
                "capabilities.video": "must be an object",
            },
        ),
        (
            {"name": "x", "keys": {"public_key": "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----"}},
            {"keys.public_key": "must be a PEM-encoded RSA public key"},
        ),
        ({"name": "x", "privacy": {"improve_ai": "yes"}}, {"privacy.improve_ai": "must be true or false"}),
    ],
    ids=["empty", "blank-name", "name-not-text", "voice-limits", "other-capabilities", "bad-key", "privacy"],
)  # fmt: skip
async def test_invalid_bodies_are_a_400_with_invalid_parameters(body, expected):
    store = EmulatorStore()
    async with asgi_client(emulator(store)) as client:
        response = await client.post("/v2/applications", json=body, headers=basic())
    problem = assert_problem(response, 400)
    assert problem["type"].endswith("#payload-validation")
    assert {p["name"]: p["reason"] for p in problem["invalid_parameters"]} == expected
    assert store.applications == {}


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'"name"'])
async def test_a_body_that_is_not_a_json_object_is_a_400(content):
    async with asgi_client(emulator()) as client:
        response = await client.post(
            "/v2/applications",
            content=content,
            headers={**basic(), "Content-Type": "application/json"},
        )
    problem = assert_problem(response, 400)
    assert problem["invalid_parameters"] == [{"name": "body", "reason": "must be a JSON object"}]


# --- get, replace, delete ----------------------------------------------------------------


async def test_get_an_unknown_application_is_a_vonage_404():
    async with asgi_client(emulator()) as client:
        response = await client.get("/v2/applications/does-not-exist", headers=basic())
    body = assert_problem(response, 404)
    assert "does-not-exist" in body["detail"]


async def test_put_replaces_the_whole_application_but_keeps_the_key_when_omitted():
    store = EmulatorStore()
    async with asgi_client(emulator(store)) as client:
        created = (await client.post("/v2/applications", json=rich_body(), headers=basic())).json()
        app_id = created["id"]
        replacement = {
            "id": "someone-elses-id",
            "_links": {"self": {"href": "/elsewhere"}},
            "name": "Renamed",
            "capabilities": {"messages": created["capabilities"]["messages"]},
            "newer_field": "kept",
        }
        response = await client.put(f"/v2/applications/{app_id}", json=replacement, headers=basic())
        fetched = (await client.get(f"/v2/applications/{app_id}", headers=basic())).json()
    assert response.status_code == 200
    for document in (response.json(), fetched):
        assert document["id"] == app_id
        assert document["name"] == "Renamed"
        assert set(document["capabilities"]) == {"messages"}  # voice and teleport removed
        assert document["capabilities"]["messages"]["authenticate_inbound_media"] is True
        assert document["keys"] == {"public_key": public_pem()}
        assert document["newer_field"] == "kept"
        assert "future_top_level" not in document
        assert document["_links"] == {"self": {"href": f"/v2/applications/{app_id}"}}
    assert list(store.applications) == [app_id]


async def test_put_with_a_new_public_key_replaces_it_and_forgets_the_old_private_key():
    store = EmulatorStore()
    async with asgi_client(emulator(store)) as client:
        created = (await client.post("/v2/applications", json={"name": "A"}, headers=basic())).json()
        assert store.private_key_for(created["id"]) is not None
        response = await client.put(
            f"/v2/applications/{created['id']}",
            json={"name": "A", "keys": {"public_key": key_pool()[1].public_pem}},
            headers=basic(),
        )
    assert response.json()["keys"] == {"public_key": key_pool()[1].public_pem}
    assert store.private_key_for(created["id"]) is None


async def test_put_needs_a_name_and_an_existing_application():
    store = store_with(1)
    app_id = next(iter(store.applications))
    async with asgi_client(emulator(store)) as client:
        nameless = await client.put(f"/v2/applications/{app_id}", json={}, headers=basic())
        missing = await client.put("/v2/applications/nope", json={"name": "x"}, headers=basic())
    assert assert_problem(nameless, 400)["invalid_parameters"] == [
        {"name": "name", "reason": "is required"}
    ]
    assert_problem(missing, 404)
    assert store.applications[app_id]["name"] == "App 0"


async def test_delete_removes_the_application_and_its_users():
    store = EmulatorStore.seeded(apps=3, users_per_app=2, seed=4)
    app_id = list(store.applications)[1]
    assert store.users[app_id]
    async with asgi_client(emulator(store)) as client:
        deleted = await client.delete(f"/v2/applications/{app_id}", headers=basic())
        again = await client.delete(f"/v2/applications/{app_id}", headers=basic())
        fetched = await client.get(f"/v2/applications/{app_id}", headers=basic())
    assert deleted.status_code == 204 and deleted.content == b""
    assert_problem(again, 404)
    assert_problem(fetched, 404)
    assert app_id not in store.applications and app_id not in store.users
    assert store.private_key_for(app_id) is None


# --- routing -----------------------------------------------------------------------------


async def test_wrong_methods_and_unknown_routes_answer_with_problem_bodies():
    store = store_with(1)
    app_id = next(iter(store.applications))
    async with asgi_client(emulator(store)) as client:
        patched = await client.patch(f"/v2/applications/{app_id}", json={}, headers=basic())
        unknown = await client.get("/v2/numbers", headers=basic())
    body = assert_problem(patched, 405)
    assert "PATCH" in body["detail"]
    assert set(patched.headers["allow"].replace(" ", "").split(",")) >= {"GET", "PUT", "DELETE"}
    assert_problem(unknown, 404)
