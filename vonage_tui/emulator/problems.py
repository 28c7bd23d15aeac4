"""RFC 7807 problem bodies shaped like the ones Vonage sends, and the errors that raise them.

The store and the handlers raise :class:`Problem`; one exception handler turns it into a
response, so every error the emulator answers has the same shape: ``type``, ``title``,
``detail``, ``instance`` (a fresh trace id), plus ``invalid_parameters`` on a 400 and ``code``
on Users API errors.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from starlette.responses import JSONResponse

from vonage_tui.models.limits import Path, path_name

ERRORS_URL = "https://developer.vonage.com/api-errors"
# The Users API (built on the Conversation service) links its codes under this page.
USERS_ERRORS_URL = "https://developer.nexmo.com/api/conversation"

PROBLEM_CONTENT_TYPE = "application/problem+json"


class Problem(Exception):
    """An API error: the status and the fields of its problem body."""

    def __init__(
        self,
        status: int,
        type_: str,
        title: str,
        detail: str,
        *,
        code: str | None = None,
        invalid_parameters: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {title}: {detail}")
        self.status = status
        self.type = type_
        self.title = title
        self.detail = detail
        self.code = code
        self.invalid_parameters = invalid_parameters
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.type, "title": self.title, "detail": self.detail}
        if self.code is not None:
            body["code"] = self.code
        if self.invalid_parameters is not None:
            body["invalid_parameters"] = self.invalid_parameters
        body["instance"] = trace_id()
        return body

    def response(self) -> JSONResponse:
        body = self.body()
        return JSONResponse(
            body,
            status_code=self.status,
            # The trace id as the request id too: one id to quote for any answer.
            headers={**self.headers, "X-Request-Id": body["instance"]},
            media_type=PROBLEM_CONTENT_TYPE,
        )


def trace_id() -> str:
    """What Vonage puts in ``instance``: an opaque id support can look a request up by."""
    return uuid.uuid4().hex


def invalid_parameters(violations: Iterable[tuple[Path, str]]) -> list[dict[str, str]]:
    return [{"name": path_name(path), "reason": reason} for path, reason in violations]


# --- Application API (no ``code``) -------------------------------------------------------


def unauthorized() -> Problem:
    return Problem(
        401,
        f"{ERRORS_URL}#unauthorized",
        "Unauthorized",
        "You did not provide correct credentials.",
        headers={"WWW-Authenticate": 'Basic realm="Vonage API"'},
    )


def application_not_found(app_id: str) -> Problem:
    return Problem(
        404,
        f"{ERRORS_URL}#not-found",
        "Not Found",
        f"Application with id '{app_id}' could not be found.",
    )


def application_invalid(violations: Iterable[tuple[Path, str]]) -> Problem:
    return Problem(
        400,
        f"{ERRORS_URL}/application#payload-validation",
        "Bad Request",
        "The request failed due to validation errors",
        invalid_parameters=invalid_parameters(violations),
    )


def application_list_invalid(violations: Iterable[tuple[Path, str]]) -> Problem:
    return Problem(
        400,
        f"{ERRORS_URL}/application#list-validation",
        "Bad Request",
        "The request failed due to validation errors",
        invalid_parameters=invalid_parameters(violations),
    )


# --- Users API (with ``code``) ------------------------------------------------------------


def _users_problem(status: int, code: str, title: str, detail: str, **extra: Any) -> Problem:
    return Problem(status, f"{USERS_ERRORS_URL}#{code}", title, detail, code=code, **extra)


def invalid_token(detail: str = "You did not provide a valid token.") -> Problem:
    return _users_problem(
        401,
        "system:error:invalid-token",
        "Invalid Token",
        detail,
        headers={"WWW-Authenticate": 'Bearer realm="Vonage API"'},
    )


def expired_token() -> Problem:
    return _users_problem(
        401,
        "system:error:expired-token",
        "Token Expired",
        "The token has expired. Generate a new token.",
        headers={"WWW-Authenticate": 'Bearer realm="Vonage API", error="invalid_token"'},
    )


def permission_denied(detail: str) -> Problem:
    return _users_problem(403, "system:error:permission", "Forbidden", detail)


def user_not_found() -> Problem:
    return _users_problem(
        404,
        "user:error:not-found",
        "Not found.",
        "User does not exist, or you do not have access.",
    )


def user_duplicate_name(name: str) -> Problem:
    return _users_problem(
        409,
        "user:error:duplicate-name",
        "User name already exists.",
        f"User name '{name}' already exists for this application.",
    )


def user_invalid(violations: Iterable[tuple[Path, str]]) -> Problem:
    return _users_problem(
        400,
        "http:error:validation-fail",
        "Bad request.",
        "Input validation failure.",
        invalid_parameters=invalid_parameters(violations),
    )


# --- Either API ---------------------------------------------------------------------------


def route_not_found(path: str, *, users: bool) -> Problem:
    if users:
        return _users_problem(404, "http:error:not-found", "Not found.", f"No route for {path}")
    return Problem(404, f"{ERRORS_URL}#not-found", "Not Found", f"No route for {path}")


def method_not_allowed(method: str, path: str, allowed: str, *, users: bool) -> Problem:
    detail = f"{method} is not allowed on {path}"
    headers = {"Allow": allowed} if allowed else None
    if users:
        return _users_problem(
            405, "http:error:method-not-allowed", "Method Not Allowed", detail, headers=headers
        )
    return Problem(
        405, f"{ERRORS_URL}#method-not-allowed", "Method Not Allowed", detail, headers=headers
    )


def malformed_json(*, users: bool) -> Problem:
    violation = [(("body",), "must be a JSON object")]
    return user_invalid(violation) if users else application_invalid(violation)


def rate_limited(retry_after_seconds: int) -> Problem:
    return Problem(
        429,
        f"{ERRORS_URL}#rate-limit",
        "Too Many Requests",
        "The request was rate limited. Retry after the time in the Retry-After header.",
        headers={"Retry-After": str(retry_after_seconds)},
    )


def server_error(status: int) -> Problem:
    if status == 503:
        return Problem(
            503, f"{ERRORS_URL}#service-unavailable", "Service Unavailable",
            "The service is temporarily unavailable. Try again later.",
            headers={"Retry-After": "1"},
        )
    return Problem(
        status, f"{ERRORS_URL}#internal-error", "Internal Server Error",
        "Something went wrong on our side. Try again later.",
    )
