"""One header line: breadcrumbs from the screen stack, then profile, host and mode badges."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...credentials import api_host_label
from ...safe_text import visible


class AppHeader(Static):
    """Rendered from the session and the screen stack; API strings are never parsed as markup."""

    def on_mount(self) -> None:
        self.refresh_header()

    def refresh_header(self) -> None:
        app = self.app
        session = getattr(app, "session", None)
        # A crumb can be an application's name: shown, never obeyed by the terminal.
        crumbs = [
            visible(getattr(screen, "crumb", ""))
            for screen in app.screen_stack if getattr(screen, "crumb", "")
        ]
        right = Text(no_wrap=True)
        if session is not None:
            right.append(f" {visible(session.profile_name)} ", style="bold")
            right.append(f"@ {visible(session.api_host)} ")
            if region := api_host_label(session.api_url):
                right.append(f"{region.removesuffix(' (default)')} ", style="dim")
            if session.demo:
                right.append(" DEMO ", style="black on yellow")
            if session.readonly:
                right.append(" READ-ONLY ", style="white on red")
        width = self.size.width or 80
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" vonage-tui ", style="bold reverse")
        line.append(" ")
        # The badges always show; long breadcrumbs give way, keeping their end in view.
        room = max(0, width - line.cell_len - right.cell_len - 1)
        crumb_text = " › ".join(crumbs)
        if len(crumb_text) > room:
            crumb_text = "…" + crumb_text[len(crumb_text) - room + 1 :] if room > 1 else ""
        line.append(crumb_text)
        line.append(" " * max(1, width - line.cell_len - right.cell_len))
        line.append_text(right)
        self.update(line)

    def on_resize(self) -> None:
        self.refresh_header()
