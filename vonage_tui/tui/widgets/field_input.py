"""Text fields that edit their value rather than replacing it.

Textual's ``Input`` selects its whole value when it gets the focus, so the first key typed
replaced it: enter on "Initech IVR", then " v2", gave " v2". Here the cursor starts at the end
of the value, as in a shell, and replacing it is the explicit ``ctrl+u`` (shown in the footer).
A multi-line field (a PEM key, a JSON object) starts with its cursor at the end too: that one
is ``field_text_area.FieldTextArea``, apart, because importing Textual's ``TextArea`` costs
~7 ms and the applications list (the hidden filter field) is on the start-up path.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import BindingType
from textual.widgets import Input

from ..verbs import bind


UNNAMED_CHARACTERS = {"slash": "/", "minus": "-", "plus": "+"}
"""Printable keys that ``textual.keys.key_to_character`` does not map back to their character."""


class FieldInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("clear_field", "clear_field", tooltip="Clear the field, to type a new value"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, select_on_focus=False, **kwargs)

    def action_clear_field(self) -> None:
        self.clear()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Textual finds no character for these key names, so the footer offered `/ Filter`
        # while `/` typed a slash here: a key this field types is not shown as a screen's.
        return super().check_consume_key(key, character or UNNAMED_CHARACTERS.get(key))

