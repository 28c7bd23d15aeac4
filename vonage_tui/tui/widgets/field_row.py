"""One field of the application editor: its name and limits, the control that edits it, and
what is wrong with it. Rows post what the user did; they never change the document themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, Static, Switch, TextArea

from ...models import Path
from ...models.documents import get_path, has_path
from ...safe_text import visible
from ..editing.outline import FieldSpec
from ..editing.save_flow import PUBLIC_KEY_HINT
from ..editing.state import PUBLIC_KEY, RejectedInput
from ..editing.values import UNSET, display_text, parse_text, pretty_json, public_key_reason
from ..format import literal, literal_block, safe_text
from .field_input import FieldInput
from .field_text_area import FieldTextArea
from .field_limits import FieldLimits

_MULTILINE = {PUBLIC_KEY}


@dataclass(frozen=True)
class FieldContext:
    """What rows need to know about the editor's state to draw themselves."""

    working: dict[str, Any]
    changed: set[Path]
    problems: dict[Path, str]
    rejected: dict[Path, RejectedInput]
    readonly: bool = False
    base: dict[str, Any] = field(default_factory=dict)
    """The server's document: a value typed back to what it holds is no edit, and no error."""
    notes: dict[Path, str] = field(default_factory=dict)
    """Server-sent values outside the documented limits: said under the field, not flagged."""


class FieldEdited(Message):
    """A valid value for ``path`` (``UNSET`` removes the field)."""

    def __init__(self, path: Path, value: Any) -> None:
        super().__init__()
        self.path = path
        self.value = value


class FieldRejected(Message):
    """Text typed for ``path`` that is not acceptable, and why; it is not applied."""

    def __init__(self, path: Path, text: str, reason: str) -> None:
        super().__init__()
        self.path = path
        self.text = text
        self.reason = reason


class FieldRow(Vertical):
    def __init__(self, spec: FieldSpec, context: FieldContext) -> None:
        super().__init__(classes="field-row")
        self.spec = spec
        self._last: Any = None
        """The control's last value: controls echo their initial value, which is no edit."""
        self._field_context = context
        self._label = Static(classes="field-label")
        hint = "read-only · kept as is" if spec.rule is None else spec.rule.describe()
        self._limits = FieldLimits(hint, classes="field-limits") if hint else None
        self.control = self._make_control(context)
        self._error = Static(classes="field-error")
        self._note = Static(classes="field-server-note")
        self._note.display = False
        self._switch_word = Static(classes="field-switch-word")
        self._shown_label: Text | None = None
        self._shown_reason: str | None = ""
        self._shown_note: str | None = None

    @property
    def path(self) -> Path:
        return self.spec.path

    @property
    def multiline(self) -> bool:
        """A PEM key and a JSON object are edited in a text area."""
        return self.path in _MULTILINE or (self.spec.rule is not None
                                           and self.spec.rule.kind == "json")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-heading"):
            yield self._label
            if self._limits is not None:
                yield self._limits
        if self.path == PUBLIC_KEY and not self._field_context.readonly:
            # Said before it is edited, not only in the save's preview.
            yield Static(Text("⚠ " + PUBLIC_KEY_HINT), classes="field-key-warning")
        if isinstance(self.control, Switch):
            # A switch is only a coloured bar: say its value in words too (NO_COLOR, 16 colours).
            with Horizontal(classes="field-switch"):
                yield self.control
                yield self._switch_word
        else:
            yield self.control
        yield self._error
        yield self._note

    # -- building ------------------------------------------------------------------------------

    def _make_control(self, context: FieldContext) -> Widget:
        rule = self.spec.rule
        value = get_path(context.working, self.path, UNSET)
        disabled = context.readonly
        if rule is None:
            return Static(literal_block(pretty_json(value)), classes="field-json")
        tooltip = rule.help or None
        if rule.kind == "boolean":
            shown = value if isinstance(value, bool) else bool(rule.default)
            self._last = shown
            return Switch(value=shown, animate=False, disabled=disabled, tooltip=tooltip)
        if rule.kind == "choice":
            options = [(choice, choice) for choice in rule.choices]
            if value is not UNSET and value not in rule.choices:
                # The server's value, kept: a Text, since a str prompt is parsed as markup.
                options.append((literal(f"{display_text(value)} (undocumented)"), value))
            selected = Select.NULL if value is UNSET else value
            self._last = selected
            return Select(options, value=selected, allow_blank=value is UNSET or not rule.required,
                          prompt="(not set)", compact=True, disabled=disabled, tooltip=tooltip)
        rejected = context.rejected.get(self.path)
        multiline = self.multiline
        if rejected:
            text = rejected.text
        elif rule.kind == "json" and value is not UNSET:
            text = pretty_json(value)  # an object is read (and edited) one key a line
        else:
            text = display_text(None if value is UNSET else value)
        # An input draws its value raw: a server's ESC is shown as ␛ instead. Unless the user
        # edits this field the value stays as the server sent it (the echo is no edit); an edit
        # starts from what is shown, so the control characters are then replaced.
        text = visible(text, multiline=multiline)
        self._last = text
        if multiline:
            return FieldTextArea(text, soft_wrap=True, read_only=disabled,
                                 show_line_numbers=False, compact=True, tooltip=tooltip)
        if rule.default is not None:
            placeholder = f"default {rule.default}"
        else:
            placeholder = "" if rule.required else "(not set)"
        return FieldInput(text, placeholder=placeholder, compact=True, disabled=disabled,
                          tooltip=tooltip)

    def refresh_row(self, context: FieldContext) -> None:
        """Redraw the label, the marks and the reason from the editor's state."""
        self._field_context = context
        present = has_path(context.working, self.path)
        changed = self.path in context.changed
        reason = context.problems.get(self.path)
        # The limits are beside it (FieldLimits), wrapped in a column of their own.
        label = Text()
        label.append(self.spec.key, style="bold")
        if self.spec.rule is not None and not present:
            label.append("  (not set)", style="italic")
        if changed:
            label.append(" •", style="bold")
        if reason:
            label.append(" !", style="bold")
        # Each update re-lays the panel out; the editor redraws on every cursor move and edit:
        # only new words (a mark that comes or goes) change the label's width.
        if label != self._shown_label:
            new_words = self._shown_label is None or label.plain != self._shown_label.plain
            self._shown_label = label
            self._label.update(label, layout=new_words)
        if reason != self._shown_reason:
            self._shown_reason = reason
            self._error.update(safe_text(f"✗ {reason}") if reason else "")
            self._error.display = bool(reason)
        note = None if reason else context.notes.get(self.path)
        if note != self._shown_note:
            self._shown_note = note
            self._note.update(safe_text(f"Note: {note}") if note else "")
            self._note.display = bool(note)
        if isinstance(self.control, Switch):
            word = "on (true)" if self.control.value else "off (false)"
            if word != self._switch_word.content:
                self._switch_word.update(word, layout=False)
        self.set_class(changed, "-changed")
        self.set_class(bool(reason), "-invalid")
        self.control.set_class(bool(reason), "-invalid")

    def focus_control(self) -> bool:
        if not self.control.focusable:
            return False
        self.control.focus()
        return True

    # -- what the user did ------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        if text == self._last or self.spec.rule is None:
            return
        self._last = text
        value, reason = parse_text(self.spec.rule, text)
        if reason is None and self.path == PUBLIC_KEY and text.strip():
            reason = public_key_reason(text)
        server_value = get_path(self._field_context.base, self.path, UNSET)
        if reason is not None and server_value is not UNSET and text == display_text(server_value):
            # Typed back to what the server holds: that value is kept even outside the limits.
            value, reason = server_value, None
        if reason is not None:
            self.post_message(FieldRejected(self.path, text, reason))
        else:
            self.post_message(FieldEdited(self.path, value))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._text_changed(event.value)

    @on(TextArea.Changed)
    def _area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._text_changed(event.text_area.text)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value == self._last:
            return
        self._last = event.value
        self.post_message(FieldEdited(self.path, UNSET if event.value is Select.NULL else event.value))

    @on(Switch.Changed)
    def _switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        if event.value == self._last:
            return
        self._last = event.value
        self._switch_word.update("on (true)" if event.value else "off (false)", layout=False)
        self.post_message(FieldEdited(self.path, event.value))

