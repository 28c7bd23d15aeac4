"""The TUI side of the flows: confirmations, file prompts, diffs, key capture, messages.

Each ``run_*`` coroutine must run in a worker (it waits for modals); ``launch`` starts one on
the app, so closing the screen that started it cannot cancel a flow holding an unsaved key.
Every error ends as a message: these never raise.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import Any

from rich.text import Text
from textual.app import App
from textual.worker import Worker

from ...models.documents import diff_documents
from ..announcements import announce_changed
from .export import (
    DocumentFileError,
    apply_plan,
    clone_document,
    default_export_name,
    export_text,
    read_document_file,
    write_export,
)
from .key_storage import describe_error, file_error_message
from .new_application import (
    CreateOutcomeUnknown,
    create_application,
    creation_changes,
    make_key_pair,
    preview_document,
)
from .rotate_key import rotate_key


def launch(app: App, flow: Awaitable[Any], on_done: Callable[[Any], Any] | None = None,
           *, name: str = "flow") -> Worker:
    """Run a ``run_*`` flow in an app worker; ``on_done(result)`` runs on success."""

    async def runner() -> Any:
        result = await flow
        if on_done is not None:
            on_done(result)
        return result

    return app.run_worker(runner(), name=name, group="vonage-flow", exit_on_error=False)


def _refuse_readonly(app: Any) -> bool:
    if getattr(app.session, "readonly", False):
        app.notify("This session is read-only.", severity="warning", markup=False)
        return True
    return False


async def capture_unsaved_key(app: Any, app_id: str, private_pem: str | None,
                              store_error: BaseException | str | None, *,
                              app_name: str | None = None, rotated: bool = False,
                              uncertain: bool = False, created: bool = False) -> str | None:
    """When a new private key could not be stored, make the user save it to a file.

    ``store_error`` is why (a string for a reason that is no exception); ``uncertain`` says
    Vonage may or may not have the key's public half. Returns the path written, or None when
    there was nothing to capture.
    """
    from ..screens.key_capture import KeyCaptureScreen

    if private_pem is None or store_error is None:
        return None
    return await app.push_screen_wait(KeyCaptureScreen(
        app_id, private_pem, store_error, app_name=app_name, rotated=rotated,
        uncertain=uncertain, created=created,
        default_path="~/vonage-new-application.key" if created and uncertain else None))


async def capture_key_of_unknown_create(app: Any, unknown: CreateOutcomeUnknown,
                                        app_name: str | None) -> str | None:
    """Vonage may have created the application: its private key goes to a file, with the name
    to look for, since there is no id to store it under."""
    return await capture_unsaved_key(app, "(id unknown)", unknown.private_pem, str(unknown),
                                     app_name=app_name, uncertain=True, created=True)


def _api_errors() -> tuple[type[BaseException], ...]:
    from ...api import ApiError

    return (ApiError, ValueError)


# -- rotate -------------------------------------------------------------------------------

async def run_rotate_key(app: Any, app_id: str, name: str | None = None) -> bool:
    """Confirm, rotate, store (or capture) the new key. True when the key is known to have
    been replaced (False when refused, failed, or unknown: then the new key is in a file)."""
    from ..screens.confirm import ConfirmModal

    if _refuse_readonly(app):
        return False
    label = name or app_id
    message = Text(no_wrap=False)
    message.append("A new RSA key pair is made here and its public key replaces the current "
                   "one on Vonage. From then on only the new private key signs valid JWTs: "
                   "any service still using the old key stops working. Rotate the key of ")
    message.append(label, style="bold")
    message.append("?")
    if not await app.push_screen_wait(ConfirmModal("Rotate key", message,
                                                   confirm_label="Rotate", danger=True)):
        return False
    # From the PUT until the new key is stored or in a file it exists only here.
    with app.holding_unsaved_key():
        try:
            outcome = await rotate_key(app.client, app.session.key_vault, app_id)
        except _api_errors() as error:
            app.notify(f"The key was not changed: {describe_error(error)}",
                       title="Rotate key failed", severity="error", markup=False)
            return False
        if outcome.unknown:
            await capture_unsaved_key(
                app, app_id, outcome.private_pem, unknown_rotation_reason(outcome),
                app_name=name, rotated=True, uncertain=True)
            app.notify(f"Whether {label} has the new key is unknown: check its public key in "
                       "the editor. The old private key is still in the key store.",
                       title="Rotate key: outcome unknown", severity="warning", markup=False,
                       timeout=15)
            return False
        if outcome.lost_answer is not None:
            app.notify(f"The answer to the change was lost ({describe_error(outcome.lost_answer)}),"
                       " but Vonage has the new public key: the rotation happened.",
                       severity="warning", markup=False, timeout=10)
        await capture_unsaved_key(app, app_id, outcome.private_pem, outcome.store_error,
                                  app_name=name, rotated=True)
    if outcome.application is not None:
        announce_changed(app, outcome.application)
    stored = "stored in the key store" if not outcome.key_unsaved else "saved to a file"
    app.notify(f"New key for {label}: private key {stored}", markup=False)
    return True


def unknown_rotation_reason(outcome: Any) -> str:
    """Why nobody knows which key works; the lost answer's own message would only repeat the
    request line, so it is named by its kind (the check's failure says what went wrong)."""
    from ...api import InvalidResponseError, TransportError

    lost = outcome.lost_answer
    status = getattr(lost, "status", None)
    if isinstance(lost, TransportError):
        kind = "no answer"
    elif isinstance(lost, InvalidResponseError):
        kind = "an unreadable answer"
    else:
        kind = f"HTTP {status}" if status else type(lost).__name__
    return (f"Vonage may or may not have the new public key: the change got {kind}, and "
            f"reading the application back failed too ({describe_error(outcome.check_error)})")


# -- export / apply / clone -----------------------------------------------------------------

async def run_export(app: Any, app_id: str) -> str | None:
    """GET the application, ask for a path, write pretty JSON. The path written, or None."""
    from ..screens.confirm import ConfirmModal
    from ..screens.file_prompt import FilePromptModal

    try:
        application = await app.client.get_application(app_id)
    except _api_errors() as error:
        app.notify(describe_error(error), title="Could not export", severity="error", markup=False)
        return None
    path = await app.push_screen_wait(FilePromptModal(
        "Export application", "Write the application's document (without private key or "
        "links) as JSON to:", default=default_export_name(application), confirm_label="Export"))
    if path is None:
        return None
    overwrite = False
    if os.path.exists(path):
        overwrite = await app.push_screen_wait(ConfirmModal(
            "Replace file?", Text(f"{path} already exists. Replace it?", no_wrap=False),
            confirm_label="Replace", danger=True))
        if not overwrite:
            return None
    try:
        written = write_export(path, export_text(application), overwrite=overwrite)
    except OSError as error:
        app.notify(file_error_message(error, path), title="Could not export", severity="error",
                   markup=False)
        return None
    app.notify(f"Exported to {written}", markup=False)
    return str(written)


async def _read_file(app: Any, title: str, message: str, confirm_label: str) -> dict | None:
    from ..screens.file_prompt import FilePromptModal

    path = await app.push_screen_wait(FilePromptModal(title, message, must_exist=True,
                                                      confirm_label=confirm_label))
    if path is None:
        return None
    try:
        return read_document_file(path)
    except DocumentFileError as error:
        app.notify(str(error), title=f"{title}: file not usable", severity="error", markup=False,
                   timeout=12)
        return None


async def run_apply(app: Any, app_id: str) -> bool:
    """Replace an application with a JSON file's document (after a diff). True when saved."""
    from ..screens.diff_preview import DiffPreview

    if _refuse_readonly(app):
        return False
    file_document = await _read_file(app, "Apply JSON file",
                                     "The file's document replaces the application (a PUT): "
                                     "fields it leaves out are removed.", "Preview")
    if file_document is None:
        return False
    try:
        current = await app.client.get_application(app_id)
    except _api_errors() as error:
        app.notify(describe_error(error), title="Could not apply", severity="error", markup=False)
        return False
    plan = apply_plan(current, file_document)
    note = ("The file's public key replaces the current one: the stored private key will stop "
            "working." if plan.changes_key else "")
    if not await app.push_screen_wait(DiffPreview("Apply file", diff_documents(
            plan.current, plan.replacement), confirm_label="Apply", note=note)):
        return False
    try:
        applied = await app.client.update_application(plan.replacement, application_id=app_id)
    except _api_errors() as error:
        app.notify(describe_error(error), title="Not applied", severity="error", markup=False)
        return False
    announce_changed(app, applied)
    app.notify(f"Applied the file to {plan.replacement.get('name') or app_id}", markup=False)
    return True


async def run_clone(app: Any) -> str | None:
    """Create a new application from a JSON file, with a new local key pair. The new id."""
    from ..screens.diff_preview import DiffPreview

    if _refuse_readonly(app):
        return None
    file_document = await _read_file(app, "New application from JSON file",
                                     "Its id, links and keys are dropped; a new key pair is "
                                     "made here.", "Preview")
    if file_document is None:
        return None
    pair = await make_key_pair()
    document = clone_document(file_document, pair.public_pem)
    shown = preview_document(document, "(new RSA-2048 public key; the private key stays here)")
    if not await app.push_screen_wait(DiffPreview(
            "Create application from file", creation_changes(shown), confirm_label="Create",
            note="The private key is made on this machine and stored in the key store.")):
        return None
    name = document.get("name")
    # From the POST until the new key is stored or in a file it exists only here.
    with app.holding_unsaved_key():
        try:
            outcome = await create_application(app.client, app.session.key_vault, document,
                                               private_pem=pair.private_pem)
        except CreateOutcomeUnknown as unknown:
            await capture_key_of_unknown_create(app, unknown,
                                                name if isinstance(name, str) else None)
            return None
        except _api_errors() as error:
            app.notify(describe_error(error), title="Not created", severity="error",
                       markup=False)
            return None
        for problem in outcome.problems:
            app.notify(problem, severity="warning", markup=False, timeout=10)
        await capture_unsaved_key(app, outcome.app_id, outcome.private_pem, outcome.store_error,
                                  app_name=name if isinstance(name, str) else None)
    announce_changed(app, outcome.application)
    app.notify(f"Created {name or outcome.app_id}", markup=False)
    return outcome.app_id
