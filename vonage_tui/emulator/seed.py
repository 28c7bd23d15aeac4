"""Deterministic, realistic seed data: what a busy Vonage account looks like.

The same seed gives the same applications and users (ids included), so screenshots and
benchmarks are repeatable. Names vary (accents, scripts, one that looks like console markup),
every capability appears somewhere (meetings under both webhook spellings), some documents
carry fields the spec does not list, and one application has many users.

Seeding 2,000 applications takes well under a second because they share a small pool of key
pairs made once per process: a fresh RSA-2048 pair costs ~50 ms, so one per application would
take minutes. The pool's keys are real, so seeded applications accept real JWTs.
"""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Mapping
from functools import cache
from typing import Any, Protocol

from vonage_tui.keys import KeyPair, generate_key_pair
from vonage_tui.models.limits import REGIONS

KEY_POOL_SIZE = 3
BUSY_APPLICATION_USERS = 64  # one application has at least this many users
CROWDED_APPLICATIONS = {1: 250, 4: 120}
"""Application index → users it is topped up to (when users are seeded): hundreds of users,
so paging, reading ahead and the all-users filter have something to do."""

CAPABILITIES = (
    "voice", "messages", "rtc", "vbc", "network_apis", "meetings", "verify", "video", "privacy",
)  # fmt: skip
VIDEO_WEBHOOKS = (
    "archive_status", "connection_created", "connection_destroyed", "session_created",
    "session_destroyed", "session_notification", "stream_created", "stream_destroyed",
    "render_status", "captions_status", "broadcast_status", "sip_call_created",
    "sip_call_updated", "sip_call_destroyed", "sip_call_mute_forced",
)  # fmt: skip

_TEAMS = (
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Soylent",
    "Café Lumière", "Zürich Transit", "Société Générale Démo", "Ålesund Fisk", "Łódź Taxi",
    "東京 Clinic", "Москва Delivery", "São Paulo Pizza", "Ελληνικά Tours", "مطعم السلام",
    "Müller & Söhne", "Nordic Ünicorn", "Δelta Labs",
)  # fmt: skip
_PRODUCTS = (
    "Support Line", "Appointment Reminders", "2FA", "Call Center", "Order Updates",
    "Field Dispatch", "Video Consults", "Chat Widget", "IVR", "Voicemail", "Alerts",
    "Sales Hotline", "Delivery Tracking", "Verify Login", "Webinar Rooms", "Outbound Dialer",
)  # fmt: skip
_STAGES = ("", "", "", " (staging)", " (prod)", " (dev)", " – EU", " – US", " v2", " [legacy]")
_MARKUP_NAME = "[b]x[/b] Markup [red]Test[/red]"

_GIVEN = (
    "alice", "bob", "carol", "dave", "eve", "frank", "grace", "heidi", "ivan", "judy",
    "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter",
    "zoë", "józef", "sørina", "çağla", "åsa", "élodie", "nguyễn", "李雷", "ольга", "fatima",
)  # fmt: skip
_FAMILY = (
    "martin", "smith", "garcía", "müller", "rossi", "kowalski", "dubois", "ünal", "tanaka",
    "o'brien", "nakamura", "silva", "andersen", "novák", "petrov", "chen", "nguyen",
)  # fmt: skip


@cache
def key_pool() -> tuple[KeyPair, ...]:
    """A few real key pairs, made once per process and shared by every seeded application."""
    return tuple(generate_key_pair() for _ in range(KEY_POOL_SIZE))


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _host(rng: random.Random, team: str) -> str:
    slug = "".join(c for c in team.lower() if c in string.ascii_lowercase) or "example"
    return f"https://{slug}.{rng.choice(('example.com', 'example.net', 'example.org'))}"


def _hook(address: str, method: str = "POST") -> dict[str, Any]:
    return {"address": address, "http_method": method}


def _voice(rng: random.Random, host: str) -> dict[str, Any]:
    def timed(path: str, socket_max: int) -> dict[str, Any]:
        hook = _hook(f"{host}{path}", rng.choice(("GET", "POST")))
        if rng.random() < 0.7:
            hook["connect_timeout"] = rng.choice((300, 500, 800, 1000))
            hook["socket_timeout"] = rng.choice((1000, 3000, socket_max))
        return hook

    webhooks = {"answer_url": timed("/webhooks/answer", 5000)}
    if rng.random() < 0.4:
        webhooks["fallback_answer_url"] = timed("/webhooks/fallback", 5000)
    webhooks["event_url"] = timed("/webhooks/event", 10000)
    voice: dict[str, Any] = {
        "webhooks": webhooks,
        "signed_callbacks": rng.random() < 0.8,
        "conversations_ttl": rng.choice((12, 48, 48, 720, 9000)),
        "leg_persistence_time": rng.choice((1, 2, 2, 7, 31)),
    }
    if rng.random() < 0.6:
        voice["region"] = rng.choice(REGIONS)
    return voice


def _meetings(host: str, *, put_spelling: bool) -> dict[str, Any]:
    # Responses say *_changed; the PUT section of the spec says *_url. Seed both spellings.
    names = ("recording_changed", "room_changed", "session_changed")
    if put_spelling:
        names = ("recording_url", "rooms_url", "sessions_url")
    return {"webhooks": {n: _hook(f"{host}/meetings/{n}") for n in names}}


def _capability(name: str, rng: random.Random, host: str) -> dict[str, Any]:
    if name == "voice":
        return _voice(rng, host)
    if name == "messages":
        return {
            "version": rng.choice(("v0.1", "v1")),
            "webhooks": {
                "inbound_url": _hook(f"{host}/webhooks/inbound"),
                "status_url": _hook(f"{host}/webhooks/status"),
            },
        }
    if name == "rtc":
        return {
            "webhooks": {"event_url": _hook(f"{host}/rtc/events", rng.choice(("GET", "POST")))},
            "signed_callbacks": rng.random() < 0.8,
        }
    if name == "vbc":
        return {}
    if name == "network_apis":
        alphabet = string.ascii_letters + string.digits
        return {
            "network_application_id": "".join(rng.choice(alphabet) for _ in range(29)),
            "redirect_uri": f"{host}/oauth/callback",
        }
    if name == "meetings":
        return _meetings(host, put_spelling=rng.random() < 0.3)
    if name == "verify":
        return {"version": "v2", "webhooks": {"status_url": _hook(f"{host}/verify/status")}}
    if name == "video":
        chosen = [n for n in VIDEO_WEBHOOKS if rng.random() < 0.4] or ["archive_status"]
        return {
            "webhooks": {
                n: {"address": f"{host}/video/{n}", "active": rng.random() < 0.85} for n in chosen
            },
            "storage": {
                "server_side_encryption": rng.random() < 0.3,
                "end_to_end_encryption": rng.random() < 0.2,
                "cloud_storage": rng.random() < 0.5,
            },
        }
    raise ValueError(name)


def application_body(index: int, rng: random.Random) -> dict[str, Any]:
    """The create body of the ``index``-th seeded application."""
    team = rng.choice(_TEAMS)
    name = f"{team} {rng.choice(_PRODUCTS)}{rng.choice(_STAGES)}"
    if index == 2:
        name = _MARKUP_NAME
    host = _host(rng, team)
    if index == 0:  # the kitchen sink: every capability, so any seed size shows them all
        chosen = list(CAPABILITIES)
    else:
        chosen = [CAPABILITIES[index % len(CAPABILITIES)]]
        chosen += [c for c in CAPABILITIES if c not in chosen and rng.random() < 0.3]
    capabilities = {
        c: _capability(c, rng, host) for c in CAPABILITIES if c in chosen and c != "privacy"
    }
    if index in (0, 1):  # both spellings of the meetings webhooks, whatever the dice said
        capabilities["meetings"] = _meetings(host, put_spelling=index == 1)
    # Fields real accounts carry that the spec does not list: they must survive edits.
    if "voice" in capabilities and (index == 0 or rng.random() < 0.25):
        capabilities["voice"]["payments"] = {"gateways": [{"type": "Stripe", "mode": "test"}]}
    if "messages" in capabilities and (index == 0 or rng.random() < 0.3):
        capabilities["messages"]["authenticate_inbound_media"] = rng.random() < 0.5
    body: dict[str, Any] = {"name": name, "capabilities": capabilities}
    if "privacy" in chosen or rng.random() < 0.5:
        body["privacy"] = {"improve_ai": rng.random() < 0.5}
    return body


def user_body(index: int, rng: random.Random, taken: set[str]) -> dict[str, Any]:
    """A user with a unique name among ``taken`` (which it extends) and a few channels."""
    given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
    name = f"{given}.{family}".replace("'", "")
    while name in taken:
        name = f"{given}.{family}{rng.randrange(2, 999)}".replace("'", "")
    taken.add(name)
    body: dict[str, Any] = {"name": name}
    if rng.random() < 0.85:
        display = f"{given.title()} {family.title()}"
        body["display_name"] = "[b]x[/b]" if index == 3 else display
    if rng.random() < 0.4:
        body["image_url"] = f"https://avatars.example.com/{rng.randrange(10**6)}.png"
    if rng.random() < 0.5:
        properties: dict[str, Any] = {"custom_data": {"tier": rng.choice(("gold", "silver"))}}
        if rng.random() < 0.5:
            properties["ttl"] = rng.choice((3600, 86400, 604800))
        body["properties"] = properties
    channels: dict[str, Any] = {}
    number = str(rng.randrange(447700900000, 447700999999))
    if rng.random() < 0.5:
        channels["pstn"] = [{"number": int(number)}]
    if rng.random() < 0.3:
        local = name.encode("ascii", "ignore").decode() or "user"
        channels["sip"] = [
            {"uri": f"sip:{local}@sip.example.com;transport=tls",
             "username": name, "password": "not-a-real-password"}
        ]  # fmt: skip
    if rng.random() < 0.2:
        channels["websocket"] = [
            {"uri": "wss://media.example.com/socket", "content-type": "audio/l16;rate=16000",
             "headers": {"customer_id": f"C{rng.randrange(10**5)}"}}
        ]  # fmt: skip
    for kind in ("sms", "mms", "whatsapp", "viber"):
        if rng.random() < 0.2:
            channels[kind] = [{"number": number}]
    if rng.random() < 0.15:
        channels["vbc"] = [{"extension": str(rng.randrange(100, 999))}]
    if rng.random() < 0.1:
        channels["messenger"] = [{"id": f"{rng.getrandbits(40):x}"}]
    if channels:
        body["channels"] = channels
    return body


def _user_count(index: int, apps: int, users_per_app: int, rng: random.Random) -> int:
    if users_per_app <= 0:
        return 0
    if index == 1 % apps:
        return max(BUSY_APPLICATION_USERS, users_per_app)
    if index % 7 == 3:  # plenty of real applications have no users at all
        return 0
    spread = users_per_app // 2
    return max(0, users_per_app + rng.randint(-spread, spread))


class SeedTarget(Protocol):
    """What seeding fills (the emulator's store, which imports this module: the seed data
    does not import it back)."""

    users: Mapping[str, Mapping[str, Mapping[str, Any]]]
    """Application id → user id → user: the top-up counts and avoids the names already there."""

    def insert_application(self, body: Mapping[str, Any], *, app_id: str, public_key: str,
                           private_key: str | None = None) -> dict[str, Any]: ...

    def insert_user(self, app_id: str, body: Mapping[str, Any], *, user_id: str,
                    name: str) -> dict[str, Any]: ...


def _odd_users() -> list[dict[str, Any]]:
    """Users a list must survive: every channel kind at once, names that are markup, long,
    in other scripts, or carry terminal control characters."""
    every_kind = {
        "pstn": [{"number": 447700900001}],
        "sip": [{"uri": "sip:every.kind@sip.example.com", "username": "every",
                 "password": "not-a-real-password"}],
        "vbc": [{"extension": "401"}],
        "websocket": [{"uri": "wss://media.example.com/socket",
                       "content-type": "audio/l16;rate=8000"}],
        "sms": [{"number": "447700900001"}],
        "mms": [{"number": "447700900001"}],
        "whatsapp": [{"number": "447700900001"}],
        "viber": [{"number": "447700900001"}],
        "messenger": [{"id": "12345678"}],
    }
    long_name = "a.very.long.user.name." + ".".join(["with-many-parts"] * 8)
    return [
        {"name": "every.channel.kind", "display_name": "Every Channel Kind",
         "channels": every_kind},
        {"name": "[red]alarm[/red]", "display_name": "[b]not bold[/b] [link=x]link[/link]"},
        {"name": long_name, "display_name": "Somebody With A Display Name That Goes On " * 3},
        {"name": "李雷.韩梅梅", "display_name": "李雷 & 韩梅梅 🚀",
         "channels": {"pstn": [{"number": 8613800138000}]}},
        {"name": "control\x1b[31m.chars", "display_name": "Bell\x07 and ESC\x1b[2J here"},
    ]


def _top_up_users(store: SeedTarget, app_ids: list[str], seed: int) -> None:
    """The crowded applications' extra users and the odd ones, from their own random stream:
    the applications (and the users before these) stay exactly what the seed always gave."""
    rng = random.Random(f"vonage-tui users {seed}")
    for index, target in CROWDED_APPLICATIONS.items():
        if index >= len(app_ids):
            continue
        app_id = app_ids[index]
        users = store.users.get(app_id, {})
        taken = {user["name"] for user in users.values()}
        extras = [body for body in _odd_users() if body["name"] not in taken] if index == 1 else []
        while len(users) + len(extras) < target:
            extras.append(user_body(len(users) + len(extras), rng, taken))
        for body in extras:
            taken.add(body["name"])
            store.insert_user(app_id, body, user_id=f"USR-{_uuid(rng)}", name=body["name"])


def fill_store(store: SeedTarget, *, apps: int, users_per_app: int, seed: int) -> None:
    """Add ``apps`` applications, with about ``users_per_app`` users each, to ``store``."""
    if apps < 0 or users_per_app < 0:
        raise ValueError("apps and users_per_app must not be negative")
    rng = random.Random(seed)
    pool = key_pool() if apps else ()
    app_ids: list[str] = []
    for index in range(apps):
        app_id = _uuid(rng)
        app_ids.append(app_id)
        pair = pool[index % len(pool)]
        store.insert_application(
            application_body(index, rng),
            app_id=app_id,
            public_key=pair.public_pem,
            private_key=pair.private_pem,
        )
        taken: set[str] = set()
        for user_index in range(_user_count(index, apps, users_per_app, rng)):
            body = user_body(user_index, rng, taken)
            store.insert_user(app_id, body, user_id=f"USR-{_uuid(rng)}", name=body["name"])
    if users_per_app > 0:
        _top_up_users(store, app_ids, seed)
