"""One id per verb: every binding of every screen, modal, widget and the app comes from the
registry in ``tui/verbs.py``, with the registry's keys, and no screen offers two verbs on one
key by default."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import vonage_tui.tui
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.keymap_scopes import binding_scopes, normalize_keys, widget_hosts
from vonage_tui.tui.verbs import VERBS, Verb, _registry, bind


def our_dom_classes() -> list[type[DOMNode]]:
    for module in pkgutil.walk_packages(vonage_tui.tui.__path__, "vonage_tui.tui."):
        importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    pending: list[type] = [DOMNode]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("vonage_tui.") and sub not in found:
                found.append(sub)
    return found


def own_bindings(cls: type) -> list[Binding]:
    return [b for b in vars(cls).get("BINDINGS", []) if isinstance(b, Binding)]


def test_ids_are_unique_and_named_as_registered():
    assert all(verb_id == verb.id for verb_id, verb in VERBS.items())
    with pytest.raises(ValueError, match="defined twice"):
        _registry(Verb("back", "escape", "Back"), Verb("back", "q", "Back"))


def test_every_binding_of_ours_is_a_registered_verb_with_its_default_keys():
    classes = our_dom_classes()
    checked = 0
    for cls in classes:
        for entry in vars(cls).get("BINDINGS", []):
            assert isinstance(entry, Binding), f"{cls.__name__}: {entry!r} is not a Binding"
            assert entry.id in VERBS, f"{cls.__name__}: {entry.key} has id {entry.id!r}"
            assert entry.key == VERBS[entry.id].keys, f"{cls.__name__}: {entry.id} rebinds keys"
            checked += 1
    assert checked > 60  # the walk really found the screens


def test_every_verb_is_used_somewhere():
    used = {binding.id for cls in our_dom_classes() for binding in own_bindings(cls)}
    assert used == set(VERBS)


def test_an_unknown_verb_fails_at_import_time():
    with pytest.raises(KeyError):
        bind("editor.copy_id", "copy_id")


def test_the_default_keys_never_clash_where_verbs_meet():
    for scope in binding_scopes(VonageApp):
        holders: dict[str, set[str]] = {}
        for verb_id, keys in scope.verbs.items():
            assert keys == set(normalize_keys(VERBS[verb_id].keys))
            for key in keys:
                holders.setdefault(key, set()).add(verb_id)
                assert scope.fixed.get(key, verb_id) == verb_id, f"{scope.name}: {verb_id} on {key}"
        assert all(len(verbs) == 1 for verbs in holders.values()), (scope.name, holders)


def test_every_widget_with_bindings_is_checked_on_its_screens():
    from textual.screen import Screen

    with_bindings = {cls for cls in our_dom_classes()
                     if own_bindings(cls) and not issubclass(cls, (Screen, VonageApp))}
    assert with_bindings <= set(widget_hosts())
