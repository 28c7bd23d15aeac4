"""Replacing an application's key pair without ever being left with no working key.

Order matters: the new private key is stored only after the PUT succeeded, so a failed PUT
leaves the old (still valid) key in the vault; once the PUT succeeded the old key is useless,
so the new one must be kept whatever happens (the caller captures it when the store fails).

A PUT whose answer was lost may have been carried out: the application is read again and its
public key compared with the new one. Only when that read fails too is the outcome unknown;
then neither key may be thrown away, so the old one stays in the vault and the new one is
handed back for the caller to put in a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..api import ApiError
from ..models import Application
from ..models.documents import delete_path, set_path
from .key_storage import store_private_key
from .lost_answers import carries_public_key, outcome_unknown
from .create import make_key_pair

if TYPE_CHECKING:
    from ..api import VonageClient
    from ..credentials.key_vault import KeyVault


@dataclass
class RotateOutcome:
    app_id: str
    private_pem: str = field(repr=False)
    """The new private key: stored, or (see ``key_unsaved``) for the caller to keep."""
    application: Application | None = None
    """The application as Vonage has it now; None when it is unknown whether the PUT happened."""
    store_error: BaseException | None = None
    """Why the new key could not be stored after a rotation that happened."""
    lost_answer: BaseException | None = None
    """The failure that hid the PUT's answer, when there was one."""
    check_error: BaseException | None = None
    """Why reading the application back after a lost answer failed (the outcome is unknown)."""

    @property
    def rotated(self) -> bool:
        """Vonage has the new public key (said by the PUT's answer or by reading it back)."""
        return self.application is not None

    @property
    def unknown(self) -> bool:
        return self.application is None

    @property
    def key_unsaved(self) -> bool:
        """The new private key is in no key store: the caller must get it into a file."""
        return self.unknown or self.store_error is not None


def with_public_key(document: dict[str, Any], public_pem: str) -> dict[str, Any]:
    """The full document with only ``keys.public_key`` replaced (a PUT replaces everything)."""
    updated = set_path(document, ("keys", "public_key"), public_pem)
    return delete_path(updated, ("keys", "private_key"))


async def rotate_key(client: VonageClient, vault: KeyVault, app_id: str) -> RotateOutcome:
    """New pair → GET → PUT with the new public key → store the new private key.

    Errors that prove the key was not changed propagate before anything is stored (the old key
    keeps working). A lost answer is checked by reading the application back; if that fails
    too, the outcome is ``unknown`` and the vault keeps the old key. A store failure after a
    rotation is returned in the outcome for the caller to capture the key.
    """
    pair = await make_key_pair()
    current = await client.get_application(app_id)
    document = with_public_key(current.to_document(), pair.public_pem)
    lost_answer: BaseException | None = None
    try:
        updated = await client.update_application(document, application_id=app_id)
    except ApiError as error:
        if not outcome_unknown(error):
            raise
        lost_answer = error
        try:
            updated = await client.get_application(app_id)
        except Exception as check_error:  # noqa: BLE001
            # Kept wide on purpose: the PUT may have carried the new public key, so the new
            # private key must reach the caller (to be captured) whatever stops the check.
            return RotateOutcome(app_id, pair.private_pem, None, lost_answer=error,
                                 check_error=check_error)
        if not carries_public_key(updated, pair.public_pem):
            raise error  # Vonage still has the old key: the PUT did not happen
    store_error = await store_private_key(vault, app_id, pair.private_pem)
    return RotateOutcome(app_id, pair.private_pem, updated, store_error=store_error,
                         lost_answer=lost_answer)
