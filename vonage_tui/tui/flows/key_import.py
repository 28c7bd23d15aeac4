"""Storing an application's private key from a PEM file or pasted text, from the TUI.

Asks which key (``KeyInputModal``), reads and normalises it off the UI thread, checks it against
the application's public key on Vonage and against what is stored (``operations.key_import``),
asks when it would replace a key or does not match, then stores it.
"""

from __future__ import annotations

import asyncio

from ...credentials import CredentialsError
from ...operations.key_import import check_import, import_question, match_sentence
from ...operations.key_storage import describe_error
from ..format import safe_text
from ..screens.confirm import ConfirmModal
from ..screens.key_input import KeyInputModal, normalised_key
from ..services import Services
from .common import refuse_readonly
from .outcomes import Cancelled, Failed, KeyImported, KeyImportResult


async def run_import_key(services: Services, mode: str, app_id: str = "") -> KeyImportResult:
    """``mode`` is ``file`` or ``paste``; ``app_id`` fills the dialog's application field."""

    if refuse_readonly(services):
        return Cancelled()
    notify = services.notifier.notify
    answer = await services.ui.push_screen_wait(KeyInputModal(mode, app_id))
    if answer is None:
        return Cancelled()
    app_id, value = answer
    try:
        pem = await asyncio.to_thread(normalised_key, mode, value)
    except ValueError as error:  # bad key, unreadable file (said as a ValueError)
        notify(describe_error(error), title="Key not stored", severity="error", markup=False,
               timeout=10)
        return Failed(describe_error(error))
    check = await check_import(services.client, services.key_vault, app_id, pem)
    if check.already_stored:
        notify(f"That key is already stored for {app_id}.", markup=False)
        return KeyImported(app_id, matches=check.matches)
    question = import_question(check)
    if question is not None and not await services.ui.push_screen_wait(ConfirmModal(
            question.title, safe_text(question.message),
            confirm_label=question.confirm_label, danger=True)):
        notify("Nothing was stored.", markup=False)
        return Cancelled()
    try:
        await services.key_vault.put(app_id, pem)
    except CredentialsError as error:  # keyring failure
        notify(describe_error(error), title="Key not stored", severity="error", markup=False,
               timeout=10)
        return Failed(describe_error(error))
    severity = "information" if check.matches else "warning"
    notify(f"Private key stored for {app_id}. {match_sentence(check)}", severity=severity,
           markup=False, timeout=10)
    return KeyImported(app_id, matches=check.matches)
