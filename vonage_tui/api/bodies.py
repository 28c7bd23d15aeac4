"""Request bodies built from documents: pure functions, so the rules are cheap to test.

A document the client got from the server holds fields the server sets and will not take
back. These functions remove exactly those and nothing else: a field the client does not
know about is the user's data and goes back untouched, in its place.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vonage_tui.models import Application, User

# Server-set fields of an application that are never sent back.
#  - "_links": HAL navigation the server builds; it is not part of the resource.
#  - "id": the PUT request schema does not list it; the URL names the application. Sending it
#    would at best be ignored and at worst be rejected or, if the two ever disagreed, leave it
#    unclear which application is meant. The POST schema has no id either.
_SERVER_FIELDS = ("_links", "id")


def put_body(document: Mapping[str, Any]) -> dict[str, Any]:
    """The full application document a PUT replaces the application with.

    Drops ``_links``, ``id`` and ``keys.private_key`` (a secret the server returns only once,
    after a create; echoing it back would send it over the wire again for nothing). ``keys``
    itself goes when nothing is left in it. Everything else — unknown fields at any depth,
    odd values — is kept in its original key order. The input is not modified.
    """
    body = {
        key: copy.deepcopy(value) for key, value in document.items() if key not in _SERVER_FIELDS
    }
    keys = body.get("keys")
    if isinstance(keys, dict) and "private_key" in keys:
        remaining = {key: value for key, value in keys.items() if key != "private_key"}
        if remaining:
            body["keys"] = remaining
        else:
            del body["keys"]
    return body


def create_application_body(application: Application | Mapping[str, Any]) -> dict[str, Any]:
    """A POST body: the same rules as a PUT (so an existing application can be cloned)."""
    return put_body(_document(application))


def user_body(user: User | Mapping[str, Any]) -> dict[str, Any]:
    """A POST or PATCH body for a user: everything but the server-set ``id`` and ``_links``."""
    return {
        key: copy.deepcopy(value)
        for key, value in _document(user).items()
        if key not in _SERVER_FIELDS
    }


def _document(value: Application | User | Mapping[str, Any]) -> dict[str, Any]:
    # Here, not at the top: the client imports this module, and the first page of
    # applications is shown before the lossless models (and pydantic) are loaded.
    from vonage_tui.models import Application, User

    if isinstance(value, Application | User):
        return value.to_document()
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"expected a model or a dict, not {type(value).__name__}")
