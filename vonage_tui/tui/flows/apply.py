"""Applying a JSON file to an application: the file's document replaces it (a PUT), after a
diff against what Vonage has now."""

from __future__ import annotations

from ...models.documents import diff_documents
from ...operations.export import apply_plan
from ...operations.key_storage import describe_error
from ..announcements import announce_changed
from ..screens.diff_preview import DiffPreview
from ..services import Services
from .common import API_ERRORS, ask_for_document_file, refuse_readonly
from .outcomes import Applied, ApplyResult, Cancelled, Failed


async def run_apply(services: Services, app_id: str) -> ApplyResult:
    """``Applied`` once Vonage has the file's document."""
    if refuse_readonly(services):
        return Cancelled()
    notify = services.notifier.notify
    file_document = await ask_for_document_file(
        services, "Apply JSON file",
        "The file's document replaces the application (a PUT): fields it leaves out are removed.",
        "Preview")
    if file_document is None:
        return Cancelled()
    try:
        current = await services.client.get_application(app_id)
    except API_ERRORS as error:
        notify(describe_error(error), title="Could not apply", severity="error", markup=False)
        return Failed(describe_error(error))
    plan = apply_plan(current, file_document)
    note = ("The file's public key replaces the current one: the stored private key will stop "
            "working." if plan.changes_key else "")
    if not await services.ui.push_screen_wait(DiffPreview("Apply file", diff_documents(
            plan.current, plan.replacement), confirm_label="Apply", note=note)):
        return Cancelled()
    try:
        applied = await services.client.update_application(plan.replacement,
                                                           application_id=app_id)
    except API_ERRORS as error:
        notify(describe_error(error), title="Not applied", severity="error", markup=False)
        return Failed(describe_error(error))
    announce_changed(services.ui, applied)
    notify(f"Applied the file to {plan.replacement.get('name') or app_id}", markup=False)
    return Applied(app_id)
