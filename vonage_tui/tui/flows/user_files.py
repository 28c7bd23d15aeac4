"""A user as a JSON file: export it (GET, ask for a path, write), apply a file to it (the file's
top-level fields, after a diff, as a PATCH of those that differ)."""

from __future__ import annotations

from ...api import VonageClient
from ...models.documents import diff_documents
from ...operations.export import DocumentFileError
from ...operations.key_storage import describe_error
from ...operations.user_documents import (
    default_user_export_name,
    export_user_text,
    read_user_file,
    user_apply_plan,
)
from ..announcements import announce_user_changed
from ..screens.diff_preview import DiffPreview
from ..screens.file_prompt import FilePromptModal
from ..services import Services
from .common import API_ERRORS, refuse_readonly
from .export import export_to_chosen_file
from .outcomes import Applied, ApplyResult, Cancelled, ExportResult, Failed


async def run_export_user(services: Services, client: VonageClient,
                          user_id: str) -> ExportResult:
    """``Exported(path)`` once the user, as Vonage has it, is written."""
    notify = services.notifier.notify
    try:
        user = await client.get_user(user_id)
    except API_ERRORS as error:
        notify(describe_error(error), title="Could not export", severity="error", markup=False)
        return Failed(describe_error(error))
    return await export_to_chosen_file(
        services, "Export user", "Write the user's document (without links) as JSON to:",
        default_user_export_name(user), export_user_text(user))


async def run_apply_user(services: Services, client: VonageClient, app_id: str,
                         user_id: str) -> ApplyResult:
    """``Applied`` once Vonage has the file's fields (``Applied.app_id`` is the user's id)."""
    if refuse_readonly(services):
        return Cancelled()
    notify = services.notifier.notify
    path = await services.ui.push_screen_wait(FilePromptModal(
        "Apply JSON file to user",
        "The file's top-level fields replace the user's (a PATCH); fields it leaves out are kept.",
        must_exist=True, confirm_label="Preview"))
    if path is None:
        return Cancelled()
    try:
        file_document = read_user_file(path)
    except DocumentFileError as error:
        notify(str(error), title="Apply JSON file: file not usable", severity="error",
               markup=False, timeout=12)
        return Cancelled()
    try:
        current = await client.get_user(user_id)
    except API_ERRORS as error:
        notify(describe_error(error), title="Could not apply", severity="error", markup=False)
        return Failed(describe_error(error))
    plan = user_apply_plan(current, file_document)
    if not plan.body:
        notify("The user already has the file's values: nothing to apply.", markup=False)
        return Cancelled()
    if not await services.ui.push_screen_wait(DiffPreview(
            "Apply file", diff_documents(plan.current, plan.result), confirm_label="Apply")):
        return Cancelled()
    try:
        applied = await client.update_user(user_id, plan.body)
    except API_ERRORS as error:
        notify(describe_error(error), title="Not applied", severity="error", markup=False)
        return Failed(describe_error(error))
    announce_user_changed(services.ui, app_id, applied)
    notify(f"Applied the file to {applied.name or user_id}", markup=False)
    return Applied(user_id)
