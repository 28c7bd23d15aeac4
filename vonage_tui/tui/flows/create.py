"""The one create sequence, for the create form and clone: preview → key → POST → the private
key stored under the new id, or captured to a file on any store failure or lost answer.

From the POST until the private key (made here or returned by Vonage) is stored or in a file it
exists only in this process, so the app refuses to quit meanwhile; run it with ``launch`` (an
app worker) so closing the screen that started it cannot cancel it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from ...models.documents import get_path
from ...operations.create import (
    CreateOutcomeUnknown,
    create_application,
    creation_changes,
    make_key_pair,
    preview_document,
    with_new_public_key,
)
from ...operations.key_storage import describe_error
from ..announcements import announce_changed
from ..screens.diff_preview import DiffPreview
from ..services import Services
from .common import API_ERRORS, refuse_readonly
from .key_capture import capture_key_of_unknown_create, capture_unsaved_key
from .outcomes import Cancelled, Created, CreateResult, Failed, Uncertain

LOCAL_KEY_NOTE = "(new RSA-2048 public key; the private key stays here)"
"""What the preview shows instead of a PEM made here."""


async def run_create(services: Services, document: dict[str, Any], *, make_key: bool,
                     title: str, note: str, key_note: str = "",
                     sending: Callable[[bool], object] | None = None) -> CreateResult:
    """Create the application ``document`` describes, after showing it.

    ``make_key``: a pair is made here and its public key put in the document. Otherwise the
    document's own ``keys.public_key`` is sent (no private key to keep), or, without one,
    Vonage makes the pair and its private key is taken from the answer. ``sending(True/False)``
    brackets the request, for the form to show it is busy.
    """
    if refuse_readonly(services):
        return Cancelled()
    private_pem: str | None = None
    if make_key:
        pair = await make_key_pair()
        private_pem = pair.private_pem
        document = with_new_public_key(document, pair.public_pem)
        key_note = LOCAL_KEY_NOTE
    if not await services.ui.push_screen_wait(DiffPreview(
            title, creation_changes(preview_document(document, key_note)),
            confirm_label="Create", note=note)):
        return Cancelled()
    name = document.get("name") if isinstance(document.get("name"), str) else None
    key_to_keep = private_pem is not None or not isinstance(
        get_path(document, ("keys", "public_key")), str)
    holding: AbstractContextManager[None] = (
        services.ui.holding_unsaved_key() if key_to_keep else nullcontext())
    notify = services.notifier.notify
    with holding:
        if sending is not None:
            sending(True)
        try:
            try:
                outcome = await create_application(services.client, services.key_vault,
                                                   document, private_pem=private_pem)
            finally:
                if sending is not None:
                    sending(False)
        except CreateOutcomeUnknown as unknown:
            path = await capture_key_of_unknown_create(services, unknown, name)
            return Uncertain(str(unknown), path)
        except API_ERRORS as error:
            notify(describe_error(error), title="Not created", severity="error", markup=False)
            return Failed(describe_error(error))
        for problem in outcome.problems:
            notify(problem, severity="warning", markup=False, timeout=10)
        await capture_unsaved_key(services, outcome.app_id, outcome.private_pem,
                                  outcome.store_error, app_name=name)
    announce_changed(services.ui, outcome.application)
    stored = outcome.private_pem is not None and outcome.store_error is None
    notify(f"Created {name or outcome.app_id}" + (" · private key stored" if stored else ""),
           markup=False)
    return Created(outcome.app_id, key_stored=stored)
