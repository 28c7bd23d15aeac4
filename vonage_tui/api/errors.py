"""The errors the client raises: one hierarchy, caught at whatever level a caller cares about.

Every error is an ``ApiError``. HTTP failures carry the RFC 7807 problem body the server sent
(``status``, ``type``, ``title``, ``detail``, ``instance``, ``code``), and ``str(error)`` is one
line a notification can show as is. Nothing here ever holds a credential: messages are built
from the response body, the method and the path, never from request headers.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from vonage_tui.models import ErrorBody, InvalidParameter

# Error bodies from proxies can be whole HTML pages; a notification needs only a hint.
_MAX_DETAIL = 200


class ApiError(Exception):
    """Anything that stopped a call to the Vonage API from giving an answer."""

    def __init__(
        self,
        title: str,
        detail: str | None = None,
        *,
        status: int | None = None,
        type: str | None = None,
        instance: str | None = None,
        code: str | None = None,
        invalid_parameters: list[InvalidParameter] | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        self.title = title
        self.detail = detail
        self.status = status
        self.type = type
        self.instance = instance
        self.code = code
        self.invalid_parameters: list[InvalidParameter] = list(invalid_parameters or [])
        self.method = method
        self.path = path
        super().__init__(self.message())

    def message(self) -> str:
        """One line: the title, then the detail when it adds something."""
        text = self.title
        if self.detail and self.detail != self.title:
            text = f"{text}: {self.detail}"
        return _one_line(text)

    def __str__(self) -> str:
        return self.message()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, title={self.title!r})"


class ValidationError(ApiError):
    """400: the server rejected the payload; ``invalid_parameters`` says which fields."""

    def message(self) -> str:
        text = super().message()
        reasons = [
            f"{param.name}: {param.reason}" if param.reason else str(param.name)
            for param in self.invalid_parameters
            if isinstance(param.name, str)
        ]
        if reasons:
            text = f"{text} ({'; '.join(reasons)})"
        return _one_line(text)


class AuthenticationError(ApiError):
    """401: the API key and secret, or the JWT, were not accepted."""


class PermissionDeniedError(ApiError):
    """403: authenticated, but not allowed to do this."""


class NotFoundError(ApiError):
    """404: no such application or user (or it was deleted meanwhile)."""


class ConflictError(ApiError):
    """409: e.g. a user name that is already taken."""


class RateLimitedError(ApiError):
    """429: too many requests; ``retry_after`` is the server's advice in seconds, if any."""

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(*args, **kwargs)

    def message(self) -> str:
        text = super().message()
        if self.retry_after is not None:
            text = f"{text} (retry in {self.retry_after:g} s)"
        return text


class ServerError(ApiError):
    """5xx: Vonage (or a proxy in front of it) failed."""


class InvalidResponseError(ApiError):
    """The server answered, but with a body that is not the JSON it should be (e.g. truncated)."""


class TransportError(ApiError):
    """No HTTP answer at all: connection refused, DNS, timeout, TLS failure."""


class MissingCredentialsError(ApiError):
    """The client lacks (or cannot use) a credential a call needs; no request was sent."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitedError,
}


def error_class_for(status: int) -> type[ApiError]:
    """The ``ApiError`` subclass that stands for an HTTP status."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return ServerError
    return ApiError


def error_from_response(
    response: httpx.Response, *, retry_after: float | None = None
) -> ApiError:
    """The error an unsuccessful response stands for, with its problem body parsed."""
    status = response.status_code
    body = _problem_body(response)
    fallback_title = f"HTTP {status} {response.reason_phrase}".strip()
    kwargs: dict[str, Any] = dict(
        status=status,
        type=_text(body.type),
        instance=_text(body.instance),
        code=_text(body.code),
        invalid_parameters=(
            [p for p in body.invalid_parameters if isinstance(p, InvalidParameter)]
            if isinstance(body.invalid_parameters, list)
            else None
        ),
        method=response.request.method,
        path=response.request.url.path,
    )
    cls = error_class_for(status)
    if cls is RateLimitedError:
        kwargs["retry_after"] = retry_after
    return cls(_text(body.title) or fallback_title, _text(body.detail), **kwargs)


def _problem_body(response: httpx.Response) -> ErrorBody:
    try:
        data = json.loads(response.content)
    except ValueError:
        data = None
    if isinstance(data, dict):
        return ErrorBody.from_document(data)
    # Not a problem document (an HTML page from a proxy, an empty body): say what we can.
    text = response.content[:_MAX_DETAIL].decode("utf-8", "replace").strip()
    return ErrorBody(detail=text or None) if data is None and "<" not in text else ErrorBody()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())
