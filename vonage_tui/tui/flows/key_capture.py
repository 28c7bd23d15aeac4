"""A new private key the key store would not take goes to a file before anything else.

Vonage keeps only the public half of an application's key pair: once it has it, the private
key held here is the only copy, so the key capture screen cannot be left until it is saved.
"""

from __future__ import annotations

from ...operations.create import CreateOutcomeUnknown
from ..screens.key_capture import KeyCaptureScreen
from ..services import Services


async def capture_unsaved_key(services: Services, app_id: str, private_pem: str | None,
                              store_error: BaseException | str | None, *,
                              app_name: str | None = None, rotated: bool = False,
                              uncertain: bool = False, created: bool = False) -> str | None:
    """When a new private key could not be stored, make the user save it to a file.

    ``store_error`` is why (a string for a reason that is no exception); ``uncertain`` says
    Vonage may or may not have the key's public half. Returns the path written, or None when
    there was nothing to capture.
    """
    if private_pem is None or store_error is None:
        return None
    return await services.ui.push_screen_wait(KeyCaptureScreen(
        app_id, private_pem, store_error, app_name=app_name, rotated=rotated,
        uncertain=uncertain, created=created,
        default_path="~/vonage-new-application.key" if created and uncertain else None))


async def capture_key_of_unknown_create(services: Services, unknown: CreateOutcomeUnknown,
                                        app_name: str | None) -> str | None:
    """Vonage may have created the application: its private key goes to a file, with the name
    to look for, since there is no id to store it under."""
    return await capture_unsaved_key(services, "(id unknown)", unknown.private_pem, str(unknown),
                                     app_name=app_name, uncertain=True, created=True)
