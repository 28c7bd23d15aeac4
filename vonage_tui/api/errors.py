"""The errors the client raises: one hierarchy, caught at whatever level a caller cares about.

Every error is an ``ApiError``. HTTP failures carry the RFC 7807 problem body the server sent
(``status``, ``type``, ``title``, ``detail``, ``instance``, ``code``), and ``str(error)`` is one
line a notification can show as is. Nothing here ever holds a credential: messages are built
from the response body, the method and the path, never from request headers.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    # Loaded when an error body is first read: start-up shows the first page without pydantic.
    from vonage_tui.models import ErrorBody, InvalidParameter

# Error bodies from proxies can be whole HTML pages; a notification needs only a hint.
_MAX_DETAIL = 200
# A server string going into a message is cut to this (with "…"): a 10 MB ``detail`` must not
# become a 10 MB notification (rendering that froze the UI for seconds).
MAX_TITLE = 200
MAX_DETAIL = 400
MAX_REASON = 200
MAX_REASONS = 10
MAX_MESSAGE = 1000


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
        request_id: str | None = None,
    ) -> None:
        self.title = shortened(title, MAX_TITLE)
        self.detail = shortened(detail, MAX_DETAIL) if detail is not None else None
        self.status = status
        self.type = type
        self.instance = instance
        self.code = code
        self.invalid_parameters: list[InvalidParameter] = list(invalid_parameters or [])
        self.method = method
        self.path = path
        self.request_id = request_id or self.instance
        """The response's ``X-Request-Id``, else the problem's ``instance``: what support asks for."""
        super().__init__(self.message())

    def message(self) -> str:
        """One line: the title, then the detail when it adds something."""
        text = self.title
        if self.detail and self.detail != self.title:
            text = f"{text}: {self.detail}"
        return shortened(_one_line(text), MAX_MESSAGE)

    def __str__(self) -> str:
        return self.message()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, title={self.title!r})"


class ValidationError(ApiError):
    """400: the server rejected the payload; ``invalid_parameters`` says which fields."""

    def message(self) -> str:
        text = super().message()
        reasons = [
            shortened(
                f"{param.name}: {_text(param.reason)}" if param.reason else str(param.name),
                MAX_REASON,
            )
            for param in self.invalid_parameters
            if isinstance(param.name, str)
        ]
        if len(reasons) > MAX_REASONS:
            reasons = [*reasons[:MAX_REASONS], f"and {len(reasons) - MAX_REASONS} more"]
        if reasons:
            text = f"{text} ({'; '.join(reasons)})"
        return shortened(_one_line(text), MAX_MESSAGE)


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


class DeadlineExceededError(TransportError):
    """The call's total deadline (every attempt, retry wait and body read) ran out.

    For a write, the outcome is unknown: the request may have been applied.
    """

    def __init__(self, *args: Any, waited: float | None = None, **kwargs: Any) -> None:
        self.waited = waited
        super().__init__(*args, **kwargs)


class InvalidBaseUrlError(ApiError, ValueError):
    """The API base URL cannot be used; raised when the client is built, before any request.

    Also a ``ValueError``: it is a bad argument as much as an API failure.
    """


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
    response: httpx.Response,
    *,
    retry_after: float | None = None,
    content: bytes | None = None,
    complete: bool = True,
) -> ApiError:
    """The error an unsuccessful response stands for, with its problem body parsed.

    ``content`` is what was read of the body (``response.content`` when None); ``complete``
    False says it is only a prefix of a larger body.
    """
    from vonage_tui.models import InvalidParameter

    status = response.status_code
    raw = response.content if content is None else content
    body = _problem_body(raw, complete)
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
        request_id=request_id_of(response),
    )
    cls = error_class_for(status)
    if cls is RateLimitedError:
        kwargs["retry_after"] = retry_after
    return cls(_text(body.title) or fallback_title, _text(body.detail), **kwargs)


def request_id_of(response: httpx.Response) -> str | None:
    """The response's request id header, if the server sent one."""
    value = response.headers.get("x-request-id")
    return shortened(value, MAX_TITLE) if value else None


def _problem_body(content: bytes, complete: bool = True) -> ErrorBody:
    from vonage_tui.models import ErrorBody

    try:
        data = json.loads(content) if complete else None
    except ValueError:
        data = None
    if isinstance(data, dict):
        return ErrorBody.from_document(data)
    if not complete:
        # Only a prefix of a huge body was read: recover the short fields that usually come
        # first, and say the rest was not read rather than showing raw JSON.
        fields = _leading_strings(content)
        if fields:
            fields.setdefault("detail", "(a very large error body, not read to its end)")
            return ErrorBody.from_document(fields)
    # Not a problem document (an HTML page from a proxy, an empty body): say what we can.
    text = content[:_MAX_DETAIL].decode("utf-8", "replace").strip()
    return ErrorBody(detail=text or None) if data is None and "<" not in text else ErrorBody()


_STRING_FIELD = re.compile(
    rb'"(type|title|detail|instance|code)"\s*:\s*"((?:[^"\\]|\\.)*)("|\\?\Z)'
)


def _leading_strings(prefix: bytes) -> dict[str, str]:
    """The problem's string fields found in ``prefix`` (first of each wins); one the prefix
    cuts short is kept up to the cut and marked with "…"."""
    found: dict[str, str] = {}
    for match in _STRING_FIELD.finditer(prefix):
        name, raw, closed = match.group(1).decode(), match.group(2), match.group(3) == b'"'
        raw = raw[: MAX_DETAIL * 4]  # enough for any message; never decode 64 KiB of it
        try:
            value = json.loads(b'"' + raw + b'"')
        except ValueError:  # cut inside an escape sequence
            value = raw.decode("utf-8", "replace")
        if not closed or len(match.group(2)) > len(raw):
            value += "…"
        found.setdefault(name, value)
    return found


def shortened(text: str, limit: int) -> str:
    """``text`` whole, or its first ``limit - 1`` characters and "…": cut visibly, never silently."""
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    text = json.dumps(value)
    return shortened(text, MAX_DETAIL)


def _one_line(text: str) -> str:
    return " ".join(text.split())
