"""The emulator's state: applications, their users, and the private keys it knows.

Plain dictionaries, no HTTP: the handlers translate requests into these calls, and tests and
the demo can read or prepare state directly. Errors are raised as :class:`Problem`, the same
objects the HTTP layer renders, so a Python caller sees the API's own reasons.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from vonage_tui.keys import generate_key_pair, keys_match, load_public_key

from . import problems
from .documents import (
    application_body_violations,
    application_response,
    merge_patch,
    stored_application,
    stored_user,
    user_body_violations,
    user_response,
    user_summary,
)
from .paging import CursorQuery, PageQuery, application_page, cursor_links, cursor_window


class EmulatorStore:
    """Applications by id, each with its own users, in creation order."""

    def __init__(self) -> None:
        self.applications: dict[str, dict[str, Any]] = {}
        """Stored application documents by id (``id`` and ``keys.public_key`` included)."""
        self.users: dict[str, dict[str, dict[str, Any]]] = {}
        """Stored users by application id, then by user id, in creation order."""
        self._private_keys: dict[str, str] = {}
        self._positions: dict[str, int] = {}  # user id -> creation sequence, for cursors
        self._next_position = 0
        self._public_keys: dict[str, rsa.RSAPublicKey] = {}  # PEM -> parsed, for JWT checks

    @classmethod
    def seeded(cls, apps: int = 25, users_per_app: int = 5, seed: int = 1) -> EmulatorStore:
        """A store full of realistic, deterministic data (see :mod:`.seed`)."""
        from .seed import fill_store

        store = cls()
        fill_store(store, apps=apps, users_per_app=users_per_app, seed=seed)
        return store

    # --- keys ---------------------------------------------------------------------------

    def private_key_for(self, app_id: str) -> str | None:
        """The PEM private key of a seeded or key-generated application, if the store knows it."""
        return self._private_keys.get(app_id)

    def public_key_for(self, app_id: str) -> rsa.RSAPublicKey | None:
        """The application's public key, parsed once and cached: every Users call needs it."""
        document = self.applications.get(app_id)
        pem = (document or {}).get("keys", {}).get("public_key")
        if not isinstance(pem, str):
            return None
        key = self._public_keys.get(pem)
        if key is None:
            key = self._public_keys[pem] = load_public_key(pem)
        return key

    # --- applications -------------------------------------------------------------------

    def add_application(self, doc: Mapping[str, Any]) -> dict[str, Any]:
        """Create an application as ``POST /v2/applications`` does; returns the response body.

        With no ``keys.public_key`` a key pair is generated and its private key is in the
        returned body, the only time it is ever returned.
        """
        body = dict(doc)
        if violations := application_body_violations(body):
            raise problems.application_invalid(violations)
        public_key = (body.get("keys") or {}).get("public_key")
        private_key = None
        if public_key is None:
            pair = generate_key_pair()
            public_key, private_key = pair.public_pem, pair.private_pem
        app_id = str(uuid.uuid4())
        stored = self.insert_application(body, app_id=app_id, public_key=public_key)
        if private_key is not None:
            self._private_keys[app_id] = private_key
        return application_response(stored, private_key=private_key)

    def insert_application(
        self,
        body: Mapping[str, Any],
        *,
        app_id: str,
        public_key: str,
        private_key: str | None = None,
    ) -> dict[str, Any]:
        """Store a body already known to be valid under a chosen id (used by seeding)."""
        stored = stored_application(dict(body), app_id=app_id, public_key=public_key)
        self.applications[app_id] = stored
        self.users.setdefault(app_id, {})
        if private_key is not None:
            self._private_keys[app_id] = private_key
        return stored

    def _stored_application(self, app_id: str) -> dict[str, Any]:
        try:
            return self.applications[app_id]
        except KeyError:
            raise problems.application_not_found(app_id) from None

    def get_application(self, app_id: str) -> dict[str, Any]:
        return application_response(self._stored_application(app_id))

    def replace_application(self, app_id: str, doc: Mapping[str, Any]) -> dict[str, Any]:
        """``PUT``: the body replaces the whole application, except a missing public key."""
        old = self._stored_application(app_id)
        body = dict(doc)
        if violations := application_body_violations(body):
            raise problems.application_invalid(violations)
        old_key = old["keys"]["public_key"]
        new_key = (body.get("keys") or {}).get("public_key") or old_key
        if new_key != old_key:
            known = self._private_keys.get(app_id)
            if known is not None and not keys_match(known, new_key):
                del self._private_keys[app_id]
        stored = stored_application(body, app_id=app_id, public_key=new_key)
        self.applications[app_id] = stored
        return application_response(stored)

    def delete_application(self, app_id: str) -> None:
        self._stored_application(app_id)
        del self.applications[app_id]
        for user_id in self.users.pop(app_id, {}):
            self._positions.pop(user_id, None)
        self._private_keys.pop(app_id, None)

    def application_page(self, query: PageQuery) -> dict[str, Any]:
        # Response bodies are built for the requested window only, not the whole account.
        ids = list(self.applications)
        first = (query.page - 1) * query.page_size
        window = [
            application_response(self.applications[app_id])
            for app_id in ids[first : first + query.page_size]
        ]
        return application_page(window, len(ids), query)

    # --- users --------------------------------------------------------------------------

    def users_of(self, app_id: str) -> list[dict[str, Any]]:
        """The stored users of an application, oldest first."""
        return list(self.users.get(app_id, {}).values())

    def add_user(self, app_id: str, doc: Mapping[str, Any] | None) -> dict[str, Any]:
        """``POST /v1/users`` for the application the token names; returns the stored user."""
        body = dict(doc or {})
        if violations := user_body_violations(body):
            raise problems.user_invalid(violations)
        name = body.get("name") or f"NAM-{uuid.uuid4()}"
        if self._user_named(app_id, name) is not None:
            raise problems.user_duplicate_name(name)
        return self.insert_user(app_id, body, user_id=f"USR-{uuid.uuid4()}", name=name)

    def insert_user(
        self, app_id: str, body: Mapping[str, Any], *, user_id: str, name: str
    ) -> dict[str, Any]:
        """Store a body already known to be valid under a chosen id (used by seeding)."""
        stored = stored_user(dict(body), user_id=user_id, name=name)
        self.users.setdefault(app_id, {})[user_id] = stored
        self._positions[user_id] = self._next_position
        self._next_position += 1
        return stored

    def _user_named(self, app_id: str, name: str) -> dict[str, Any] | None:
        for user in self.users.get(app_id, {}).values():
            if user.get("name") == name:
                return user
        return None

    def find_user(self, app_id: str, id_or_name: str) -> dict[str, Any]:
        """A user of this application by id or by name; 404 for another application's user."""
        users = self.users.get(app_id, {})
        user = users.get(id_or_name) or self._user_named(app_id, id_or_name)
        if user is None:
            raise problems.user_not_found()
        return user

    def update_user(
        self, app_id: str, id_or_name: str, patch: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        """``PATCH``: a JSON merge patch; fields it leaves out are kept."""
        user = self.find_user(app_id, id_or_name)
        if not isinstance(patch, Mapping):
            raise problems.user_invalid([(("body",), "must be a JSON object")])
        changes = {k: v for k, v in patch.items() if k not in ("id", "_links")}
        merged = merge_patch(user, changes)
        violations = user_body_violations(merged)
        if "name" not in merged:
            violations.append((("name",), "cannot be removed"))
        if violations:
            raise problems.user_invalid(violations)
        other = self._user_named(app_id, merged["name"])
        if other is not None and other["id"] != user["id"]:
            raise problems.user_duplicate_name(merged["name"])
        stored = stored_user(merged, user_id=user["id"], name=merged["name"])
        self.users[app_id][user["id"]] = stored
        return stored

    def delete_user(self, app_id: str, id_or_name: str) -> None:
        user = self.find_user(app_id, id_or_name)
        del self.users[app_id][user["id"]]
        self._positions.pop(user["id"], None)

    def user_page(self, app_id: str, query: CursorQuery, base_url: str) -> dict[str, Any]:
        users = self.users_of(app_id)
        if query.name is not None:
            users = [user for user in users if user.get("name") == query.name]
        if query.order == "desc":
            users.reverse()
        positions = [self._positions[user["id"]] for user in users]
        start, end = cursor_window(positions, query)
        return {
            "page_size": query.page_size,
            "_embedded": {"users": [user_summary(u, base_url) for u in users[start:end]]},
            "_links": cursor_links(base_url, query, positions, (start, end)),
        }

    def user_response(self, stored: dict[str, Any], base_url: str) -> dict[str, Any]:
        return user_response(stored, base_url)
