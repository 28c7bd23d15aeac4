"""Turning what came back (or failed to) into Python values or ``ApiError``s."""

from __future__ import annotations

import json
from typing import Any, TypeVar

import httpx
import pydantic

from .errors import InvalidResponseError, TransportError
from .retry import is_certificate_failure

M = TypeVar("M", bound=pydantic.BaseModel)


def decoded_body(response: httpx.Response, expect_body: bool) -> Any:
    """The JSON object of a successful response (None when none is expected)."""
    if not expect_body:
        return None
    if not response.content:
        raise _invalid_response(response, "an empty body")
    try:
        data = json.loads(response.content)
    except ValueError:
        raise _invalid_response(response, "invalid or truncated JSON") from None
    if not isinstance(data, dict):
        raise _invalid_response(response, "JSON that is not an object")
    return data


def _invalid_response(response: httpx.Response, what: str) -> InvalidResponseError:
    method, path = response.request.method, response.request.url.path
    return InvalidResponseError(
        "Unreadable response from the Vonage API",
        f"{method} {path} returned {what}",
        status=response.status_code,
        method=method,
        path=path,
    )


def parse_model(model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:  # pragma: no cover - lossless models take any object
        raise InvalidResponseError(
            "Unexpected response from the Vonage API", f"{error.error_count()} problems"
        ) from None


def transport_error(error: httpx.TransportError, method: str, path: str) -> TransportError:
    """A one-line account of a request that got no HTTP answer at all."""
    host = _host_of(error)
    name = type(error).__name__
    if is_certificate_failure(error):
        title, detail = f"TLS certificate of {host} not trusted", "certificate verification failed"
    elif isinstance(error, httpx.TimeoutException):
        title, detail = f"{host} did not answer in time", f"{name} on {method} {path}"
    elif isinstance(error, httpx.ConnectError):
        title, detail = f"Cannot connect to {host}", str(error) or name
    else:
        title, detail = f"Connection to {host} failed", str(error) or name
    return TransportError(title, detail, method=method, path=path)


def _host_of(error: httpx.TransportError) -> str:
    try:
        return error.request.url.host
    except RuntimeError:  # an error raised without its request attached
        return "the API"
