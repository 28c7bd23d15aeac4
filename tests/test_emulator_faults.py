"""Latency and fault injection: what each fault looks like on the wire, and that it replays."""

from __future__ import annotations

import itertools
import json
import time

import pytest

from tests.test_emulator_support import asgi_client, basic, emulator
from vonage_tui.emulator import FAULT_HEADER, FAULT_KINDS, EmulatorStore, fault_schedule


def first(n: int, rate: float, seed: int) -> list:
    return list(itertools.islice(fault_schedule(rate, seed), n))


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
