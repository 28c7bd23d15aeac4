"""Saving the user editor's edits: diff preview → re-GET (a change on the server since load is a
conflict: reload, overwrite or cancel) → PATCH of the top-level fields that changed (RFC 7396)
→ announce. A new user is a POST instead (after the same preview), with no conflict to check.

What differs from an application's save (``save_application.py``) is only how the user is
fetched, diffed and sent; the shared steps are ``saving.py``'s and the outcome is applied by
``DocumentEditorScreen.apply_save``, like an application's. A failure of any kind leaves every
edit where it was.
"""

from __future__ import annotations

import copy
from typing import Any

from ...api import ApiError, ValidationError, VonageClient
from ...models import User
from ...models.documents import diff_documents
from ...operations.key_storage import describe_error
from ...operations.user_documents import create_body, patch_body
from ..announcements import announce_user_changed
from ..screens.confirm import ConfirmModal
from ..screens.diff_preview import DiffPreview
from ..services import Services
from .common import refuse_readonly
from .outcomes import Cancelled, Reloaded, Saved, SaveResult
from .saving import (
    CHECK_CANCELLED,
    SEND_CANCELLED,
    SaveProgress,
    SaveRequest,
    ask_about_conflict,
    failed,
    rejected,
)

CREATE_CANCELLED = ("Not created: cancelled; Vonage may or may not have it (r on the list "
                    "shows); your edits are kept")


async def run_save_user(services: Services, client: VonageClient, app_id: str,
                        request: SaveRequest, progress: SaveProgress) -> SaveResult:
    """Save (or, with no ``request.object_id``, create) a user of ``app_id`` through
    ``client``, the application's users client: its JWT is the one Vonage takes."""
    if refuse_readonly(services):
        return Cancelled()
    changes = diff_documents(request.base, request.working)
    verb = "Create" if request.object_id is None else "Save"
    if changes:
        asked: Any = DiffPreview(request.title, changes, confirm_label=verb)
    else:  # a bare new user: no diff to show (the preview has nothing to confirm)
        asked = ConfirmModal("Create a user with nothing set?",
                             "Vonage makes up its name; you can edit it afterwards.",
                             confirm_label="Create")
    if not await services.ui.push_screen_wait(asked):
        return Cancelled()
    sent = copy.deepcopy(request.working)
    try:
        if request.object_id is None:
            progress.say("Saving…")
            with progress.watching(CREATE_CANCELLED):
                user = await client.create_user(create_body(sent))
        else:
            ended = await _send_patch(services, client, request, progress, sent)
            if not isinstance(ended, User):
                return ended
            user = ended
    except ValidationError as error:
        return rejected(services, error, describe_error(error))
    except (ApiError, ValueError) as error:
        return failed(services, describe_error(error))
    announce_user_changed(services.ui, app_id, user)
    created = request.object_id is None
    services.notifier.notify("Created" if created else "Saved", markup=False)
    return Saved(sent, user.to_document(), created=created)


async def _send_patch(services: Services, client: VonageClient, request: SaveRequest,
                      progress: SaveProgress, sent: dict[str, Any]) -> User | SaveResult:
    """The PATCH of what differs from the user as the server has it now, once the server has
    no change since load (or the person chose to overwrite it); else the outcome to end with."""
    assert request.object_id is not None
    progress.say("Saving…")
    with progress.watching(CHECK_CANCELLED):
        remote = (await client.get_user(request.object_id)).to_document()
    conflict = diff_documents(request.base, remote)
    if conflict:
        ended = await ask_about_conflict(services, remote, conflict)
        if ended is not None:
            return ended
    body = patch_body(remote, sent)
    if not body:  # the server already holds exactly this (an overwrite of equals)
        services.notifier.notify("Vonage already has these values: nothing to send.",
                                 markup=False)
        return Reloaded(remote)
    progress.say("Saving…")
    with progress.watching(SEND_CANCELLED):
        return await client.update_user(request.object_id, body)
