"""The two ways the APIs authenticate: Basic for applications, an RS256 JWT for users."""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Mapping
from typing import Any

import jwt

from . import problems
from .store import EmulatorStore


def check_basic(headers: Mapping[str, str], api_key: str, api_secret: str) -> None:
    """Raise a 401 problem unless ``Authorization: Basic`` carries this key and secret."""
    scheme, _, encoded = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        raise problems.unauthorized()
    try:
        key, sep, secret = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise problems.unauthorized() from None
    # Compare both, always: how long a refusal takes must not say which part was wrong.
    key_ok = secrets.compare_digest(key.encode(), api_key.encode())
    secret_ok = secrets.compare_digest(secret.encode(), api_secret.encode())
    if not (sep and key_ok and secret_ok):
        raise problems.unauthorized()


def verified_claims(headers: Mapping[str, str], store: EmulatorStore) -> dict[str, Any]:
    """The claims of a valid bearer token; its ``application_id`` scopes the Users API.

    The token is verified against the public key stored for the application it names, so
    a token signed with any other key, or naming an unknown application, is refused.
    """
    scheme, _, token = headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise problems.invalid_token("Provide a JWT as 'Authorization: Bearer <token>'.")
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        raise problems.invalid_token("The token is not a well-formed JWT.") from None
    app_id = unverified.get("application_id")
    if not isinstance(app_id, str):
        raise problems.invalid_token("The token has no application_id claim.")
    public_key = store.public_key_for(app_id)
    if public_key is None:
        raise problems.invalid_token("The token names an application that does not exist.")
    try:
        return jwt.decode(
            token, public_key, algorithms=["RS256"], options={"require": ["exp"]}
        )
    except jwt.ExpiredSignatureError:
        raise problems.expired_token() from None
    except jwt.InvalidTokenError:
        raise problems.invalid_token(
            "The token's signature does not match the application's public key, "
            "or its claims are invalid."
        ) from None


def require_admin(claims: Mapping[str, Any]) -> None:
    """Creating users needs an admin token: one without ``sub`` (a user's own token)."""
    if claims.get("sub"):
        raise problems.permission_denied(
            "This action needs an admin JWT (one without a 'sub' claim)."
        )
