"""What the flows share: running one as an app worker, the read-only refusal, a JSON file."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.app import App
from textual.worker import Worker

from ...api import ApiError
from ...operations.export import DocumentFileError, read_document_file
from ..screens.file_prompt import FilePromptModal
from ..services import Services

ResultT = TypeVar("ResultT")

API_ERRORS: tuple[type[Exception], ...] = (ApiError, ValueError)
"""What a request can end in: the API layer's errors, and ``ValueError`` for a document the
client refuses to send (no id)."""


def launch(app: App[Any], flow: Awaitable[ResultT],
           on_done: Callable[[ResultT], object] | None = None,
           *, name: str = "flow") -> Worker[ResultT]:
    """Run a ``run_*`` flow in an app worker; ``on_done(result)`` runs on success."""

    async def runner() -> ResultT:
        result = await flow
        if on_done is not None:
            on_done(result)
        return result

    return app.run_worker(runner(), name=name, group="vonage-flow", exit_on_error=False)


def refuse_readonly(services: Services) -> bool:
    if services.readonly:
        services.notifier.notify("This session is read-only.", severity="warning", markup=False)
        return True
    return False


async def ask_for_document_file(services: Services, title: str, message: str,
                                confirm_label: str) -> dict[str, Any] | None:
    """An application document from a JSON file the user names; None when cancelled or the
    file is not usable (said)."""
    path = await services.ui.push_screen_wait(FilePromptModal(title, message, must_exist=True,
                                                              confirm_label=confirm_label))
    if path is None:
        return None
    try:
        return read_document_file(path)
    except DocumentFileError as error:
        services.notifier.notify(str(error), title=f"{title}: file not usable", severity="error",
                                 markup=False, timeout=12)
        return None
