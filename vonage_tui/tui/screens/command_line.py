"""`:` — a command line with completion: a command, or an application's name or id to open.

The modal only reads and shows: what the text means comes from ``commands.interpret``, and the
app runs the outcome it is dismissed with (a command, or an application to open)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...safe_text import visible
from ..application_ids import usable_id
from ..commands import (ChooseApplication, OpenApplication, Outcome, Refused, RunCommand,
                        candidates, interpret)
from ..format import safe_text
from ..search_index import ApplicationIndex
from ..verbs import bind
from .dialog import Dialog


class CommandLineModal(Dialog[RunCommand | OpenApplication | None]):
    AUTO_FOCUS = "#command-input"  # focused as it opens: keys typed at once land in it

    BINDINGS = [
        bind("back", "cancel", "Cancel", tooltip="Close the command line"),
        bind("complete", "complete"),
    ]

    def __init__(self, index: ApplicationIndex | None, *,
                 users_of: tuple[str, str | None] | None = None) -> None:
        super().__init__(classes="modal")
        self.index = index
        self.users_of = users_of
        """The application `users` opens (selected or current), if there is one."""
        """The list screen's all-pages index; None when no list screen is open."""
        self.choosing = False
        """True while the list shows the applications a text matched, to pick one."""
        self.completions: list[str] = []
        """What tab puts in the field, in the order the list shows them."""
        self.offered: list[OpenApplication] = []
        """The applications listed to pick from while choosing."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog command-line-dialog"):
            yield Input(placeholder="apps · users · keys · profiles · help · readonly · q · "
                        "or an application", id="command-input", compact=True)
            yield Static("", id="command-message", classes="field-error")
            yield OptionList(id="command-candidates")
            yield Static(Text("tab completes · enter runs · esc closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#command-message").display = False
        self.show_candidates("")

    def show_candidates(self, text: str) -> None:
        self.choosing = False
        options = self.query_one("#command-candidates", OptionList)
        options.clear_options()
        found = candidates(text, self.index)
        for completion, meaning in found:
            line = safe_text(completion, "bold", multiline=False)
            line.append(f"  {visible(meaning)}", style="dim")
            options.add_option(Option(line))
        options.highlighted = 0 if options.option_count else None
        self.completions = [completion for completion, _ in found]

    def show_message(self, message: str) -> None:
        shown = self.query_one("#command-message", Static)
        shown.update(safe_text(message))
        shown.display = bool(message)

    @on(Input.Changed, "#command-input")
    def typed(self, event: Input.Changed) -> None:
        self.show_message("")
        self.show_candidates(event.value)

    def action_complete(self) -> None:
        """tab: the highlighted candidate (the first, unless moved to another) into the field."""
        options = self.query_one("#command-candidates", OptionList)
        if self.choosing or not self.completions:
            self.app.bell()
            return
        position = options.highlighted or 0
        field = self.query_one("#command-input", Input)
        field.value = visible(self.completions[position])
        field.cursor_position = len(field.value)

    @on(Input.Submitted, "#command-input")
    def submitted(self, event: Input.Submitted) -> None:
        self.answer(interpret(event.value, self.index))

    def answer(self, outcome: Outcome) -> None:
        if isinstance(outcome, Refused):
            self.app.bell()
            self.show_message(outcome.message)
        elif outcome == RunCommand("users") and self.users_of is None:
            self.app.bell()
            self.show_message("users: select an application first (or open one).")
        elif isinstance(outcome, ChooseApplication):
            self.offer(outcome)
        else:
            self.dismiss(outcome)

    def offer(self, choice: ChooseApplication) -> None:
        """Several applications match: list them (name and id) to pick with the arrows."""
        options = self.query_one("#command-candidates", OptionList)
        options.clear_options()
        self.offered = [OpenApplication(str(usable_id(application)), str(application.name or ""))
                        for application in choice.matches]
        for offered in self.offered:
            line = safe_text(offered.name, "bold", multiline=False)
            line.append(f"  {visible(offered.app_id)}", style="dim")
            options.add_option(Option(line))
        self.choosing = True
        self.show_message(f"{len(self.offered)} applications match: pick one (enter).")
        options.highlighted = 0
        self.set_focus(options)

    @on(OptionList.OptionSelected, "#command-candidates")
    def picked(self, event: OptionList.OptionSelected) -> None:
        if self.choosing:
            self.dismiss(self.offered[event.option_index])
            return
        # A command or application candidate: as if completed and entered.
        completion = self.completions[event.option_index]
        self.query_one("#command-input", Input).value = visible(completion)
        self.answer(interpret(completion, self.index))

    def action_cancel(self) -> None:
        self.dismiss(None)
