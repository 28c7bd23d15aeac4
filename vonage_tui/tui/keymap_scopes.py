"""Which keys are live together: the scopes a keymap is checked in.

Two verbs on one key only clash where both are active at once. Textual looks a key up from the
focused widget up to the screen, then the app; a modal screen stops the search except for the
app's priority bindings (``Screen._modal_binding_chain``). So a scope is: a full screen with the
app's bindings, a modal with the app's priority bindings only, and one of our widgets with the
screen that hosts it. Keys Textual binds without an id (``tab``, ``ctrl+q``, the palette's
``ctrl+p``) are in scopes too: a verb moved onto one of them would silently replace it or
never fire.

The classes are read, not instantiated, so this works before any screen exists.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import _normalize_key_list  # what App.set_keymap applies to a keymap
from textual.screen import ModalScreen, Screen
from textual.widgets import Input


TEXTUAL_VERBS = {"quit": "quit", "select_cursor": "select"}
"""Textual's own bindings that do one of our verbs (ctrl+q quits; a table's or tree's enter
selects the row, which is what the profiles screen's enter does): that verb may share the
key."""


@dataclass
class Scope:
    name: str
    """Where, for a person: "applications", "application editor"."""
    verbs: dict[str, set[str]] = field(default_factory=dict)
    """Verb id → its default keys here."""
    fixed: dict[str, str] = field(default_factory=dict)
    """Key → what Textual binds to it without an id (it can't be remapped): "Textual's
    command_palette", or the verb it amounts to ("quit" for ctrl+q)."""

    def add(self, bindings: list[Binding]) -> None:
        for binding in bindings:
            for key in normalize_keys(binding.key):
                if binding.id:
                    self.verbs.setdefault(binding.id, set()).add(key)
                else:
                    self.fixed.setdefault(key, TEXTUAL_VERBS.get(binding.action,
                                                                 f"Textual's {binding.action}"))


def normalize_keys(keys: str) -> list[str]:
    return [key for key in _normalize_key_list(keys).split(",") if key]


def widget_hosts() -> dict[type[DOMNode], tuple[type[Screen], ...]]:
    """Our widgets that have bindings, and the screens they appear on."""
    from .screens.application_editor import ApplicationEditorScreen
    from .screens.applications import ApplicationsScreen
    from .screens.create_application import CreateApplicationScreen
    from .screens.private_keys import PrivateKeysScreen
    from .screens.profiles import ProfilesScreen
    from .screens.user_editor import UserEditorScreen
    from .screens.users import UsersScreen
    from .widgets.document_tree import DocumentTree
    from .widgets.field_input import FieldInput
    from .widgets.list_table import ListTable

    return {DocumentTree: (ApplicationEditorScreen, UserEditorScreen),
            FieldInput: (ApplicationEditorScreen, UserEditorScreen, CreateApplicationScreen),
            ListTable: (ApplicationsScreen, UsersScreen, PrivateKeysScreen, ProfilesScreen)}


def binding_scopes(app_class: type[App]) -> list[Scope]:
    _import_screens_and_widgets()
    app_bindings = _bindings_of(app_class)
    if app_class.ENABLE_COMMAND_PALETTE:
        app_bindings.append(Binding(app_class.COMMAND_PALETTE_BINDING, "command_palette",
                                    priority=True))
    app_priority = [binding for binding in app_bindings if binding.priority]

    def with_app(scope: Scope, screen: type[Screen]) -> Scope:
        scope.add(app_priority if issubclass(screen, ModalScreen) else app_bindings)
        return scope

    scopes: list[Scope] = []
    screens = _our_subclasses(Screen)
    # A base such as VonageScreen is never shown by itself: its bindings are in its subclasses.
    for screen in [s for s in screens if not any(issubclass(o, s) for o in screens if o is not s)]:
        scope = Scope(display_name(screen))
        scope.add(_bindings_of(screen))
        scopes.append(with_app(scope, screen))
    for widget, hosts in widget_hosts().items():
        for host in hosts:
            scope = Scope(f"{display_name(host)} ({display_name(widget)})")
            # A text field's own editing keys (delete, home, ...) shadow the screen's while it
            # has the focus, on purpose: there they edit text. Only its verbs can clash.
            scope.add(vars(widget).get("BINDINGS", []) if issubclass(widget, Input)
                      else _bindings_of(widget))
            scope.add(_bindings_of(host))
            scopes.append(with_app(scope, host))
    return scopes


def display_name(cls: type) -> str:
    """``ApplicationEditorScreen`` → "application editor"."""
    name = re.sub(r"(Screen|Modal)$", "", cls.__name__) or cls.__name__
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def _bindings_of(cls: type[DOMNode]) -> list[Binding]:
    # Textual's own merge of the class and its bases: a key bound in a subclass replaces the
    # base's, as it does in a running app.
    merged = cls._merged_bindings
    if merged is None:
        return []
    return [binding for bindings in merged.key_to_bindings.values() for binding in bindings]


def _our_subclasses(base: type) -> list[type]:
    found: list[type] = []
    pending = [base]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("vonage_tui.") and sub not in found:
                found.append(sub)
    return found


def _import_screens_and_widgets() -> None:
    # Only the screen and widget packages: the rest of tui (the demo) may pull in the emulator,
    # which a normal start must not load.
    from . import screens, widgets

    for package in (screens, widgets):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
