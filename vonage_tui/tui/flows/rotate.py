"""Rotating an application's key from the TUI: confirm, rotate, store (or capture) the new key.

From the PUT until the new private key is stored or in a file it exists only here, so the app
refuses to quit meanwhile; ``operations.rotate`` keeps the order that never leaves no working key.
"""

from __future__ import annotations

from rich.text import Text

from ...api import InvalidResponseError, TransportError
from ...operations.key_storage import describe_error
from ...operations.rotate import RotateOutcome, rotate_key
from ..announcements import announce_changed
from ..screens.confirm import ConfirmModal
from ..services import Services
from .common import API_ERRORS, refuse_readonly
from .key_capture import capture_unsaved_key
from .outcomes import Cancelled, Failed, Rotated, RotateResult, Uncertain


async def run_rotate_key(services: Services, app_id: str,
                         name: str | None = None) -> RotateResult:
    """Confirm, rotate, store (or capture) the new key. ``Rotated`` when the key is known to
    have been replaced; ``Uncertain`` when that is unknown (the new key is then in a file)."""
    if refuse_readonly(services):
        return Cancelled()
    notify = services.notifier.notify
    label = name or app_id
    message = Text(no_wrap=False)
    message.append("A new RSA key pair is made here and its public key replaces the current "
                   "one on Vonage. From then on only the new private key signs valid JWTs: "
                   "any service still using the old key stops working. Rotate the key of ")
    message.append(label, style="bold")
    message.append("?")
    if not await services.ui.push_screen_wait(ConfirmModal("Rotate key", message,
                                                           confirm_label="Rotate", danger=True)):
        return Cancelled()
    # From the PUT until the new key is stored or in a file it exists only here.
    with services.ui.holding_unsaved_key():
        try:
            outcome = await rotate_key(services.client, services.key_vault, app_id)
        except API_ERRORS as error:
            notify(f"The key was not changed: {describe_error(error)}",
                   title="Rotate key failed", severity="error", markup=False)
            return Failed(describe_error(error))
        if outcome.unknown:
            reason = unknown_rotation_reason(outcome)
            path = await capture_unsaved_key(
                services, app_id, outcome.private_pem, reason,
                app_name=name, rotated=True, uncertain=True)
            notify(f"Whether {label} has the new key is unknown: check its public key in "
                   "the editor. The old private key is still in the key store.",
                   title="Rotate key: outcome unknown", severity="warning", markup=False,
                   timeout=15)
            return Uncertain(reason, path)
        if outcome.lost_answer is not None:
            notify(f"The answer to the change was lost ({describe_error(outcome.lost_answer)}),"
                   " but Vonage has the new public key: the rotation happened.",
                   severity="warning", markup=False, timeout=10)
        await capture_unsaved_key(services, app_id, outcome.private_pem, outcome.store_error,
                                  app_name=name, rotated=True)
    if outcome.application is not None:
        announce_changed(services.ui, outcome.application)
    stored = "stored in the key store" if not outcome.key_unsaved else "saved to a file"
    notify(f"New key for {label}: private key {stored}", markup=False)
    return Rotated(app_id, key_stored=not outcome.key_unsaved)


def unknown_rotation_reason(outcome: RotateOutcome) -> str:
    """Why nobody knows which key works; the lost answer's own message would only repeat the
    request line, so it is named by its kind (the check's failure says what went wrong)."""
    lost = outcome.lost_answer
    status = getattr(lost, "status", None)
    if isinstance(lost, TransportError):
        kind = "no answer"
    elif isinstance(lost, InvalidResponseError):
        kind = "an unreadable answer"
    else:
        kind = f"HTTP {status}" if status else type(lost).__name__
    check = describe_error(outcome.check_error) if outcome.check_error is not None else "?"
    return (f"Vonage may or may not have the new public key: the change got {kind}, and "
            f"reading the application back failed too ({check})")
