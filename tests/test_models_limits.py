"""The request limits on their edges, and capability templates that pass them once filled."""

from __future__ import annotations

from typing import Any

import pytest

from vonage_tui.models import (
    CAPABILITY_NAMES,
    REGIONS,
    USER_RULES,
    Application,
    FieldRule,
    application_violations,
    capability_template,
    path_name,
    rule_for,
    user_violations,
)


def voice_app(hook: str, **fields: Any) -> dict[str, Any]:
    webhook = {"address": "https://example.com/hook", "http_method": "POST", **fields}
    return {"name": "app", "capabilities": {"voice": {"webhooks": {hook: webhook}}}}


def reasons(document: dict[str, Any]) -> dict[str, str]:
    return {path_name(path): reason for path, reason in application_violations(document)}


@pytest.mark.parametrize(
    "value, ok", [(299, False), (300, True), (1000, True), (1001, False), ("500", False)]
)
@pytest.mark.parametrize("hook", ["answer_url", "fallback_answer_url", "event_url"])
def test_connect_timeout_edges(hook, value, ok):
    found = reasons(voice_app(hook, connect_timeout=value))
    name = f"capabilities.voice.webhooks.{hook}.connect_timeout"
    assert (name not in found) is ok
    if not ok and isinstance(value, int):
        assert found[name] == "must be between 300 and 1000 ms"


@pytest.mark.parametrize(
    "hook, value, ok",
    [
        ("event_url", 999, False),
        ("event_url", 1000, True),
        ("event_url", 10000, True),
        ("event_url", 10001, False),
        ("answer_url", 1000, True),
        ("answer_url", 5000, True),
        ("answer_url", 5001, False),
        ("answer_url", 10000, False),
        ("fallback_answer_url", 5000, True),
        ("fallback_answer_url", 10000, False),
    ],
)
def test_socket_timeout_limits_differ_between_event_and_answer_urls(hook, value, ok):
    found = reasons(voice_app(hook, socket_timeout=value))
    assert (f"capabilities.voice.webhooks.{hook}.socket_timeout" not in found) is ok


@pytest.mark.parametrize("region", REGIONS)
def test_every_documented_region_is_accepted(region):
    assert application_violations(
        {"name": "a", "capabilities": {"voice": {"region": region}}}) == []


@pytest.mark.parametrize("region", ["us-east", "EU-WEST", "", "eu_west", 3])
def test_other_regions_are_rejected(region):
    found = reasons({"name": "a", "capabilities": {"voice": {"region": region}}})
    assert "capabilities.voice.region" in found


@pytest.mark.parametrize(
    "field, low, high",
    [("conversations_ttl", 1, 9000), ("leg_persistence_time", 1, 31)],
)
def test_voice_duration_edges(field, low, high):
    def ok(value: int) -> bool:
        return not application_violations(
            {"name": "a", "capabilities": {"voice": {field: value}}})

    assert ok(low) and ok(high)
    assert not ok(low - 1) and not ok(high + 1)


def test_methods_and_fixed_values():
    def found(capabilities: dict[str, Any]) -> dict[str, str]:
        return reasons({"name": "a", "capabilities": capabilities})

    hook = {"address": "https://x.example/h"}
    assert not found({"voice": {"webhooks": {"answer_url": {**hook, "http_method": "GET"}}}})
    assert found({"voice": {"webhooks": {"answer_url": {**hook, "http_method": "PUT"}}}})
    assert found({"messages": {"webhooks": {"inbound_url": {**hook, "http_method": "GET"}}}})
    assert found({"verify": {"version": "v1"}})
    assert found({"vbc": {"x": 1}}) == {"capabilities.vbc": "must be an empty object"}
    assert found({"voice": "on"}) == {"capabilities.voice": "must be an object"}
    assert reasons({}) == {"name": "is required"}
    assert reasons({"name": "  "}) == {"name": "is required"}
    webhook = found({"rtc": {"webhooks": {"event_url": {"address": "ftp://x", "http_method": "POST"}}}})
    assert webhook == {
        "capabilities.rtc.webhooks.event_url.address": "must be an absolute http:// or https:// URL"
    }


@pytest.mark.parametrize(
    "uri, ok",
    [
        ("sip:4442138907@sip.example.com;transport=tls", True),
        ("sips:+4442138907@sip.example.com", True),
        ("sip:", False),
        ("tel:+4442138907", False),
        ("https://sip.example.com", False),
        ("", False),
    ],
)
def test_sip_uri_pattern(uri, ok):
    found = user_violations({"channels": {"sip": [{"uri": uri}]}})
    assert (found == []) is ok
    if not ok:
        assert found[0][0] == ("channels", "sip", 0, "uri")


@pytest.mark.parametrize(
    "uri, ok",
    [
        ("wss://example.com/socket", True),
        ("ws://127.0.0.1:8080/a?b=c", True),
        ("http://example.com/socket", False),
        ("wss:/example.com", False),
    ],
)
def test_websocket_uri_pattern(uri, ok):
    assert (user_violations({"channels": {"websocket": [{"uri": uri}]}}) == []) is ok


@pytest.mark.parametrize(
    "content_type, ok",
    [("audio/l16;rate=8000", True), ("audio/l16;rate=16000", True), ("audio/l16;rate=44100", False)],
)
def test_websocket_content_type(content_type, ok):
    channel = {"uri": "wss://example.com/s", "content-type": content_type}
    assert (user_violations({"channels": {"websocket": [channel]}}) == []) is ok


@pytest.mark.parametrize(
    "ttl, ok", [(0, True), (2147483648, True), (2147483649, False), (-1, False), ("60", False)]
)
def test_user_ttl_maximum(ttl, ok):
    assert (user_violations({"properties": {"ttl": ttl}}) == []) is ok


def test_user_name_is_optional_but_channel_fields_are_required():
    assert user_violations({}) == []
    assert user_violations({"channels": {"pstn": [{}]}}) == []  # no leaf, nothing to check
    assert user_violations({"channels": {"pstn": [{"number": None}]}}) == [
        (("channels", "pstn", 0, "number"), "is required")
    ]
    assert user_violations({"channels": {"pstn": [{"number": "447700900000"}]}}) == [
        (("channels", "pstn", 0, "number"), "must be a whole number")
    ]


def test_field_rule_check_by_kind():
    integer = FieldRule("integer", minimum=300, maximum=1000)
    assert integer.check(300) is None and integer.check(1000) is None
    assert integer.check(True) == "must be a whole number"  # a bool is not an int here
    assert integer.check(500.0) == "must be a whole number"
    assert integer.check(None) is None
    assert FieldRule("integer", maximum=5).check(6) == "must be at most 5"
    assert FieldRule("integer", required=True).check(None) == "is required"
    boolean = FieldRule("boolean")
    assert boolean.check(False) is None and boolean.check("true") == "must be true or false"
    assert FieldRule("choice", choices=("GET", "POST")).check("get") == "must be one of GET, POST"
    url = FieldRule("url")
    assert url.check("https://a.example/x") is None
    assert url.check("https://a.example/x y") is not None
    assert url.check("https://") is not None
    assert FieldRule("string").check(5) == "must be text"


def test_rule_lookup_prefers_exact_paths():
    exact = rule_for(USER_RULES, ("properties", "ttl"))
    assert exact is not None and exact.maximum == 2147483648
    assert rule_for(USER_RULES, ("channels", "sip", 7, "uri")) is not None
    assert rule_for(USER_RULES, ("channels", "sip", 7, "unknown")) is None
    assert path_name(("channels", "sip", 0, "uri")) == "channels.sip[0].uri"


def _fill_addresses(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: "https://example.com/webhooks" if key in ("address", "redirect_uri")
            else "net-app-1" if key == "network_application_id"
            else _fill_addresses(value)
            for key, value in node.items()
        }
    return node


@pytest.mark.parametrize("name", CAPABILITY_NAMES)
def test_every_capability_template_is_valid_once_addresses_are_filled(name):
    template = capability_template(name)
    document = {"name": "new app", "capabilities": {name: _fill_addresses(template)}}
    assert application_violations(document) == []
    # and it is a document the model keeps as is
    assert Application.from_document(document).to_document() == document


@pytest.mark.parametrize("name", ["voice", "rtc", "messages", "meetings", "verify"])
def test_templates_with_webhooks_need_their_addresses(name):
    document = {"name": "new app", "capabilities": {name: capability_template(name)}}
    problems = application_violations(document)
    assert problems and all(path[-1] == "address" for path, _ in problems)


def test_unknown_capability_template_is_an_error():
    with pytest.raises(ValueError):
        capability_template("fax")
