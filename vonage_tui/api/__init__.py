"""The async Vonage API client: applications (Application API v2) and users (Users API v1).

Usable as a library, without the TUI::

    async with VonageClient(api_key, api_secret) as client:
        async for application in client.iter_applications():
            print(application.id, application.name)

Importing the package loads none of its modules: each name loads its own on first use (PEP 562),
so the TUI's first screen does not wait for what it does not use yet (the JWT minter's jwt and
cryptography, the audit log).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .auth import JwtMinter
    from .bodies import put_body, user_body
    from .audit import AuditLog
    from .client import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, VonageClient
    from .errors import (
        ApiError,
        AuthenticationError,
        ConflictError,
        DeadlineExceededError,
        InvalidBaseUrlError,
        InvalidResponseError,
        MissingCredentialsError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitedError,
        ServerError,
        TransportError,
        ValidationError,
    )
    from .origin import DEFAULT_BASE_URL
    from .retry import RetryPolicy

_EXPORTS = {
    "auth": ("JwtMinter",),
    "bodies": ("put_body", "user_body"),
    "audit": ("AuditLog",),
    "client": ("DEFAULT_DEADLINE", "DEFAULT_TIMEOUT", "VonageClient"),
    "errors": (
        "ApiError", "AuthenticationError", "ConflictError", "DeadlineExceededError",
        "InvalidBaseUrlError", "InvalidResponseError", "MissingCredentialsError", "NotFoundError",
        "PermissionDeniedError", "RateLimitedError", "ServerError", "TransportError",
        "ValidationError",
    ),
    "origin": ("DEFAULT_BASE_URL",),
    "retry": ("RetryPolicy",),
}
"""Submodule → the names this package exports from it."""
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups find it without coming here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_DEADLINE",
    "DEFAULT_TIMEOUT",
    "ApiError",
    "AuditLog",
    "AuthenticationError",
    "ConflictError",
    "DeadlineExceededError",
    "InvalidBaseUrlError",
    "InvalidResponseError",
    "JwtMinter",
    "MissingCredentialsError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitedError",
    "RetryPolicy",
    "ServerError",
    "TransportError",
    "ValidationError",
    "VonageClient",
    "put_body",
    "user_body",
]
