"""The editor's one-line status: how many unsaved changes, what is invalid, a passing note."""

from __future__ import annotations

from rich.text import Text

from ...safe_text import visible
from .state import EditorState, Overview

SAVED = "Saved"
CREATED = "Created"
_SAYS_SAVED = frozenset({SAVED, CREATED})
"""Notes that say the document is as the server has it: true only while nothing is unsaved."""


def status_line(state: EditorState | Overview | None, *, readonly: bool, note: str = "") -> Text:
    """Words first, bold only for emphasis: it reads the same in 16 colours and NO_COLOR."""
    line = Text(no_wrap=True, overflow="ellipsis")
    if state is not None:
        overview = state if isinstance(state, Overview) else state.overview()
        changes = len(overview.changes)
        invalid = len(overview.invalid)
        if note in _SAYS_SAVED and (changes or invalid or overview.server_errors):
            note = ""  # edited since (an add, or typing while it saved): never both at once
        if changes:
            line.append(f"{changes} unsaved change{'s' if changes != 1 else ''}", style="bold")
        else:
            line.append("No unsaved changes")
        if invalid:
            line.append(f" · {invalid} invalid", style="bold")
        if overview.server_errors:
            line.append(f" · {overview.server_errors} rejected by the server", style="bold")
        if readonly:
            line.append(" · read-only")
    if note:
        line.append(" · " if line.plain else "")
        line.append(visible(note))  # may quote a server's error
    return line
