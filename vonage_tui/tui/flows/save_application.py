"""Saving an application's edits: diff preview → re-GET (a change on the server since load is a
conflict: reload, overwrite or cancel) → PUT of the whole document.

The rules (what the preview warns of, what a conflict means, where a 400's reasons go) are the
pure ``editing/save_flow.py``; this shows the dialogs, makes the requests and says what
happened. A failure at any step returns an outcome that keeps every edit.
"""

from __future__ import annotations

import copy
from typing import Any

from ...api import ApiError, ValidationError
from ...models import Path
from ...models.documents import diff_documents, get_path, set_path
from ..announcements import announce_changed
from ..editing import save_flow
from ..editing.state import PUBLIC_KEY
from ..screens.diff_preview import DiffPreview
from ..services import Services
from .common import refuse_readonly
from .outcomes import Cancelled, Saved, SaveResult
from .saving import (
    CHECK_CANCELLED,
    SEND_CANCELLED,
    SaveProgress,
    SaveRequest,
    ask_about_conflict,
    failed,
    rejected,
)


async def run_save_application(services: Services, request: SaveRequest,
                               progress: SaveProgress) -> SaveResult:
    if refuse_readonly(services):
        return Cancelled()
    base, working = request.base, request.working
    app_id = request.object_id
    assert app_id is not None  # the application editor edits existing applications only
    changes = save_flow.shown_changes(diff_documents(base, working))
    if not await services.ui.push_screen_wait(DiffPreview(
            request.title, changes, note=save_flow.preview_note(base, working))):
        return Cancelled()
    progress.say("Checking for changes on the server…")
    try:
        with progress.watching(CHECK_CANCELLED):
            remote = (await services.client.get_application(app_id)).to_document()
    except ApiError as error:
        return failed(services, f"could not check for remote changes: {error}")
    sent = copy.deepcopy(working)
    adopted: tuple[tuple[Path, Any], ...] = ()
    conflict = save_flow.remote_changes(base, remote)
    if conflict:
        ended = await ask_about_conflict(services, remote, save_flow.shown_changes(conflict),
                                         save_flow.conflict_note(base, working, remote))
        if ended is not None:
            return ended
        if save_flow.keeps_remote_key(base, working, remote):
            # Putting the loaded key back would undo a rotation (save_flow.keeps_remote_key).
            key = get_path(remote, PUBLIC_KEY)
            adopted = ((PUBLIC_KEY, key),)
            sent = set_path(sent, PUBLIC_KEY, key)
    progress.say("Saving…")
    try:
        with progress.watching(SEND_CANCELLED):
            saved = await services.client.update_application(sent, application_id=app_id)
    except ValidationError as error:
        return rejected(services, error, str(error))
    except ApiError as error:
        return failed(services, str(error))
    announce_changed(services.ui, saved)
    services.notifier.notify("Saved", markup=False)
    return Saved(sent, saved.to_document(), adopted)

