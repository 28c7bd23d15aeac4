"""Hypothesis strategies for "almost right" API documents: the documented shapes of an
application, a user, their pages and an error body, filled mostly with the documented types and
sometimes with anything at all, plus unknown keys (some spelled like model attributes)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from vonage_tui.models import VIDEO_WEBHOOK_NAMES

STR, INT, BOOL, JSON = "str", "int", "bool", "json"

LINK = {"href": STR}
LINKS = {"self": LINK, "first": LINK, "last": LINK, "next": LINK, "prev": LINK}
HOOK = {"address": STR, "http_method": STR}
VOICE_HOOK = {**HOOK, "connect_timeout": INT, "socket_timeout": INT}
VIDEO_HOOK = {"address": STR, "active": BOOL}

APPLICATION = {
    "id": STR,
    "name": STR,
    "capabilities": {
        "voice": {
            "webhooks": {"answer_url": VOICE_HOOK, "fallback_answer_url": VOICE_HOOK,
                         "event_url": VOICE_HOOK},
            "signed_callbacks": BOOL,
            "conversations_ttl": INT,
            "leg_persistence_time": INT,
            "region": STR,
        },
        "messages": {"version": STR, "webhooks": {"inbound_url": HOOK, "status_url": HOOK}},
        "rtc": {"webhooks": {"event_url": HOOK}, "signed_callbacks": BOOL},
        "vbc": {},
        "network_apis": {"network_application_id": STR, "redirect_uri": STR},
        "meetings": {"webhooks": {name: HOOK for name in (
            "recording_changed", "room_changed", "session_changed",
            "recording_url", "rooms_url", "sessions_url")}},
        "verify": {"version": STR, "webhooks": {"status_url": HOOK}},
        "video": {
            "webhooks": {name: VIDEO_HOOK for name in VIDEO_WEBHOOK_NAMES},
            "storage": {"server_side_encryption": BOOL, "end_to_end_encryption": BOOL,
                        "cloud_storage": BOOL},
        },
    },
    "privacy": {"improve_ai": BOOL},
    "keys": {"public_key": STR, "private_key": STR},
    "_links": LINKS,
}

USER = {
    "id": STR,
    "name": STR,
    "display_name": STR,
    "image_url": STR,
    "properties": {"custom_data": JSON, "ttl": INT},
    "channels": {
        "pstn": [{"number": INT}],
        "sip": [{"uri": STR, "username": STR, "password": STR}],
        "vbc": [{"extension": STR}],
        "websocket": [{"uri": STR, "content-type": STR, "headers": JSON}],
        "sms": [{"number": STR}],
        "mms": [{"number": STR}],
        "whatsapp": [{"number": STR}],
        "viber": [{"number": STR}],
        "messenger": [{"id": STR}],
    },
    "_links": LINKS,
}

APPLICATION_PAGE = {
    "page": INT, "page_size": INT, "total_items": INT, "total_pages": INT,
    "_embedded": {"applications": [APPLICATION]}, "_links": LINKS,
}
USER_PAGE = {"page_size": INT, "_embedded": {"users": [USER]}, "_links": LINKS}
ERROR = {"type": STR, "title": STR, "detail": STR, "instance": STR, "code": STR,
         "invalid_parameters": [{"name": STR, "reason": STR}]}

# Unknown keys that look like attributes of a pydantic model or of our models, including the
# Python names of aliased fields (once renamed to the alias on the way through).
TRICKY_KEYS = [
    "links", "embedded", "self_", "content_type",
    "model_config", "model_fields", "dict", "json", "copy", "schema", "href", "present",
    "capability_names", "from_document", "to_document", "_key_order", "__class__", "__dict__",
    "", " ", "ünïcødé", "a.b", "0",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),  # includes values far outside 64 bits and every limit
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=6), inner, max_size=3),
    ),
    max_leaves=8,
)


def _typed(shape: Any) -> st.SearchStrategy[Any]:
    if shape == STR:
        return st.text(max_size=12)
    if shape == INT:
        return st.integers()
    if shape == BOOL:
        return st.booleans()
    if shape == JSON:
        return json_values
    if isinstance(shape, list):
        return st.lists(st.one_of(document(shape[0]), json_values), max_size=3)
    return document(shape)


def _value(shape: Any) -> st.SearchStrategy[Any]:
    # Mostly the documented type; sometimes anything at all (a string for an int, a list for
    # an object, null...).
    return st.one_of(_typed(shape), _typed(shape), _typed(shape), json_values)


unknown_keys = st.one_of(st.text(max_size=10), st.sampled_from(TRICKY_KEYS))


@st.composite
def document(draw: st.DrawFn, shape: dict[str, Any]) -> dict[str, Any]:
    known = draw(st.lists(st.sampled_from(sorted(shape)), unique=True)) if shape else []
    extra = draw(
        st.lists(
            unknown_keys.filter(lambda k: k not in shape),
            unique=True,
            max_size=3,
        )
    )
    keys = draw(st.permutations(known + extra))
    return {key: draw(_value(shape[key]) if key in shape else json_values) for key in keys}
