"""No screen, widget or app of ours names a method or attribute like one of Textual's, unless it
is a hook Textual means to be overridden.

Textual calls its own methods on our objects (``remove`` when a screen is popped, ``refresh``,
``close``, ``post_message``…): a worker named ``remove`` on the private keys screen made ``esc``
crash the app. This walks every DOM class in ``vonage_tui.tui`` (and the mixins they inherit).
"""

from __future__ import annotations

import importlib
import pkgutil

import vonage_tui.tui
from textual.dom import DOMNode

OVERRIDE_PREFIXES = ("action_", "on_", "_on_", "watch_", "_watch_", "validate_", "compute_",
                     "_compute_", "key_")
"""Handlers Textual looks up by name: defining them is how an app takes part."""

INTENDED_OVERRIDES = {
    "compose", "render", "render_line", "check_action", "get_system_commands",
    # Tree.process_label is documented as the hook for how labels are drawn.
    "process_label",
    # Tree.render_label draws a node's label; the editor fits its labels to the row's width there.
    "render_label",
    # Documented for widgets that size themselves: FieldLimits measures its wrapped hint.
    "get_content_width", "get_content_height",
    # SteadyFooter compares the keys before planning them again (widgets/steady_footer.py).
    "bindings_changed",
    # The app prints crashes without local variables, which could hold secrets (app.py).
    "_fatal_error",
    # Every notification is sanitised and capped in one place, whoever calls it (app.py): an
    # override that keeps Textual's signature, which Screen.notify and Widget.notify delegate to.
    "notify",
    # Where Textual reads a screen's stylesheets as it opens: the app adds the ones the first
    # paint does without, then calls Textual's own (app.py).
    "_load_screen_css",
    # The hook Textual asks which keys a focused text field types: FieldInput adds the printable
    # keys Textual has no character for (`/`), so the footer stops offering them as keys.
    "check_consume_key",
}

SET_BY_TEXTUAL = {
    # Textual's metaclass and __init_subclass__ write these on every DOM subclass.
    "_computes", "_css_type_name", "_css_type_names", "_decorated_handlers", "_inherit_bindings",
    "_inherit_component_classes", "_inherit_css", "_merged_bindings", "_reactives", "can_focus",
    "can_focus_children",
}


def our_dom_classes() -> list[type]:
    for module in pkgutil.walk_packages(vonage_tui.tui.__path__, "vonage_tui.tui."):
        importlib.import_module(module.name)
    found: list[type] = []
    pending = [DOMNode]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("vonage_tui.") and sub not in found:
                found.append(sub)
    return found


def allowed(name: str) -> bool:
    return (name.startswith("__") or name.isupper() or name in INTENDED_OVERRIDES
            or name in SET_BY_TEXTUAL or name.startswith(OVERRIDE_PREFIXES))


def shadowed_names(cls: type) -> list[str]:
    textual_bases = [base for base in cls.__mro__ if base.__module__.startswith("textual.")]
    ours = [base for base in cls.__mro__
            if base.__module__.split(".")[0] not in ("textual", "builtins", "typing", "abc")]
    problems = []
    for owner in ours:
        for name in vars(owner):
            if allowed(name):
                continue
            clashes = [base.__name__ for base in textual_bases if name in vars(base)]
            if clashes:
                problems.append(f"{owner.__module__}.{owner.__name__}.{name} "
                                f"shadows {clashes[0]}.{name}")
    return problems


def test_the_walk_finds_our_screens_and_widgets():
    names = {cls.__name__ for cls in our_dom_classes()}
    assert {"VonageApp", "ApplicationsScreen", "PrivateKeysScreen", "KeyInputModal",
            "ApplicationEditorScreen", "DocumentTree", "FieldPanel"} <= names


def test_no_screen_or_widget_shadows_a_textual_name():
    problems = sorted({problem for cls in our_dom_classes() for problem in shadowed_names(cls)})
    assert problems == []


def test_the_check_catches_a_worker_named_like_a_textual_method():
    from textual import work
    from textual.screen import Screen

    class Careless(Screen):
        @work
        async def remove(self) -> None: ...

        def refresh_rows(self) -> None: ...

    assert shadowed_names(Careless) == [f"{__name__}.Careless.remove shadows Widget.remove"]
