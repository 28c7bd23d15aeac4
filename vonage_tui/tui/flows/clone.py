"""A new application from a JSON file: its id, links and keys dropped, a new key pair made
here, then the one create sequence (``create.py``)."""

from __future__ import annotations

from ...operations.export import clone_document
from ..services import Services
from .common import ask_for_document_file, refuse_readonly
from .create import run_create
from .outcomes import Cancelled, CreateResult


async def run_clone(services: Services) -> CreateResult:
    """``Created`` with the new id, like the create form."""
    if refuse_readonly(services):
        return Cancelled()
    file_document = await ask_for_document_file(
        services, "New application from JSON file",
        "Its id, links and keys are dropped; a new key pair is made here.", "Preview")
    if file_document is None:
        return Cancelled()
    return await run_create(
        services, clone_document(file_document), make_key=True,
        title="Create application from file",
        note="The private key is made on this machine and stored in the key store.")
