"""What every full screen shares: the header, and a breadcrumb name for it."""

from __future__ import annotations

from textual.screen import Screen

from ..widgets.app_header import AppHeader
from ..worker_errors import ReportsWorkerErrors


class VonageScreen(ReportsWorkerErrors, Screen):
    crumb: str = ""
    """This screen's name in the breadcrumbs."""

    def on_screen_resume(self) -> None:
        for header in self.query(AppHeader):
            header.refresh_header()
