"""Workers run with exit_on_error=False, so an exception nobody caught would vanish.

Textual delivers ``Worker.StateChanged`` only to the node that owns the worker (it does not
bubble), so every screen that runs workers mixes this in; the app reports its own the same way.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState


def report_worker_error(node: DOMNode, event: Worker.StateChanged) -> None:
    if event.state is not WorkerState.ERROR or event.worker.error is None:
        return
    error = event.worker.error
    node.app.notify(
        f"{type(error).__name__}: {error}",
        title="Something went wrong",
        severity="error",
        markup=False,
    )


class ReportsWorkerErrors:
    """Mix into a Screen (before Screen) to have its workers' uncaught errors said."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)
