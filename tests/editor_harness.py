"""Driving the application editor through Pilot: applications to open it on, opening it,
moving to a field, typing, reading rows and labels, saving through the diff preview."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from textual.widgets import Input

from tests.tui_harness import API_KEY, API_SECRET, seeded_store, settle, wait_for_screen
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.emulator import EmulatorStore, create_app, key_pool
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.session import Session
from vonage_tui.tui.widgets.field_row import FieldRow

VOICE = ("capabilities", "voice")
ANSWER = (*VOICE, "webhooks", "answer_url")

# An application with fields the spec does not list, at several depths: they must survive.
UNKNOWN_FIELDS_APP: dict[str, Any] = {
    "name": "Keeps what it doesn't know",
    "x_top_level": {"flag": True, "list": [1, "two"]},
    "capabilities": {
        "voice": {
            "webhooks": {
                "answer_url": {"address": "https://keep.example/answer", "http_method": "GET",
                               "connect_timeout": 500, "socket_timeout": 3000,
                               "x_webhook_field": "kept"},
                "event_url": {"address": "https://keep.example/event", "http_method": "POST"},
            },
            "conversations_ttl": 48,
            "payments": {"gateways": [{"type": "Stripe", "mode": "test"}]},
        },
        "messages": {"version": "v1",
                     "webhooks": {"inbound_url": {"address": "https://keep.example/in",
                                                  "http_method": "POST"}},
                     "authenticate_inbound_media": True},
        "future_product": {"enabled": True, "tier": 3},
    },
    "privacy": {"improve_ai": False, "x_privacy_note": "kept"},
}


# Unknown keys and values that Rich would read as markup, at several depths.
MARKUP_APP: dict[str, Any] = {
    "name": "[b]x[/b] [red]named[/payments]",
    "[/payments]": {"[red]": "[/payments]", "[b]x[/b]": ["[red]", {"[/payments]": 1}]},
    "capabilities": {
        "voice": {
            "webhooks": {
                "answer_url": {"address": "https://keep.example/[/payments]",
                               "http_method": "GET", "[b]x[/b]": "[/payments]"},
                "event_url": {"address": "https://keep.example/event", "http_method": "POST"},
            },
            "[red]": {"[/payments]": "[b]x[/b]"},
        },
        "[/payments]": {"[red]": "[red]"},
    },
    "privacy": {"improve_ai": False, "[red]": "[b]x[/b]"},
}

OUT_OF_LIMITS_APP: dict[str, Any] = {
    "name": "Older than the spec",
    "capabilities": {
        "voice": {
            "webhooks": {
                "answer_url": {"address": "https://keep.example/answer", "http_method": "GET",
                               "connect_timeout": 5, "socket_timeout": 3000},
                "event_url": {"address": "https://keep.example/event", "http_method": "POST"},
            },
            "conversations_ttl": 20000,
            "region": "[red]mars-north",
        },
    },
}


def store_with(*bodies: dict[str, Any]) -> tuple[EmulatorStore, list[str]]:
    """A small seeded store plus these applications; returns their ids (seeded first)."""
    store = seeded_store(apps=2, users_per_app=0)
    ids = []
    for body in bodies:
        with_key = {**body, "keys": {"public_key": key_pool()[0].public_pem}}
        ids.append(store.add_application(with_key)["id"])
    return store, ids


def kitchen_sink(store: EmulatorStore) -> str:
    """The seeded application that has every capability."""
    return next(iter(store.applications))


def app_on(store: EmulatorStore, *, readonly: bool = False,
           wrap: Callable[[Any], Any] | None = None,
           transport: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport] | None = None,
           ) -> VonageApp:
    """The TUI on ``store``; ``wrap`` wraps the emulator's ASGI app, ``transport`` the transport."""
    emulator: Any = create_app(store, api_key=API_KEY, api_secret=API_SECRET)
    if wrap is not None:
        emulator = wrap(emulator)
    inner: httpx.AsyncBaseTransport = httpx.ASGITransport(app=emulator)
    session = Session(
        client_options={"api_key": API_KEY, "api_secret": API_SECRET,
                        "base_url": "http://127.0.0.1", "max_retries": 0,
                        "transport": transport(inner) if transport else inner},
        key_vault=MemoryKeyVault(), profile_name="test", readonly=readonly,
    )
    return VonageApp(session)


async def open_editor(pilot: Any, app_id: str) -> ApplicationEditorScreen:
    """Push the editor at once (the list loads underneath meanwhile) and wait for both."""
    screen = ApplicationEditorScreen(app_id)
    pilot.app.push_screen(screen)
    await settle(pilot)
    assert screen.state is not None, screen.status_note
    return screen


async def focus_field(pilot: Any, screen: ApplicationEditorScreen, path: tuple) -> Any:
    """Select ``path`` in the tree and press enter: its control gets the focus."""
    screen.doc_tree.focus()
    screen.doc_tree.move_to(path)
    await pilot.pause()
    await pilot.press("enter")
    return pilot.app.focused


async def retype(pilot: Any, text: str) -> None:
    """Replace the focused input's text (as a paste would: one change, not one per key)."""
    focused = pilot.app.focused
    assert isinstance(focused, Input), focused
    focused.value = text
    await pilot.pause()


async def type_keys(pilot: Any, text: str) -> None:
    """Clear the focused input and type ``text`` key by key."""
    await pilot.press("end", "ctrl+u", *list(text))


def row(screen: ApplicationEditorScreen, path: tuple) -> FieldRow:
    return next(r for r in screen.query(FieldRow) if r.path == path)


def label(screen: ApplicationEditorScreen, path: tuple) -> str:
    node = screen.doc_tree.node_for(path)
    assert node is not None, path
    return str(getattr(node.label, "plain", node.label))


async def save_through_preview(pilot: Any) -> None:
    await pilot.press("ctrl+s")
    preview = await wait_for_screen(pilot, DiffPreview)
    assert preview.changes
    await pilot.press("ctrl+s")
