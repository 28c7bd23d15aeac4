"""Latency and fault injection: what each fault looks like on the wire, and that it replays."""

from __future__ import annotations

import asyncio
import itertools
import json
import time

import pytest

from tests.emulator_http import asgi_client, basic, bearer, emulator
from vonage_tui.emulator import (
    FAULT_HEADER,
    FAULT_KINDS,
    HOSTILE_KINDS,
    EmulatorStore,
    fault_schedule,
)


def first(n: int, rate: float, seed: int, kinds: tuple = FAULT_KINDS) -> list:
    return list(itertools.islice(fault_schedule(rate, seed, kinds), n))


def test_the_schedule_is_a_function_of_rate_and_seed():
    assert first(300, 0.3, 5) == first(300, 0.3, 5)
    assert first(300, 0.3, 5) != first(300, 0.3, 6)
    assert first(300, 0.0, 5) == [None] * 300
    always = first(300, 1.0, 5)
    assert None not in always and set(always) == set(FAULT_KINDS)
    share = sum(f is not None for f in first(2000, 0.25, 1)) / 2000
    assert 0.2 < share < 0.3


@pytest.mark.parametrize("rate", [-0.1, 1.5])
def test_a_rate_outside_zero_to_one_is_refused(rate):
    with pytest.raises(ValueError):
        emulator(fault_rate=rate)


async def test_each_fault_looks_as_documented_and_follows_the_schedule():
    store = EmulatorStore.seeded(apps=3, users_per_app=0, seed=2)
    app = emulator(store, fault_rate=1.0, fault_seed=42, fault_slow_ms=1)
    async with asgi_client(app) as client:
        responses = [await client.get("/v2/applications", headers=basic()) for _ in range(30)]
    expected = first(30, 1.0, 42)
    assert app.state.faults.injected == expected
    async with asgi_client(emulator(store)) as client:
        clean = (await client.get("/v2/applications", headers=basic())).content
    for fault, response in zip(expected, responses, strict=True):
        assert response.headers[FAULT_HEADER] == fault
        if fault == "error-500":
            assert response.status_code == 500 and response.json()["title"]
        elif fault == "error-503":
            assert response.status_code == 503 and response.json()["instance"]
        elif fault == "rate-limit":
            assert response.status_code == 429
            assert response.headers["retry-after"] == "1"
        elif fault == "slow":
            assert response.status_code == 200 and response.content == clean
        else:  # truncated: a complete HTTP message whose JSON is cut short
            assert response.status_code == 200
            assert int(response.headers["content-length"]) == len(response.content)
            assert clean.startswith(response.content) and len(response.content) < len(clean)
            with pytest.raises(json.JSONDecodeError):
                json.loads(response.content)
    assert set(expected) == set(FAULT_KINDS)


async def test_the_same_seed_fails_the_same_requests():
    async def statuses(seed: int) -> list[int]:
        app = emulator(fault_rate=0.5, fault_seed=seed, fault_slow_ms=1)
        async with asgi_client(app) as client:
            return [
                (await client.get("/v2/applications", headers=basic())).status_code
                for _ in range(25)
            ]

    run = await statuses(8)
    assert run == await statuses(8)
    assert any(status != 200 for status in run) and 200 in run


async def test_a_rate_limited_request_changes_nothing():
    store = EmulatorStore()
    app = emulator(store, fault_rate=1.0, fault_seed=0, fault_slow_ms=1)
    schedule = first(20, 1.0, 0)
    async with asgi_client(app) as client:
        for fault in schedule:
            response = await client.post("/v2/applications", json={"name": "x"}, headers=basic())
            if fault in ("error-500", "error-503", "rate-limit"):
                assert response.status_code in (429, 500, 503)
            if fault in ("slow", "truncated"):
                break  # the next one would be served: stop before generating a key
    assert len(store.applications) == (1 if fault in ("slow", "truncated") else 0)


async def test_latency_delays_every_response():
    app = emulator(latency_ms=60)
    async with asgi_client(app) as client:
        started = time.perf_counter()
        response = await client.get("/v2/applications", headers=basic())
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert elapsed >= 0.06


# --- request ids and hostile behaviours --------------------------------------------------------


async def test_every_response_has_a_request_id_and_a_problem_s_is_its_instance():
    app = emulator(EmulatorStore.seeded(apps=2, users_per_app=0, seed=2))
    async with asgi_client(app) as client:
        ok = await client.get("/v2/applications", headers=basic())
        missing = await client.get("/v2/applications/nope", headers=basic())
    assert len(ok.headers["x-request-id"]) == 32
    assert missing.status_code == 404
    assert missing.headers["x-request-id"] == missing.json()["instance"]


def seed_drawing_first(kinds: tuple, wanted: str) -> int:
    return next(seed for seed in range(1000) if first(1, 1.0, seed, kinds)[0] == wanted)


async def test_hostile_drawn_faults_look_as_documented():
    store = EmulatorStore.seeded(apps=1, users_per_app=0, seed=2)
    hostile = ["huge-errors", "trickle", "osc-429"]
    app = emulator(store, fault_rate=1.0, fault_seed=9, fault_slow_ms=1, hostile=hostile,
                   trickle_seconds=0)
    async with asgi_client(app) as client:
        responses = [await client.get("/v2/applications", headers=basic()) for _ in range(40)]
    async with asgi_client(emulator(store)) as client:
        clean = (await client.get("/v2/applications", headers=basic())).content
    injected = app.state.faults.injected
    assert set(hostile) <= set(injected)
    for fault, response in zip(injected, responses, strict=True):
        assert response.headers[FAULT_HEADER] == fault
        if fault == "huge-errors":
            assert response.status_code == 500
            body = response.json()
            assert body["title"] == "Internal Server Error" and len(body["detail"]) > 10_000_000
        elif fault == "trickle":
            assert response.status_code == 200 and response.content == clean
        elif fault == "osc-429":
            assert response.status_code == 429 and response.headers["retry-after"] == "1"
            assert "\x1b]52;c;" in response.json()["title"]
    start = injected.index("osc-429")
    assert injected[start:start + 5] == ["osc-429"] * 5  # a storm, not a single drop


async def test_a_hanging_request_answers_nothing():
    kinds = (*FAULT_KINDS, "hang")
    app = emulator(fault_rate=1.0, fault_seed=seed_drawing_first(kinds, "hang"), hostile=["hang"])
    async with asgi_client(app) as client:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(client.get("/v2/applications", headers=basic()), 0.2)
    assert app.state.faults.injected == ["hang"]


async def test_lying_pages_and_duplicate_ids_change_every_list_page():
    store = EmulatorStore.seeded(apps=12, users_per_app=3, seed=2)
    app = emulator(store, hostile=["lying-pages", "duplicate-ids"])
    app_id = next(iter(store.applications))
    async with asgi_client(app) as client:
        page = (await client.get("/v2/applications?page_size=5", headers=basic())).json()
        one = await client.get(f"/v2/applications/{app_id}", headers=basic())
        users = (await client.get("/v1/users", headers=bearer(store, app_id))).json()
    assert page["total_pages"] == 100_000 and page["total_items"] == 12
    apps = page["_embedded"]["applications"]
    assert len(apps) == 6 and apps[-1] == apps[0]
    assert users["_embedded"]["users"][-1] == users["_embedded"]["users"][0]
    assert one.status_code == 200 and one.json()["id"] == app_id  # single documents untouched


def test_hostile_names_are_checked():
    with pytest.raises(ValueError, match="unknown hostile behaviour 'evil'"):
        emulator(hostile=["evil"])
    assert emulator(hostile=["all"]).state.faults.hostile == set(HOSTILE_KINDS)
    assert emulator().state.faults.hostile == set()


def test_the_demo_server_accepts_hostile_options():
    from vonage_tui.emulator.cli import build_parser

    args = build_parser().parse_args(["--hostile", "trickle,lying-pages", "--fault-rate", "0.2"])
    assert args.hostile == {"trickle", "lying-pages"}
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--hostile", "nope"])
