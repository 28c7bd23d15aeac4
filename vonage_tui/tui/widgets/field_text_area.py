"""A multi-line field (a PEM key, a JSON object) whose cursor starts at the end of its value.

Apart from ``field_input``: Textual's ``TextArea`` is not imported on the start-up path.
"""

from __future__ import annotations

from textual.widgets import TextArea


class FieldTextArea(TextArea):
    """Textual's ``TextArea`` starts at the first character: what was typed went before the
    value (a JSON object's `{`), not after it as in a one-line field."""

    def on_mount(self) -> None:
        self.move_cursor(self.document.end)
