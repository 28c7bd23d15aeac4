"""Exporting an application: GET it, ask for a path, write pretty JSON (no private key)."""

from __future__ import annotations

import os

from rich.text import Text

from ...operations.export import default_export_name, export_text, write_export
from ...operations.key_storage import describe_error, file_error_message
from ..screens.confirm import ConfirmModal
from ..screens.file_prompt import FilePromptModal
from ..services import Services
from .common import API_ERRORS
from .outcomes import Cancelled, Exported, ExportResult, Failed


async def run_export(services: Services, app_id: str) -> ExportResult:
    """``Exported(path)`` once the file is written."""
    notify = services.notifier.notify
    try:
        application = await services.client.get_application(app_id)
    except API_ERRORS as error:
        notify(describe_error(error), title="Could not export", severity="error", markup=False)
        return Failed(describe_error(error))
    return await export_to_chosen_file(
        services, "Export application", "Write the application's document (without private "
        "key or links) as JSON to:", default_export_name(application), export_text(application))


async def export_to_chosen_file(services: Services, title: str, message: str, default: str,
                                text: str) -> ExportResult:
    """Ask where, ask before replacing a file, write ``text``: the export of any document."""
    notify = services.notifier.notify
    path = await services.ui.push_screen_wait(FilePromptModal(
        title, message, default=default, confirm_label="Export"))
    if path is None:
        return Cancelled()
    overwrite = False
    if os.path.exists(path):
        overwrite = await services.ui.push_screen_wait(ConfirmModal(
            "Replace file?", Text(f"{path} already exists. Replace it?", no_wrap=False),
            confirm_label="Replace", danger=True))
        if not overwrite:
            return Cancelled()
    try:
        written = write_export(path, text, overwrite=overwrite)
    except OSError as error:
        notify(file_error_message(error, path), title="Could not export", severity="error",
               markup=False)
        return Failed(file_error_message(error, path))
    notify(f"Exported to {written}", markup=False)
    return Exported(str(written))
