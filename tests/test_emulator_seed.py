"""Seed data: deterministic, realistic, valid, and cheap at any size."""

from __future__ import annotations

import re

import pytest

from vonage_tui.emulator import KEY_POOL_SIZE, EmulatorStore, key_pool
from vonage_tui.emulator import seed as seed_module
from vonage_tui.emulator.documents import application_body_violations, user_body_violations
from vonage_tui.keys import keys_match

UUID4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


@pytest.fixture(scope="module")
def demo() -> EmulatorStore:
    return EmulatorStore.seeded(apps=25, users_per_app=5, seed=1)


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not():
    one = EmulatorStore.seeded(apps=30, users_per_app=4, seed=3)
    two = EmulatorStore.seeded(apps=30, users_per_app=4, seed=3)
    other = EmulatorStore.seeded(apps=30, users_per_app=4, seed=4)
    assert one.applications == two.applications
    assert one.users == two.users
    assert set(one.applications).isdisjoint(other.applications)


def test_every_seeded_document_is_one_the_api_would_accept(demo):
    for document in demo.applications.values():
        assert application_body_violations(document) == [], document["name"]
        assert re.fullmatch(UUID4, document["id"])
    for users in demo.users.values():
        assert len({u["name"] for u in users.values()}) == len(users)  # unique per application
        for user in users.values():
            assert user_body_violations(user) == [], user
            assert re.fullmatch(f"USR-{UUID4}", user["id"])


def test_the_demo_shows_every_capability_and_the_awkward_cases(demo):
    apps = list(demo.applications.values())
    capabilities = [a.get("capabilities", {}) for a in apps]
    for name in ("voice", "messages", "rtc", "vbc", "network_apis", "meetings", "verify", "video"):
        assert any(name in c for c in capabilities), name
    assert any("privacy" in a for a in apps)
    voices = [c["voice"] for c in capabilities if "voice" in c]
    assert any("region" in v for v in voices)
    assert any("connect_timeout" in v["webhooks"]["answer_url"] for v in voices)
    assert any("payments" in v for v in voices)  # a field the spec does not list
    assert any("authenticate_inbound_media" in c.get("messages", {}) for c in capabilities)
    spellings = {frozenset(c["meetings"]["webhooks"]) for c in capabilities if "meetings" in c}
    assert frozenset({"recording_changed", "room_changed", "session_changed"}) in spellings
    assert frozenset({"recording_url", "rooms_url", "sessions_url"}) in spellings
    assert any(set(c["video"]["storage"]) == {"server_side_encryption", "end_to_end_encryption",
               "cloud_storage"} for c in capabilities if "video" in c)  # fmt: skip
    names = [a["name"] for a in apps]
    assert any("[b]x[/b]" in n for n in names)
    assert sum(1 for n in names if not n.isascii()) >= 3
    counts = sorted(len(users) for users in demo.users.values())
    assert counts[-1] >= 60 and counts[0] == 0


def test_two_thousand_applications_share_a_few_key_pairs(monkeypatch):
    made = []
    real = seed_module.generate_key_pair

    def counting():
        made.append(1)
        return real()

    monkeypatch.setattr(seed_module, "generate_key_pair", counting)
    key_pool.cache_clear()
    store = EmulatorStore.seeded(apps=2000, users_per_app=2, seed=9)
    assert len(made) == KEY_POOL_SIZE  # not one per application
    EmulatorStore.seeded(apps=2000, users_per_app=0, seed=10)
    assert len(made) == KEY_POOL_SIZE  # and made once per process
    assert len(store.applications) == 2000
    pairs = {
        (store.private_key_for(app_id), doc["keys"]["public_key"])
        for app_id, doc in store.applications.items()
    }
    assert len(pairs) == KEY_POOL_SIZE
    assert all(keys_match(private, public) for private, public in pairs)


def test_zero_users_per_app_seeds_no_users_and_negative_counts_are_refused():
    store = EmulatorStore.seeded(apps=4, users_per_app=0, seed=1)
    assert all(users == {} for users in store.users.values())
    assert len(store.users) == 4
    with pytest.raises(ValueError):
        EmulatorStore.seeded(apps=-1)


def test_crowded_applications_add_users_without_moving_the_applications(monkeypatch):
    crowded = EmulatorStore.seeded(apps=12, users_per_app=3, seed=5)
    monkeypatch.setattr(seed_module, "CROWDED_APPLICATIONS", {})
    plain = EmulatorStore.seeded(apps=12, users_per_app=3, seed=5)
    # The extra users come from their own random stream: applications (snapshots show them)
    # and the users seeded before are what the seed always gave.
    assert [
        {k: v for k, v in doc.items() if k != "keys"} for doc in crowded.applications.values()
    ] == [{k: v for k, v in doc.items() if k != "keys"} for doc in plain.applications.values()]
    for app_id, users in plain.users.items():
        assert list(crowded.users[app_id].items())[: len(users)] == list(users.items())
    counts = [len(users) for users in crowded.users.values()]
    assert counts[1] == 250 and counts[4] == 120  # hundreds: paging and the index have work


def test_the_crowded_application_has_every_channel_kind_and_the_odd_names(demo):
    users = max(demo.users.values(), key=len)
    names = [user["name"] for user in users.values()]
    kinds = {kind for user in users.values() for kind in user.get("channels", {})}
    assert kinds == {"pstn", "sip", "vbc", "websocket", "sms", "mms", "whatsapp", "viber",
                     "messenger"}
    assert "[red]alarm[/red]" in names
    assert any(len(name) > 100 for name in names)
    assert any(not name.isascii() for name in names)
    assert any("\x1b" in name for name in names)
