"""Keys typed while a new screen is still opening go to the widget it focuses, not nowhere.

Textual gives a key to the focused widget, or to the screen when none is. A screen focuses its
first field only once it is mounted (``focus()`` and AUTO_FOCUS run a message or a refresh
later), so the first letters of a name typed right after `c` or `:` reached a screen with
nothing focused and were lost. The app hands every fresh key here first: while the screen on
top has never had focus, keys are held, in order, and delivered to the focused widget as soon
as there is one — or to the screen, after a few frames, if it has nothing to focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakSet

from textual import events
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

MAX_FRAMES = 20
"""How many refreshes a new screen gets to focus something before held keys go to the screen
itself (a help or JSON view may have nothing to focus)."""


def takes_text(widget: Widget | None) -> bool:
    """Whether ``widget`` takes typed letters as text (an input, a text area, a select's
    type-to-search): only such a widget gets a key before that key's binding runs."""
    return widget is not None and widget.check_consume_key("a", "a")


FOCUS_KEYS = frozenset({"tab", "shift+tab"})
"""Keys that move the focus (Textual's app bindings) and that a text field never types, unless
it says it consumes them (a text area indenting with tab)."""


async def bindings_now(app: App, key: str) -> bool:
    """Run ``key``'s binding now, before the next key is handed on: a priority binding always,
    any other unless the focused widget takes the key as text. Textual hands a key to the
    focused widget and runs the screen's binding once it has bubbled back up, by when the keys
    typed after it were handed to the same widget: after tab on a list, the letters meant for
    the next field; after tab in a text field ("correct⇥again" typed fast), the letters meant
    for the next field went into the same one."""
    if await app._check_bindings(key, priority=True):
        return True
    focused = app.focused
    if takes_text(focused) and (key not in FOCUS_KEYS or focused.check_consume_key(key, None)):
        return False
    return await app._check_bindings(key)


class EarlyKeys:
    def __init__(self) -> None:
        self.held: list[events.Key] = []
        self.screen: Screen | None = None
        """The screen the held keys were typed at."""
        self.frames = 0
        self.mounted_seen = False
        """Whether the screen was mounted at the last look (its focus() may still be queued)."""
        self.settled: WeakSet[Screen] = WeakSet()
        """Screens that have had focus, or had their chance: their keys pass straight on."""
        self.delivering = False
        """The held keys are being handed on (by the app): a key typed meanwhile joins them."""

    def hold(self, screen: Screen, event: events.Key) -> bool:
        """Keep ``event`` for later if ``screen`` is still opening; False to let it through."""
        if self.held:
            if self.delivering:
                self.held.append(event)
                return True
            if screen is not self.screen:  # the screen changed under held keys: deliver them
                self.release(force=True)
                return self.hold(screen, event)
            self.held.append(event)
            return True
        if screen in self.settled:
            return False
        if screen.is_mounted and screen.focused is not None:
            self.settled.add(screen)
            return False
        self.held.append(event)
        self.screen = screen
        self.frames = 0
        self.mounted_seen = False
        screen.call_after_refresh(self.release)
        return True

    def release(self, force: bool = False) -> None:
        """Deliver the held keys once the screen focused something (or gave up); a key typed
        meanwhile is queued behind them, never between."""
        screen = self.screen
        if screen is None or not self.held or self.delivering:
            return
        # Mounted is not enough: on_mount's focus() runs a message later, so one more frame.
        ready = screen.is_mounted and self.mounted_seen and screen.focused is not None
        self.mounted_seen = screen.is_mounted
        if not force and not ready and self.frames < MAX_FRAMES and screen.is_attached:
            self.frames += 1
            screen.call_after_refresh(self.release)
            return
        self.settled.add(screen)
        if not screen.is_attached:
            self.held, self.screen = [], None
            return  # the screen closed: its keys meant nothing elsewhere
        self.delivering = True
        screen.app.call_later(self.deliver, screen)

    async def deliver(self, screen: Screen) -> None:
        """Hand the held keys on in order, on the app's own task (no other key is handled
        meanwhile). A binding runs as its key comes (the create form's enter or tab moves to the
        next field), so the keys typed after it go to that field, not the one before."""
        app = screen.app
        try:
            while self.held:
                event = self.held.pop(0)
                if not screen.is_attached:
                    continue
                if app.screen is screen and await bindings_now(app, event.key):
                    continue
                (app.screen.focused or app.screen)._forward_event(event)
        finally:
            self.held, self.screen, self.delivering = [], None, False
