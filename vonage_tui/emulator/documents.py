"""Pure functions from request bodies to stored documents and back to response bodies.

Stored documents keep every field they were sent, known or not, at every level, like a newer
server would: the emulator's job is to prove clients do not lose what they do not understand.
"""

from __future__ import annotations

import copy
from typing import Any

from vonage_tui.keys import InvalidKeyError, load_public_key
from vonage_tui.models.limits import Path, application_violations, user_violations

APPLICATIONS_PATH = "/v2/applications"
USERS_PATH = "/v1/users"

# Defaults the API fills in when a capability (or the privacy block) leaves them out.
_CAPABILITY_DEFAULTS: dict[str, dict[str, Any]] = {
    "voice": {"signed_callbacks": True, "conversations_ttl": 48, "leg_persistence_time": 2},
    "rtc": {"signed_callbacks": True},
    "messages": {"version": "v1"},
    "verify": {"version": "v2"},
}
_APPLICATION_KEY_ORDER = ("id", "name", "keys", "capabilities", "privacy")
_USER_KEY_ORDER = ("id", "name", "display_name", "image_url", "properties", "channels")
# Never stored from a request body: the server owns them.
_SERVER_OWNED = ("id", "_links")


def _ordered(document: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    first = {key: document[key] for key in order if key in document}
    return first | {key: value for key, value in document.items() if key not in first}


# --- Applications -----------------------------------------------------------------------


def application_body_violations(body: Any) -> list[tuple[Path, str]]:
    """What is wrong with a create or replace body (empty when it is acceptable)."""
    if not isinstance(body, dict):
        return [(("body",), "must be a JSON object")]
    problems = application_violations(body)
    for part in ("keys", "capabilities", "privacy"):
        if part in body and not isinstance(body[part], dict):
            problems.append(((part,), "must be an object"))
    keys = body.get("keys")
    if isinstance(keys, dict) and isinstance(keys.get("public_key"), str):
        try:
            load_public_key(keys["public_key"])
        except InvalidKeyError:
            problems.append((("keys", "public_key"), "must be a PEM-encoded RSA public key"))
    return problems


def stored_application(body: dict[str, Any], *, app_id: str, public_key: str) -> dict[str, Any]:
    """The document kept for a valid create or replace body.

    ``id`` and ``_links`` in the body are ignored; a private key sent by mistake is never
    stored; documented defaults are filled in; everything else is kept as sent.
    """
    document = {k: copy.deepcopy(v) for k, v in body.items() if k not in _SERVER_OWNED}
    document["id"] = app_id
    keys = {k: v for k, v in (document.get("keys") or {}).items() if k != "private_key"}
    keys["public_key"] = public_key
    document["keys"] = _ordered(keys, ("public_key",))
    capabilities = document.get("capabilities")
    if isinstance(capabilities, dict):
        for name, defaults in _CAPABILITY_DEFAULTS.items():
            capability = capabilities.get(name)
            if isinstance(capability, dict):
                capabilities[name] = capability | {
                    k: v for k, v in defaults.items() if k not in capability
                }
    privacy = document.get("privacy")
    document["privacy"] = {"improve_ai": True} | (privacy if isinstance(privacy, dict) else {})
    return _ordered(document, _APPLICATION_KEY_ORDER)


def application_href(app_id: str) -> str:
    """Relative, as the real API sends it."""
    return f"{APPLICATIONS_PATH}/{app_id}"


def application_response(
    stored: dict[str, Any], *, private_key: str | None = None
) -> dict[str, Any]:
    """The body sent for a stored application; ``private_key`` only right after creation."""
    document = copy.deepcopy(stored)
    if private_key is not None:
        document["keys"] = document.get("keys", {}) | {"private_key": private_key}
    document["_links"] = {"self": {"href": application_href(stored["id"])}}
    return document


# --- Users ------------------------------------------------------------------------------


def user_body_violations(body: Any) -> list[tuple[Path, str]]:
    """What is wrong with a user document (a create body, or a user after a patch)."""
    if not isinstance(body, dict):
        return [(("body",), "must be a JSON object")]
    problems = user_violations(body)
    name = body.get("name")
    if "name" in body and (not isinstance(name, str) or not name.strip()):
        problems.append((("name",), "must be non-empty text"))
    for part in ("properties", "channels"):
        if part in body and not isinstance(body[part], dict):
            problems.append(((part,), "must be an object"))
    channels = body.get("channels")
    if isinstance(channels, dict):
        for kind, entries in channels.items():
            if not isinstance(entries, list):
                problems.append((("channels", kind), "must be a list"))
                continue
            for index, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    problems.append((("channels", kind, index), "must be an object"))
    return problems


def stored_user(body: dict[str, Any], *, user_id: str, name: str) -> dict[str, Any]:
    document = {k: copy.deepcopy(v) for k, v in body.items() if k not in _SERVER_OWNED}
    document["id"] = user_id
    document["name"] = name
    return _ordered(document, _USER_KEY_ORDER)


def merge_patch(target: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """RFC 7396: objects merge recursively, ``null`` removes a field, anything else replaces."""
    merged = copy.deepcopy(target)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_patch(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def user_href(base_url: str, user_id: str) -> str:
    """Absolute, built from the base URL the request came in on."""
    return f"{base_url}{USERS_PATH}/{user_id}"


def user_response(stored: dict[str, Any], base_url: str) -> dict[str, Any]:
    document = copy.deepcopy(stored)
    document["_links"] = {"self": {"href": user_href(base_url, stored["id"])}}
    return document


def user_summary(stored: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A user as the list shows it: id, name, display name and its link."""
    summary = {k: stored[k] for k in ("id", "name", "display_name") if k in stored}
    summary["_links"] = {"self": {"href": user_href(base_url, stored["id"])}}
    return summary
