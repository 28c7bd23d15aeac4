"""The shape of a user document as the editor shows it (Users API v1).

The tree holds ``name``, ``display_name`` and ``image_url`` (in the root's panel), ``properties``
(``custom_data`` as a JSON object, ``ttl``) and ``channels``: one branch per channel kind, each a
list whose entries (``[0]``, ``[1]``…) are objects with their own fields. Channel kinds the
user lacks are offered for adding; what the reference does not name is shown read-only and
kept. The same ``OutlineNode``/``FieldSpec``/``PanelView`` as applications, so the widgets are
shared.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ...models import CHANNEL_KINDS, USER_RULES, FieldRule, Path
from ...models.documents import get_path, has_path
from ...models.limits import pattern_matches, rule_for
from .outline import FieldSpec, OutlineNode, PanelView
from .state import problem_paths as place_problems

HIDDEN_KEYS = frozenset({"id", "_links"})
"""Server-set: not edited, not in the tree (the root panel's title and `y` give the id)."""
OPENED: frozenset[Path] = frozenset({(), ("channels",)})
"""Branches open when the editor first shows a user."""

CHANNEL_TEMPLATES: dict[str, dict[str, Any]] = {
    # Required values start empty, so the new entry is flagged until they are filled in.
    "pstn": {"number": ""},
    "sip": {"uri": ""},
    "vbc": {"extension": ""},
    "websocket": {"uri": "", "content-type": "audio/l16;rate=16000"},
    "sms": {"number": ""},
    "mms": {"number": ""},
    "whatsapp": {"number": ""},
    "viber": {"number": ""},
    "messenger": {"id": ""},
}


def user_rule(path: Path, *, creating: bool = False) -> FieldRule | None:
    """The rule for a field of a user. A user that exists keeps a name: the API makes one on
    create when none is given, but a PATCH cannot take it away."""
    rule = rule_for(USER_RULES, path)
    if path == ("name",) and rule is not None and not creating:
        return dataclasses.replace(rule, required=True)
    return rule


def is_container(document: dict[str, Any], path: Path) -> bool:
    """The objects and lists the tree opens as branches (when the document holds them so)."""
    value = get_path(document, path)
    if path in ((), ("properties",), ("channels",)):
        return isinstance(value, dict)
    if len(path) == 2 and path[0] == "channels" and path[1] in CHANNEL_KINDS:
        return isinstance(value, list)
    if len(path) == 3 and path[0] == "channels" and path[1] in CHANNEL_KINDS:
        return isinstance(path[2], int) and isinstance(value, dict)
    return False


def is_field(document: dict[str, Any], path: Path, *, creating: bool = False) -> bool:
    """A value with a rule the editor can edit (a JSON object only where the rule says so)."""
    rule = user_rule(path, creating=creating)
    if rule is None:
        return False
    value = get_path(document, path)
    return rule.kind == "json" or not isinstance(value, (dict, list))


def absent_containers(document: dict[str, Any], path: Path) -> list[Path]:
    node = get_path(document, path)
    if not isinstance(node, dict):
        return []
    if path == ():
        wanted: list[Path] = [("properties",), ("channels",)]
    elif path == ("channels",):
        wanted = [("channels", kind) for kind in CHANNEL_KINDS]
    else:
        return []
    return [candidate for candidate in wanted if candidate[-1] not in node]


def build_user_outline(document: dict[str, Any], path: Path = (), *,
                       creating: bool = False) -> OutlineNode:
    """The tree of a user document from ``path`` down."""
    if is_container(document, path):
        value = get_path(document, path)
        keys = range(len(value)) if isinstance(value, list) else value
        children = [
            build_user_outline(document, (*path, key), creating=creating)
            for key in keys
            if not (path == () and key in HIDDEN_KEYS)
        ]
        children.extend(OutlineNode(absent, "absent")
                        for absent in absent_containers(document, path))
        return OutlineNode(path, "object", tuple(children))
    if is_field(document, path, creating=creating):
        return OutlineNode(path, "field")
    return OutlineNode(path, "unknown")


def known_fields(path: Path) -> list[str]:
    """The fields the rules name directly under ``path`` (an entry: ``channels.sip[0]``)."""
    names: list[str] = []
    for pattern in USER_RULES:
        if len(pattern) == len(path) + 1 and pattern_matches(pattern[:-1], path):
            name = pattern[-1]
            if name != "*" and name not in names:
                names.append(str(name))
    return names


def panel_fields(document: dict[str, Any], path: Path, *,
                 creating: bool = False) -> list[FieldSpec]:
    """The fields of the object at ``path``: its values that are not branches (document
    order), then the known fields it lacks, which can be set."""
    node = get_path(document, path)
    if not isinstance(node, dict):
        return []
    specs: list[FieldSpec] = []
    for key in node:
        child = (*path, key)
        if path == () and key in HIDDEN_KEYS:
            continue
        if is_container(document, child):
            continue
        editable = is_field(document, child, creating=creating)
        specs.append(FieldSpec(child, user_rule(child, creating=creating) if editable else None))
    for name in known_fields(path):
        if name not in node:
            child = (*path, name)
            specs.append(FieldSpec(child, user_rule(child, creating=creating)))
    return specs


def channel_kind_of(path: Path) -> str | None:
    """The channel kind a path is in or under (``channels.sip`` or below), else None."""
    if len(path) >= 2 and path[0] == "channels" and path[1] in CHANNEL_KINDS:
        return str(path[1])
    return None


def panel_view(document: dict[str, Any], entry: OutlineNode, *, readonly: bool,
               creating: bool = False) -> PanelView:
    path = entry.path
    if entry.kind == "absent":
        message = "Not set." if readonly else "Not set. Press a or enter to add it."
        return PanelView(path, message=message)
    value = get_path(document, path)
    if len(path) == 2 and isinstance(value, list) and channel_kind_of(path):
        count = len(value)
        said = f"{count} entr{'ies' if count != 1 else 'y'}."
        if not readonly:
            said += " Press a to add one; x on an entry removes it (x here removes them all)."
        return PanelView(path, message=said)
    container = path if is_container(document, path) else path[:-1]
    fields = tuple(panel_fields(document, container, creating=creating))
    note = ""
    if not fields and entry.kind == "object" and entry.children:
        note = "Its parts are in the tree: press enter or → to open it."
    highlight = None if container == path else path
    return PanelView(container, fields, note=note, highlight=highlight)


def is_removable(document: dict[str, Any], path: Path) -> bool:
    """A channel entry, a whole channel kind, or ``properties``/``channels`` themselves."""
    if not has_path(document, path):
        return False
    if path in (("properties",), ("channels",)):
        return True
    return channel_kind_of(path) is not None and len(path) in (2, 3)


def addable_at(document: dict[str, Any], path: Path) -> Path | None:
    """What ``a`` adds with the cursor on ``path``: the absent node itself, or a new entry of
    the channel kind the cursor is in."""
    if not has_path(document, path):
        return path if path in (("properties",), ("channels",)) or (
            len(path) == 2 and channel_kind_of(path)) else None
    kind = channel_kind_of(path)
    if kind is None:
        return None
    entries = get_path(document, ("channels", kind))
    return ("channels", kind, len(entries)) if isinstance(entries, list) else None


def problem_paths(problems: dict[Path, str], document: dict[str, Any]) -> dict[Path, str]:
    """Problems keyed by the nearest path the user has, so each one lands on a node."""
    return place_problems(problems, document, known_fields)
