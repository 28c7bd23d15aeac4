"""The async Vonage API client: applications (Application API v2) and users (Users API v1).

Usable as a library, without the TUI::

    async with VonageClient(api_key, api_secret) as client:
        async for application in client.iter_applications():
            print(application.id, application.name)
"""

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
