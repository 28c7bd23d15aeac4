"""The user editor's state: the application editor's (``state.py``) judged by the Users API's
limits, with channel entries to add and remove.

``creating`` is a user not created yet: its base is empty, and its name may stay empty (the API
makes one).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ...models import Path, user_violations
from ...models.documents import get_path, set_path
from .state import EditorState
from .user_outline import CHANNEL_TEMPLATES, addable_at, channel_kind_of


@dataclass
class UserEditorState(EditorState):
    creating: bool = False
    """The user does not exist yet: saving creates it (POST)."""

    @classmethod
    def new_user(cls) -> UserEditorState:
        return cls({}, {}, creating=True)

    def limit_violations(self) -> list[tuple[Path, str]]:
        problems = user_violations(self.working)
        if not self.creating and not (isinstance(self.working.get("name"), str)
                                      and self.working["name"].strip()):
            problems.append((("name",), "is required: a user's name cannot be removed"))
        return problems

    def add(self, path: Path) -> Path:
        """Add what ``a`` adds at ``path`` (see ``addable_at``); returns the new node's path."""
        target = addable_at(self.working, path)
        if target is None:
            raise ValueError(f"nothing to add at {path!r}")
        kind = channel_kind_of(target)
        if target in (("properties",), ("channels",)):
            value: Any = {}
        elif len(target) == 2 and kind is not None:
            value = [copy.deepcopy(CHANNEL_TEMPLATES[kind])]
            target = (*target, 0)
            self.working = set_path(self.working, target[:-1], value)
            self._keep_base_order(target[:-2])
            return target
        else:
            assert kind is not None
            entries = list(get_path(self.working, target[:-1]))
            entries.append(copy.deepcopy(CHANNEL_TEMPLATES[kind]))
            self.working = set_path(self.working, target[:-1], entries)
            return target
        self.working = set_path(self.working, target, value)
        self._keep_base_order(target[:-1])
        return target

    def remove(self, path: Path) -> None:
        super().remove(path)
        if isinstance(path[-1], int):
            # The entries after it moved up one: marks kept by index would land on the wrong one.
            self._forget_under(path[:-1])

    def created(self, response: dict[str, Any]) -> None:
        """The POST succeeded: the user exists now, as the server answered."""
        self.creating = False
        self.discard(response)
