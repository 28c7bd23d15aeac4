"""How keys reach vonage-tui's screens: in the order typed, and never silently dropped.

Mixed into the app. Textual hands a fresh key to the focused widget and runs a screen's
binding only when the key has bubbled back up; that, and screens that focus their field a
message after they open, lost the first letters typed after `/`, `:` or `c`. And a key whose
verb a read-only session hides says so rather than doing nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from .early_keys import EarlyKeys, bindings_now
from .verbs import VERBS

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[int]
else:
    _Base = object


class RoutesKeys(_Base):
    early_keys: EarlyKeys
    """Keys typed while a screen opens, held for the widget it focuses (the app sets it)."""
    readonly: bool

    async def on_event(self, event: events.Event) -> None:
        """Every key in the order typed: one typed at a screen still opening waits for the
        widget it focuses; one typed at a list or tree runs its binding now (see keys_now)."""
        if isinstance(event, events.Key) and not event.is_forwarded and self._screen_stack:
            if self.early_keys.hold(self.screen, event) or await self.keys_now(event):
                return
        await super().on_event(event)

    async def keys_now(self, event: events.Key) -> bool:
        """Run the binding of a key typed at a list, a tree or nothing, before the next key.

        Textual hands a key to the focused widget and runs a screen's binding only once the key
        has bubbled back up to the app; meanwhile the keys typed after it were already handed
        to the same widget. So the letters after `/`, `:` or `c` went to the list, not to the
        field that key opens, and those after tab on the create form's capabilities were lost.
        A list, tree, button or radio set takes no typed text (its own keys are bindings too),
        so its bindings can run here, at once; a text field gets its keys as usual."""
        return await bindings_now(self, event.key)

    def on_key(self, event: events.Key) -> None:
        """A key no widget or binding took: in a read-only session, a mutating verb's key says
        why it does nothing (its binding is hidden, k9s-style, not greyed out)."""
        if self.readonly and (refused := self.refused_for_readonly(event.key)) is not None:
            event.prevent_default()  # Textual's own key handling would look for bindings again
            event.stop()
            self.bell()
            self.notify(f"This session is read-only: {refused} is not available.",
                        title="Read-only", severity="warning")

    def refused_for_readonly(self, key: str) -> str | None:
        """The label of the mutating verb ``key`` would run here if the session could write."""
        if key in self.screen.active_bindings:
            return None  # a live binding has it
        # The same chain Textual looks a key up in (Screen.active_bindings reads it too).
        for _node, bindings in self.screen._modal_binding_chain:
            for binding in bindings.key_to_bindings.get(key, ()):
                if binding.id in VERBS and VERBS[binding.id].mutating:
                    return binding.description or VERBS[binding.id].description
        return None
