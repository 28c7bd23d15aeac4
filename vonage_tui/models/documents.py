"""Pure operations on JSON documents addressed by paths: read, write, remove, diff.

The editors bind every node to a path in a plain document (the server's, key order kept), so
what is sent is the server's document with only the user's changes applied.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any, Literal

from .limits import Path, path_name

_MISSING = object()


def get_path(document: Any, path: Path, default: Any = None) -> Any:
    node = document
    for key in path:
        if isinstance(node, dict) and isinstance(key, str) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and -len(node) <= key < len(node):
            node = node[key]
        else:
            return default
    return node


def has_path(document: Any, path: Path) -> bool:
    return get_path(document, path, _MISSING) is not _MISSING


def set_path(document: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    """A copy of ``document`` with ``value`` at ``path``; missing objects on the way are made.

    An existing key keeps its place in the object, so the server's key order survives edits.
    """
    if not path:
        raise ValueError("empty path")
    result = copy.deepcopy(document)
    node: Any = result
    for key in path[:-1]:
        if isinstance(node, dict):
            child = node.get(key)
            if not isinstance(child, (dict, list)):
                child = {}
                node[key] = child
            node = child
        else:
            node = node[key]
    node[path[-1]] = copy.deepcopy(value)
    return result


def delete_path(document: dict[str, Any], path: Path) -> dict[str, Any]:
    """A copy of ``document`` without ``path`` (unchanged when it isn't there)."""
    if not has_path(document, path):
        return copy.deepcopy(document)
    result = copy.deepcopy(document)
    parent = get_path(result, path[:-1])
    del parent[path[-1]]
    return result


ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    path: Path
    kind: ChangeKind
    old: Any = None
    new: Any = None

    @property
    def name(self) -> str:
        return path_name(self.path)


def diff_documents(base: Any, edited: Any, prefix: Path = ()) -> list[Change]:
    """Every leaf-level difference from ``base`` to ``edited``, in document order.

    Objects are compared key by key; a list is compared whole unless both sides have the same
    length (then item by item), because list items have no identity to match on.
    """
    if isinstance(base, dict) and isinstance(edited, dict):
        changes: list[Change] = []
        for key, old in base.items():
            if key in edited:
                changes.extend(diff_documents(old, edited[key], (*prefix, key)))
            else:
                changes.append(Change((*prefix, key), "removed", old=old))
        for key, new in edited.items():
            if key not in base:
                changes.append(Change((*prefix, key), "added", new=new))
        return changes
    if isinstance(base, list) and isinstance(edited, list) and len(base) == len(edited):
        changes = []
        for index, (old, new) in enumerate(zip(base, edited, strict=True)):
            changes.extend(diff_documents(old, new, (*prefix, index)))
        return changes
    if base == edited and type(base) is type(edited):
        return []
    return [Change(prefix, "changed", old=base, new=edited)]


def changed_prefixes(changes: list[Change]) -> set[Path]:
    """Every path that is, or contains, a change: what an editor tree marks as modified."""
    marked: set[Path] = set()
    for change in changes:
        for end in range(len(change.path) + 1):
            marked.add(change.path[:end])
    return marked


def format_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def diff_lines(changes: list[Change]) -> list[tuple[str, str]]:
    """``(sign, text)`` lines for a diff view: ``-`` old, ``+`` new, ``~`` for a changed leaf."""
    lines: list[tuple[str, str]] = []
    for change in changes:
        if change.kind == "added":
            lines.append(("+", f"{change.name}: {format_value(change.new)}"))
        elif change.kind == "removed":
            lines.append(("-", f"{change.name}: {format_value(change.old)}"))
        else:
            lines.append(("-", f"{change.name}: {format_value(change.old)}"))
            lines.append(("+", f"{change.name}: {format_value(change.new)}"))
    return lines
