"""Users as documents: the PATCH that carries exactly an edit, a create body, and JSON files
(export one user; apply a file to one user, as a PATCH of what differs).

The Users API's PATCH is partial: a top-level field left out keeps its value. It merges like a
JSON merge patch (RFC 7396, as the emulator implements it): an object is merged key by key, a
list or a scalar replaces what was there, ``null`` removes the field. So a PATCH body holds the
top-level fields that changed, each whole as edited, plus ``null`` for every key removed from an
object inside them (otherwise the merge would keep it); applying it to the server's document
gives exactly the edited one. No Textual here.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from ..models import User, user_violations
from .export import parse_document, read_document_file

SERVER_FIELDS = ("id", "_links")
"""Set by the server: never sent, never compared."""


def _same(left: Any, right: Any) -> bool:
    """Equal as JSON: ``1 == True`` and ``1 == 1.0`` in Python, not in a document."""
    return json.dumps(left, sort_keys=True) == json.dumps(right, sort_keys=True)


def _merge_value(old: Any, new: Any) -> Any:
    """``new`` as a merge patch sends it over ``old``: keys ``old`` had and ``new`` dropped
    become ``null``, in every object nested in both."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return copy.deepcopy(new)
    merged = {key: _merge_value(old.get(key), value) for key, value in new.items()}
    merged.update((key, None) for key in old if key not in new)
    return merged


def patch_body(base: dict[str, Any], edited: dict[str, Any]) -> dict[str, Any]:
    """The PATCH from ``base`` (the user as the server has it) to ``edited``: only the top-level
    fields that differ; a top-level field removed is ``null``. Empty when nothing changed."""
    body: dict[str, Any] = {}
    for key, value in edited.items():
        if key in SERVER_FIELDS:
            continue
        if key not in base or not _same(base[key], value):
            body[key] = _merge_value(base.get(key), value)
    for key in base:
        if key not in SERVER_FIELDS and key not in edited:
            body[key] = None
    return body


def create_body(document: dict[str, Any]) -> dict[str, Any]:
    """A POST body: the document without server fields; an empty name is left out (the API
    makes one)."""
    body = {key: copy.deepcopy(value) for key, value in document.items()
            if key not in SERVER_FIELDS}
    if body.get("name") in ("", None):
        body.pop("name", None)
    return body


# --- files ---------------------------------------------------------------------------------


def export_user_document(user: User | dict[str, Any]) -> dict[str, Any]:
    """What an exported file holds: the user without the server's ``_links``."""
    document = user.to_document() if isinstance(user, User) else copy.deepcopy(user)
    document.pop("_links", None)
    return document


def export_user_text(user: User | dict[str, Any]) -> str:
    return json.dumps(export_user_document(user), indent=2, ensure_ascii=False) + "\n"


def default_user_export_name(user: User) -> str:
    return f"vonage-user-{str(user.id or 'user')[:12]}.json"


def parse_user_document(text: str, source: str = "the file") -> dict[str, Any]:
    """A user document from JSON text, checked against the Users API's limits."""
    return parse_document(text, source, noun="user", violations=user_violations)


def read_user_file(path: str) -> dict[str, Any]:
    return read_document_file(path, noun="user", violations=user_violations)


@dataclass(frozen=True)
class UserApplyPlan:
    current: dict[str, Any]
    """The user as the server has it (no ``_links``), as the diff shows it."""
    result: dict[str, Any]
    """The user once the file is applied: the current one with the file's top-level fields."""
    body: dict[str, Any]
    """The PATCH: the file's top-level fields that differ from the current user."""


def user_apply_plan(current: User | dict[str, Any],
                    file_document: dict[str, Any]) -> UserApplyPlan:
    """A file applied to a user sets the top-level fields it holds (the id and links it may
    carry are ignored); fields it leaves out keep their values, as a PATCH does."""
    base = export_user_document(current)
    result = copy.deepcopy(base)
    for key, value in file_document.items():
        if key not in SERVER_FIELDS:
            result[key] = copy.deepcopy(value)
    return UserApplyPlan(base, result, patch_body(base, result))
