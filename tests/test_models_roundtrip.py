"""Property: any application, user or page document survives from_document → to_document
byte for byte (same keys, same values, same order), whatever it holds: unknown fields at every
level, strings where numbers belong, numbers outside every limit, odd key names."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.document_shapes import APPLICATION, APPLICATION_PAGE, ERROR, USER, USER_PAGE, document
from vonage_tui.models import (
    Application,
    ApplicationPage,
    ErrorBody,
    LosslessModel,
    User,
    UserPage,
)


def assert_round_trip(model: type[LosslessModel], doc: dict[str, Any]) -> None:
    out = model.from_document(doc).to_document()
    assert out == doc
    assert json.dumps(out) == json.dumps(doc)  # same key order at every level


ROUND_TRIP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(document(APPLICATION))
def test_any_application_document_round_trips(doc):
    assert_round_trip(Application, doc)


@ROUND_TRIP
@given(document(USER))
def test_any_user_document_round_trips(doc):
    assert_round_trip(User, doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(APPLICATION_PAGE), document(USER_PAGE), document(ERROR))
def test_any_page_or_error_document_round_trips(application_page, user_page, error):
    assert_round_trip(ApplicationPage, application_page)
    assert_round_trip(UserPage, user_page)
    assert_round_trip(ErrorBody, error)


def test_a_full_documented_application_with_odd_values_round_trips():
    doc = {
        "id": "78d335fa-323d-0114-9c3d-d6f0d48968cf",
        "name": "Demo",
        "capabilities": {
            "voice": {
                "webhooks": {
                    "answer_url": {"address": "https://x", "http_method": "GET",
                                   "connect_timeout": "500", "socket_timeout": 99999},
                    "event_url": {"address": "https://x", "http_method": "PATCH",
                                  "socket_timeout": 10000.0},
                },
                "payments": {"gateways": [{"type": "stripe", "mode": "test"}]},
                "signed_callbacks": "yes",
                "conversations_ttl": -1,
                "region": "mars-north",
            },
            "messages": {"version": "v1", "authenticate_inbound_media": True, "webhooks": None},
            "vbc": {"future": 1},
            "video": {"webhooks": {"archive_status": {"address": "https://v", "active": 1,
                                                      "secret": "s"}}},
            "new_product": [1, {"a": None}],
        },
        "privacy": {"improve_ai": None},
        "keys": {"public_key": "-----BEGIN PUBLIC KEY-----\n...\n"},
        "_links": {"self": {"href": "/v2/applications/78d3"}, "extra": 1},
        "top_level_future": {"nested": {"deeper": [True]}},
    }
    assert_round_trip(Application, doc)


@pytest.mark.parametrize(
    "model, doc",
    [
        (Application, {"name": "x", "links": {"a": 1}}),
        (ApplicationPage, {"embedded": [1]}),
        (User, {"_links": {"self_": {"href": "h"}}}),
        (User, {"channels": {"websocket": [{"content_type": "audio/l16;rate=8000"}]}}),
    ],
)
def test_unknown_key_spelled_like_a_python_field_name(model, doc):
    assert_round_trip(model, doc)
