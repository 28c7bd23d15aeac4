"""The screen under a dialog hides its toasts.

Textual keeps a copy of the toasts on every screen that had them: seen through a dialog's
backdrop, the copy on the screen underneath would show each notification twice. Textual's own
``App.SUSPENDED_SCREEN_CLASS`` would mark the whole screen underneath, and a class change on a
screen restyles every widget in it (~20 ms for the editor, once as the dialog opens and again
as it closes: the longest stall of a save). Only the toast rack is marked here, so only the
toasts are restyled.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets._toast import ToastRack

UNDER_TOP_CLASS = "-under-top-screen"
"""On the toast rack of every screen in the stack but the top one (app.tcss hides its toasts)."""


def mark_toast_racks(screen_stack: Sequence[Screen]) -> None:
    """Every screen but the top one hides its toasts; the top one shows them."""
    top = screen_stack[-1] if screen_stack else None
    for screen in screen_stack:
        try:
            rack = screen.get_child_by_type(ToastRack)
        except NoMatches:  # not composed yet, or notifications disabled: nothing to hide
            continue
        # set_class restyles only when the class really changes: the rack and its toasts.
        rack.set_class(screen is not top, UNDER_TOP_CLASS)
