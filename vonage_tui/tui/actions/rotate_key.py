"""Replacing an application's key pair without ever being left with no working key.

Order matters: the new private key is stored only after the PUT succeeded, so a failed PUT
leaves the old (still valid) key in the vault; once the PUT succeeded the old key is useless,
so the new one must be kept whatever happens (the caller captures it when the store fails).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...models import Application
from ...models.documents import delete_path, set_path
from .key_storage import store_private_key
from .new_application import make_key_pair


@dataclass
class RotateOutcome:
    application: Application
    private_pem: str
    store_error: BaseException | None = None

    @property
    def app_id(self) -> str:
        return str(self.application.id)

    @property
    def key_unsaved(self) -> bool:
        return self.store_error is not None


def with_public_key(document: dict[str, Any], public_pem: str) -> dict[str, Any]:
    """The full document with only ``keys.public_key`` replaced (a PUT replaces everything)."""
    updated = set_path(document, ("keys", "public_key"), public_pem)
    return delete_path(updated, ("keys", "private_key"))


async def rotate_key(client: Any, vault: Any, app_id: str) -> RotateOutcome:
    """New pair → GET → PUT with the new public key → store the new private key.

    API errors propagate before anything is stored (the old key keeps working); a store
    failure after the PUT is returned in the outcome for the caller to capture the key.
    """
    pair = await make_key_pair()
    current = await client.get_application(app_id)
    document = with_public_key(current.to_document(), pair.public_pem)
    updated = await client.update_application(document, application_id=app_id)
    error = await store_private_key(vault, app_id, pair.private_pem)
    return RotateOutcome(updated, pair.private_pem, error)
