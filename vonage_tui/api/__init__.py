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

from typing import TYPE_CHECKING

from vonage_tui.lazy_exports import lazy_exports

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
__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)


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
