"""What every full screen shares: the header, and a breadcrumb name for it."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from ..widgets.app_header import AppHeader
from ..worker_errors import ReportsWorkerErrors


class VonageScreen(ReportsWorkerErrors, Screen):
    crumb: str = ""
    """This screen's name in the breadcrumbs."""

    def on_screen_resume(self) -> None:
        for header in self.query(AppHeader):
            header.refresh_header()

    # -- unsaved input: a screen that holds some says what, and leaving asks first ------------

    @property
    def unsaved_summary(self) -> str | None:
        """What leaving would lose, in a line (the app's quit and account switch ask with it
        too); None when nothing would be."""
        return None

    def forget_unsaved(self) -> None:
        """The user chose to discard the unsaved input: not offered again."""

    def ask_discard(self, then: Callable[[], object], question: str) -> None:
        """``then()`` at once when nothing is unsaved; else after the user said to discard."""
        message = self.unsaved_summary
        if message is None:
            then()
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.forget_unsaved()
                then()

        from .confirm import ConfirmModal  # a dialog: not loaded at start-up

        self.app.push_screen(ConfirmModal(question, message, confirm_label="Discard",
                                          danger=True), answered)
