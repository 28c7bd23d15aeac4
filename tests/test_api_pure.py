"""The pure parts of the API layer: request bodies, retry decisions, origin checks, error text."""

from __future__ import annotations

import json
import random
import ssl
from email.utils import format_datetime
from datetime import datetime, timezone

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from vonage_tui.api import (
    ApiError,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    ValidationError,
    put_body,
    user_body,
)
from vonage_tui.api.errors import error_from_response
from vonage_tui.api.origin import checked_base_url, is_loopback_host
from vonage_tui.api.retry import (
    is_certificate_failure,
    never_sent,
    parse_retry_after,
    should_retry_exception,
    should_retry_status,
)
from tests.document_shapes import APPLICATION, document
from vonage_tui.models import Application, User

# --- put_body -------------------------------------------------------------------------------

SERVER_DOCUMENT = {
    "id": "78d335fa-323d-0114-9c3d-d6f0d48968cf",
    "name": "Demo",
    "future_top": {"z": 1, "a": [1, "two", None]},
    "capabilities": {
        "voice": {
            "webhooks": {"answer_url": {"address": "https://x/a", "http_method": "GET", "new": 1}},
            "payments": {"gateways": []},
            "conversations_ttl": "48",
        },
        "brand_new_capability": {"x": True},
    },
    "privacy": {"improve_ai": True},
    "keys": {"public_key": "-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n",
             "private_key": "-----BEGIN PRIVATE KEY-----\nSECRET\n-----END PRIVATE KEY-----\n",
             "key_extra": "kept"},
    "_links": {"self": {"href": "/v2/applications/78d335fa-323d-0114-9c3d-d6f0d48968cf"}},
}


def test_put_body_strips_only_server_fields_and_keeps_order():
    body = put_body(SERVER_DOCUMENT)
    expected = {k: v for k, v in SERVER_DOCUMENT.items() if k not in ("id", "_links")}
    expected["keys"] = {
        "public_key": SERVER_DOCUMENT["keys"]["public_key"],
        "key_extra": "kept",
    }
    assert json.dumps(body) == json.dumps(expected)


def test_put_body_does_not_modify_its_input():
    before = json.dumps(SERVER_DOCUMENT)
    body = put_body(SERVER_DOCUMENT)
    body["capabilities"]["voice"]["payments"]["gateways"].append("x")
    assert json.dumps(SERVER_DOCUMENT) == before


def test_put_body_drops_keys_left_empty_and_keeps_keys_without_private_key():
    assert "keys" not in put_body({"name": "a", "keys": {"private_key": "p"}})
    assert put_body({"name": "a", "keys": {}}) == {"name": "a", "keys": {}}
    assert put_body({"name": "a", "keys": {"public_key": "k"}}) == {
        "name": "a",
        "keys": {"public_key": "k"},
    }


def test_put_body_of_a_parsed_model_equals_put_body_of_its_document():
    model = Application.from_document(SERVER_DOCUMENT)
    assert json.dumps(put_body(model.to_document())) == json.dumps(put_body(SERVER_DOCUMENT))


def test_user_body_drops_id_and_links_only():
    document = {"id": "USR-1", "name": "n", "x-new": {"a": 1}, "_links": {"self": {"href": "h"}}}
    assert user_body(document) == {"name": "n", "x-new": {"a": 1}}
    assert user_body(User.from_document(document)) == {"name": "n", "x-new": {"a": 1}}
    with pytest.raises(TypeError):
        user_body(["not", "a", "document"])  # type: ignore[arg-type]


# --- retry decisions ------------------------------------------------------------------------


def test_backoff_grows_is_jittered_and_bounded():
    policy = RetryPolicy(max_retries=10, base_delay=0.5, max_delay=4.0)
    rng = random.Random(7)
    for retry in range(10):
        ceiling = min(4.0, 0.5 * 2**retry)
        waits = {policy.backoff(retry, rng) for _ in range(20)}
        assert all(ceiling / 2 <= wait <= ceiling for wait in waits)
        assert len(waits) > 1  # jittered
    assert max(policy.backoff(9, rng) for _ in range(50)) <= 4.0


def test_retry_after_is_honoured_up_to_the_cap_then_handed_back():
    policy = RetryPolicy(max_retries=3, max_retry_after=30)
    rng = random.Random(1)
    assert policy.delay_after_status(0, 429, 2.0, rng) == 2.0
    assert policy.delay_after_status(0, 429, 30.0, rng) == 30.0
    assert policy.delay_after_status(0, 429, 31.0, rng) is None
    assert policy.delay_after_status(3, 429, 1.0, rng) is None  # out of retries
    assert policy.delay_after_status(0, 429, None, rng) is not None  # no header: backoff
    assert RetryPolicy(max_retries=0).delay_after_status(0, 503, None, rng) is None


def test_which_statuses_and_methods_are_retried():
    for method in ("GET", "PUT", "PATCH", "DELETE"):
        for status in (429, 502, 503, 504):
            assert should_retry_status(method, status)
        for status in (400, 401, 403, 404, 409, 501):
            assert not should_retry_status(method, status)
    # A 500 is retried on reads only: a write that made the server fail is the user's call.
    assert should_retry_status("GET", 500) and should_retry_status("get", 500)
    for method in ("PUT", "PATCH", "DELETE"):
        assert not should_retry_status(method, 500)
    for status in (429, 500, 502, 503, 504):
        assert not should_retry_status("POST", status)


def _request() -> httpx.Request:
    return httpx.Request("POST", "https://api.nexmo.com/v2/applications")


def test_post_is_retried_only_when_the_request_never_left():
    request = _request()
    for error in (
        httpx.ConnectError("refused", request=request),
        httpx.ConnectTimeout("slow", request=request),
        httpx.PoolTimeout("busy", request=request),
    ):
        assert never_sent(error)
        assert should_retry_exception("POST", error)
    for error in (
        httpx.ReadTimeout("slow", request=request),
        httpx.WriteTimeout("slow", request=request),
        httpx.ReadError("reset", request=request),
        httpx.RemoteProtocolError("eof", request=request),
    ):
        assert not never_sent(error)
        assert not should_retry_exception("POST", error)
        assert should_retry_exception("GET", error)
        assert should_retry_exception("PUT", error)


def test_certificate_failures_are_not_retried():
    error = httpx.ConnectError("certificate verify failed", request=_request())
    error.__cause__ = ssl.SSLCertVerificationError("self-signed certificate")
    assert is_certificate_failure(error)
    assert not should_retry_exception("GET", error)
    assert not is_certificate_failure(httpx.ConnectError("refused", request=_request()))


def test_parse_retry_after_seconds_dates_and_junk():
    now = 1_700_000_000.0
    assert parse_retry_after("5", now) == 5.0
    assert parse_retry_after(" 1.5 ", now) == 1.5
    assert parse_retry_after("-3", now) == 0.0
    when = datetime.fromtimestamp(now + 20, tz=timezone.utc)
    assert parse_retry_after(format_datetime(when, usegmt=True), now) == pytest.approx(20, abs=1)
    for junk in (None, "", "soon", "nan", "inf", "Mon, 99 Foo 2024"):
        assert parse_retry_after(junk, now) is None


def test_retry_policy_rejects_nonsense():
    with pytest.raises(ValueError):
        RetryPolicy(max_retries=-1)
    with pytest.raises(ValueError):
        RetryPolicy(base_delay=-0.1)


# --- origin ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("128.0.0.1", False),
        ("10.0.0.1", False),
        ("127.0.0.1.nip.io", False),
        ("localhost.example.com", False),
        ("api.nexmo.com", False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert is_loopback_host(host) is loopback


def test_base_url_rules():
    assert str(checked_base_url("https://api.nexmo.com")) == "https://api.nexmo.com/"
    assert str(checked_base_url("https://proxy.example/vonage/")) == "https://proxy.example/vonage"
    assert checked_base_url("http://127.0.0.1:8080").port == 8080
    assert checked_base_url("http://[::1]:8080").host == "::1"
    for bad in ("http://api.nexmo.com", "http://10.0.0.1:80", "ftp://x", "api.nexmo.com",
                "https://x/?q=1"):
        with pytest.raises(ValueError):
            checked_base_url(bad)
    with pytest.raises(ValueError) as caught:
        checked_base_url("https://key:hunter2@api.nexmo.com")
    assert "hunter2" not in str(caught.value)


# --- error mapping --------------------------------------------------------------------------


def _response(status: int, body: object = None, content: bytes | None = None) -> httpx.Response:
    request = httpx.Request("GET", "https://api.nexmo.com/v2/applications/abc")
    if content is None:
        return httpx.Response(status, json=body, request=request)
    return httpx.Response(status, content=content, request=request)


@pytest.mark.parametrize(
    "status, cls",
    [
        (400, ValidationError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (429, RateLimitedError),
        (500, ServerError),
        (503, ServerError),
        (599, ServerError),
        (418, ApiError),
    ],
)
def test_status_maps_to_error_class(status, cls):
    error = error_from_response(_response(status, {"title": "T", "detail": "D"}))
    assert type(error) is cls
    assert error.status == status
    assert str(error) == "T: D"


def test_problem_body_fields_are_carried_and_message_is_one_line():
    body = {
        "type": "https://developer.vonage.com/api-errors#invalid-params",
        "title": "Bad Request",
        "detail": "The request failed due to validation errors\nsee below",
        "instance": "bf0ca0bf927b3b52e3cb03217e1a1ddf",
        "code": "user:error:validation",
        "invalid_parameters": [{"name": "name", "reason": "is required"},
                               {"name": "capabilities.voice.region", "reason": "bad"}],
    }
    error = error_from_response(_response(400, body))
    assert isinstance(error, ValidationError)
    assert (error.type, error.title, error.instance, error.code) == (
        body["type"], "Bad Request", body["instance"], "user:error:validation")
    assert [p.name for p in error.invalid_parameters] == ["name", "capabilities.voice.region"]
    text = str(error)
    assert "\n" not in text
    assert text.startswith("Bad Request: The request failed due to validation errors see below")
    assert "name: is required" in text and "capabilities.voice.region: bad" in text
    assert error.method == "GET" and error.path == "/v2/applications/abc"


def test_error_bodies_that_are_not_problem_documents():
    html = error_from_response(_response(502, content=b"<html><body>Bad gateway</body></html>"))
    assert isinstance(html, ServerError)
    assert str(html) == "HTTP 502 Bad Gateway"
    plain = error_from_response(_response(503, content=b"upstream down"))
    assert str(plain) == "HTTP 503 Service Unavailable: upstream down"
    empty = error_from_response(_response(404, content=b""))
    assert str(empty) == "HTTP 404 Not Found"
    odd = error_from_response(_response(400, {"title": 7, "invalid_parameters": "nope"}))
    assert odd.title == "7" and odd.invalid_parameters == []


def test_rate_limited_message_names_the_wait():
    error = error_from_response(_response(429, {"title": "Too Many Requests"}), retry_after=12)
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 12
    assert str(error) == "Too Many Requests (retry in 12 s)"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(APPLICATION))
def test_put_body_of_any_document_removes_exactly_the_server_fields(doc):
    body = put_body(doc)
    expected = {k: v for k, v in doc.items() if k not in ("id", "_links")}
    keys = expected.get("keys")
    if isinstance(keys, dict) and "private_key" in keys:
        keys = {k: v for k, v in keys.items() if k != "private_key"}
        if keys:
            expected["keys"] = keys
        else:
            del expected["keys"]
    assert json.dumps(body) == json.dumps(expected)
    # Parsing first changes nothing: the model is lossless.
    assert json.dumps(put_body(Application.from_document(doc).to_document())) == json.dumps(body)
