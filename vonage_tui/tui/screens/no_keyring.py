"""No usable OS keyring: why (each backend's own reason), and the three ways forward.

1. an encrypted file (this screen dismisses with ``"encrypted-file"``),
2. the Secret Service recipe for SSH sessions, 3. environment variables: both are text to
copy (``y``, OSC 52 works over SSH) and then restart with. Never a plain-text store.
Dismisses with ``"encrypted-file"``, ``"retry"`` or None (quit).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static, TabbedContent, TabPane, TextArea

from ...credentials import (
    ENCRYPTED_FILE,
    ENVIRONMENT_VARIABLES,
    SECRET_SERVICE_SSH,
    KeyringUnavailable,
    Recipe,
)
from ...safe_text import visible
from ..widgets.app_header import AppHeader
from ..widgets.steady_footer import SteadyFooter
from ..worker_errors import ReportsWorkerErrors
from ..verbs import bind

TABS = {"tab-file": ENCRYPTED_FILE, "tab-ssh": SECRET_SERVICE_SSH, "tab-env": ENVIRONMENT_VARIABLES}


class NoKeyringScreen(ReportsWorkerErrors, Screen[str | None]):
    crumb = "No keyring"
    AUTO_FOCUS = "#use-encrypted-file"

    BINDINGS = [
        bind("use_file", "encrypted_file"),
        # The tabs show their digits: in the footer too they crowded out y, r and q at 80 columns.
        bind("tab.1", "show('tab-file')", "Encrypted file", show=False,
             tooltip="Keep secrets in a passphrase-encrypted file"),
        bind("tab.2", "show('tab-ssh')", "SSH recipe", show=False,
             tooltip="How to run a Secret Service for this SSH session"),
        bind("tab.3", "show('tab-env')", "Env vars", show=False,
             tooltip="Use environment variables; nothing is stored"),
        bind("copy", "copy_recipe", tooltip="Copy the recipe shown (OSC 52, works over SSH)"),
        bind("refresh", "retry", "Retry", tooltip="Look for an OS keyring again"),
        # With no keyring there is nowhere to go back to: esc leaves too.
        bind("quit", "quit_app"),
        bind("back", "quit_app", "Quit", tooltip="Leave vonage-tui"),
    ]

    def __init__(self, error: KeyringUnavailable) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        with VerticalScroll(id="no-keyring-why"):
            yield Static(self.summary(), id="no-keyring-summary")
            yield Static(self.reasons(), id="no-keyring-reasons")
        with TabbedContent(id="no-keyring-options"):
            with TabPane("1 Encrypted file", id="tab-file"):
                yield self.recipe_view(ENCRYPTED_FILE, "recipe-file")
                with Horizontal(classes="no-keyring-actions"):
                    yield Button("Use an encrypted file", id="use-encrypted-file",
                                 variant="primary", compact=True)
            with TabPane("2 Secret Service (SSH)", id="tab-ssh"):
                yield self.recipe_view(SECRET_SERVICE_SSH, "recipe-ssh")
            with TabPane("3 Environment", id="tab-env"):
                yield self.recipe_view(ENVIRONMENT_VARIABLES, "recipe-env")
        yield SteadyFooter()

    @staticmethod
    def recipe_view(recipe: Recipe, widget_id: str) -> VerticalScroll:
        """Prose wrapped to the width (once: a paragraph has no newline of its own); commands
        never wrapped, in a read-only area that scrolls sideways when the terminal is narrow."""
        parts: list[Static | TextArea] = []
        for block in recipe.blocks():
            if block.commands:
                parts.append(TextArea(block.text, read_only=True, soft_wrap=False,
                                      show_line_numbers=False, classes="recipe-commands"))
            else:
                parts.append(Static(Text(block.text), classes="recipe-text"))
        return VerticalScroll(*parts, id=widget_id, classes="recipe")

    def summary(self) -> Text:
        first = str(self.error).splitlines()[0]
        text = Text(no_wrap=False)
        text.append("No usable operating-system keyring. ", style="bold")
        note = first.removeprefix("No usable operating-system keyring was found.").strip()
        if note:
            text.append(visible(note, multiline=True) + " ")  # the backends' own words
        text.append("vonage-tui never stores secrets in plain text; choose one way below.")
        return text

    def reasons(self) -> Text:
        text = Text(no_wrap=False)
        for report in self.error.reports:
            if report.reason:
                text.append(" • ")
                text.append(visible(report.name), style="bold")
                text.append(f": {visible(report.reason, multiline=True)}\n")
        text.rstrip()
        return text

    def action_show(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "tab-file":
            self.query_one("#use-encrypted-file").focus()

    def shown_recipe(self) -> str:
        return TABS[self.query_one(TabbedContent).active or "tab-file"].body

    def action_copy_recipe(self) -> None:
        self.app.copy_to_clipboard(self.shown_recipe())
        self.notify("Recipe copied (OSC 52)", markup=False)

    @on(Button.Pressed, "#use-encrypted-file")
    def action_encrypted_file(self) -> None:
        self.dismiss("encrypted-file")

    def action_retry(self) -> None:
        self.dismiss("retry")

    def action_quit_app(self) -> None:
        self.dismiss(None)
