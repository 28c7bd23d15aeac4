"""Shows exactly what a write will change before it is sent. Dismisses with True to go ahead."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from ...models.documents import Change, diff_lines
from ...safe_text import visible
from ..format import safe_text
from ..verbs import bind
from .dialog import Dialog

SIGN_STYLE = {"+": "green", "-": "red"}


def render_diff(changes: list[Change]) -> Text:
    """Signs carry the meaning, colour only helps: it reads the same with NO_COLOR."""
    if not changes:
        return Text("No changes.", style="italic")
    out = Text()
    for index, (sign, line) in enumerate(diff_lines(changes)):
        if index:
            out.append("\n")
        out.append(f"{sign} ", style=SIGN_STYLE.get(sign, ""))
        out.append(visible(line), style=SIGN_STYLE.get(sign, ""))  # one line per change
    return out


class DiffPreview(Dialog[bool]):
    BINDINGS = [
        bind("save", "confirm", "Confirm", tooltip=""),
        bind("back", "cancel", tooltip=""),
    ]
    confirm_key = "save"
    """The verb whose key the confirm button shows."""
    cancel_key: str | None = "back"
    """The verb whose key the cancel button shows, if a key does what it does."""

    def __init__(self, title: str, changes: list[Change], *, confirm_label: str = "Save",
                 note: str = "", cancel_label: str = "Back") -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.changes = changes
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog diff-dialog"):
            count = len(self.changes)
            summary = f"{self.title_text} · {count} change{'s' if count != 1 else ''}"
            yield Static(safe_text(summary, "bold", multiline=False), classes="modal-title")
            if self.note:
                yield Static(safe_text(self.note), classes="modal-message")
            with VerticalScroll(id="diff-body"):
                yield Static(render_diff(self.changes), id="diff-text")
            with Horizontal(classes="modal-buttons"):
                yield Button(self.shortcut(self.confirm_key, self.confirm_label), id="confirm",
                             variant="primary", disabled=not self.changes)
                yield Button(self.cancel_label if self.cancel_key is None
                             else self.shortcut(self.cancel_key, self.cancel_label), id="cancel")

    def on_mount(self) -> None:
        # Save has the focus, so enter saves (esc goes back): the diff was asked for by ctrl+s,
        # and reading it is the check. With nothing to save, the diff has it (to scroll).
        self.query_one("#diff-body" if not self.changes else "#confirm").focus()
        self.call_after_refresh(self.fit_to_screen)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_to_screen)

    def fit_to_screen(self) -> None:
        """A long diff scrolls inside its box; the note and the buttons must stay on screen."""
        dialog = self.query_one(".diff-dialog")
        body = self.query_one("#diff-body")
        # The dialog is capped in CSS; whatever its children need beyond that is clipped.
        needed = sum(
            child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
            for child in dialog.children
        )
        overflow = needed - dialog.content_size.height
        if overflow > 0:
            body.styles.max_height = max(3, body.outer_size.height - overflow)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_confirm(self) -> None:
        if self.changes:
            self.dismiss(True)
