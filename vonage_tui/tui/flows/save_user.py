"""Saving the user editor's edits: diff preview → re-GET (a change on the server since load is a
conflict: reload, overwrite or cancel) → PATCH of the top-level fields that changed → announce.
A new user is a POST instead (after the same preview), with no conflict to check.

The flow never touches the editor: it returns an outcome, and the editor applies it (a failure
of any kind leaves every edit where it was).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from ...api import ApiError, ValidationError, VonageClient
from ...models.documents import diff_documents
from ...operations.key_storage import describe_error
from ...operations.user_documents import create_body, patch_body
from ..announcements import announce_user_changed
from ..editing.save_flow import rejected_parameters
from ..screens.application_editor_modals import ConflictModal
from ..screens.confirm import ConfirmModal
from ..screens.diff_preview import DiffPreview
from ..services import Services
from .common import refuse_readonly
from .outcomes import Cancelled, Failed, UserRejected, UserReloaded, UserSaved, UserSaveResult

Watch = Callable[[str], AbstractContextManager[None]]
"""Wraps a request so esc can cancel it (``RequestWatch.watching``); the argument is what to
say if it is cancelled."""


def _no_watch(_cancelled: str) -> AbstractContextManager[None]:
    return nullcontext()


@dataclass(frozen=True)
class UserSave:
    """What to save: the users client of ``app_id``, the user (None: create one), the document
    the edits were made on and the edited one."""

    client: VonageClient
    app_id: str
    user_id: str | None
    base: dict[str, Any]
    working: dict[str, Any]
    title: str


async def run_save_user(services: Services, save: UserSave,
                        watch: Watch = _no_watch) -> UserSaveResult:
    if refuse_readonly(services):
        return Cancelled()
    ui, notify = services.ui, services.notifier.notify
    changes = diff_documents(save.base, save.working)
    verb = "Create" if save.user_id is None else "Save"
    if changes:
        asked: Any = DiffPreview(f"{verb} {save.title}", changes, confirm_label=verb)
    else:  # a bare new user: no diff to show (the preview has nothing to confirm)
        asked = ConfirmModal("Create a user with nothing set?",
                             "Vonage makes up its name; you can edit it afterwards.",
                             confirm_label="Create")
    if not await ui.push_screen_wait(asked):
        return Cancelled()
    sent = copy.deepcopy(save.working)
    try:
        if save.user_id is None:
            with watch("Not created: cancelled; Vonage may or may not have it (r on the list "
                       "shows); your edits are kept"):
                user = await save.client.create_user(create_body(sent))
            created = True
        else:
            outcome = await _check_remote(services, save, watch)
            if not isinstance(outcome, dict):
                return outcome
            body = patch_body(outcome, sent)
            if not body:  # the server already holds exactly this (an overwrite of equals)
                notify("Vonage already has these values: nothing to send.", markup=False)
                return UserReloaded(outcome)
            with watch("Save cancelled: Vonage may or may not have it; your edits are kept"):
                user = await save.client.update_user(save.user_id, body)
            created = False
    except ValidationError as error:
        notify(describe_error(error), title="Not saved: the server rejected it",
               severity="error", markup=False)
        return UserRejected(rejected_parameters(error), describe_error(error))
    except (ApiError, ValueError) as error:
        notify(f"{describe_error(error)}. Your edits are kept.", title="Not saved",
               severity="error", markup=False)
        return Failed(describe_error(error))
    announce_user_changed(ui, save.app_id, user)
    notify("Created" if created else "Saved", markup=False)
    return UserSaved(user, sent, created=created)


async def _check_remote(services: Services, save: UserSave,
                        watch: Watch) -> dict[str, Any] | UserSaveResult:
    """The user as the server has it now, when the save may go on (no change since load, or
    the person chose to overwrite); else the outcome to end with."""
    assert save.user_id is not None
    with watch("Not saved: cancelled; your edits are kept"):
        remote = (await save.client.get_user(save.user_id)).to_document()
    conflict = diff_documents(save.base, remote)
    if not conflict:
        return remote
    choice = await services.ui.push_screen_wait(ConflictModal(conflict))
    if choice == "reload":
        return UserReloaded(remote)
    if choice != "overwrite":
        return Cancelled()
    return remote
