"""The editor's model: the server's document (the base), the working copy, and what is wrong.

Every edit is applied to the working copy with ``set_path``/``delete_path`` so unknown fields
and the server's key order survive. Text that fails validation is *not* applied: the working
copy keeps the last valid value, and the rejected text is remembered so the field can show it.
Limits judge only what the user changed: what the server sent is kept as it is, with a note.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ...models import (
    APPLICATION_RULES,
    CAPABILITY_NAMES,
    Path,
    application_violations,
    capability_template,
)
from ...models.documents import (
    Change,
    changed_prefixes,
    delete_path,
    diff_documents,
    get_path,
    has_path,
    set_path,
)
from ...models.limits import path_name, rule_for
from .outline import container_template, known_fields
from .values import UNSET

PUBLIC_KEY: Path = ("keys", "public_key")


@dataclass(frozen=True)
class Overview:
    """What the views show of the state, computed once per redraw: diffing the document and
    checking its limits each walk all of it, and the tree, the panel and the status all ask."""

    changes: list[Change]
    invalid: dict[Path, str]
    """What blocks a save."""
    problems: dict[Path, str]
    """What to flag: what blocks a save, and what the server said last."""
    server_errors: int
    notes: dict[Path, str] = field(default_factory=dict)
    """Values the server sent that the reference's limits do not allow: said, not flagged."""

    @property
    def changed_paths(self) -> set[Path]:
        return changed_prefixes(self.changes)


@dataclass(frozen=True)
class RejectedInput:
    text: str
    reason: str


@dataclass
class EditorState:
    base: dict[str, Any]
    """The server's document as last loaded or saved."""
    working: dict[str, Any]
    """The base with the user's valid edits applied."""
    rejected: dict[Path, RejectedInput] = field(default_factory=dict)
    """Text typed into a field that was not applied, and why."""
    server_errors: dict[Path, str] = field(default_factory=dict)
    """Reasons from the server's last 400, by path; cleared when that path is edited."""

    @classmethod
    def loaded(cls, document: dict[str, Any]) -> EditorState:
        return cls(copy.deepcopy(document), copy.deepcopy(document))

    @classmethod
    def resumed(cls, base: dict[str, Any], working: dict[str, Any],
                typed: dict[Path, tuple[str, str]]) -> EditorState:
        """Edits journaled by an earlier session, on the base they were made on."""
        rejected = {path: RejectedInput(text, reason) for path, (text, reason) in typed.items()}
        return cls(copy.deepcopy(base), copy.deepcopy(working), rejected)

    # -- edits ---------------------------------------------------------------------------------

    def set_value(self, path: Path, value: Any) -> bool:
        """Apply a valid value (``UNSET`` removes the field). True when the document changed."""
        self.rejected.pop(path, None)
        if value is UNSET:
            if not has_path(self.working, path):
                return False
            self.working = delete_path(self.working, path)
        else:
            current = get_path(self.working, path, UNSET)
            if current is not UNSET and type(current) is type(value) and current == value:
                return False
            self.working = set_path(self.working, path, value)
            if current is UNSET:
                self._keep_base_order(path[:-1])
        self._forget_server_errors(path)
        return True

    def _keep_base_order(self, parent: Path) -> None:
        """A field cleared and typed again goes back to its place, not to the end."""
        base = get_path(self.base, parent)
        working = get_path(self.working, parent)
        if not isinstance(base, dict) or not isinstance(working, dict):
            return
        ordered = {key: working[key] for key in base if key in working}
        ordered.update((key, value) for key, value in working.items() if key not in ordered)
        working.clear()
        working.update(ordered)

    def reject(self, path: Path, text: str, reason: str) -> None:
        self.rejected[path] = RejectedInput(text, reason)

    def remove(self, path: Path) -> None:
        self.working = delete_path(self.working, path)
        self._forget_under(path)

    def add(self, path: Path) -> Path:
        """Add a known object the document lacks (a capability, webhook, storage, privacy);
        returns the new node's path (a subclass may add below ``path``)."""
        if len(path) == 2 and path[0] == "capabilities" and path[1] in CAPABILITY_NAMES:
            template = capability_template(str(path[1]))
        else:
            template = container_template(path)
        self.working = set_path(self.working, path, without_empty_optionals(template, path))
        self._keep_base_order(path[:-1])  # removed and added again: back in its place
        self._forget_server_errors(path)
        return path

    def adopt_public_key(self, public_key: str) -> None:
        """The key was replaced on the server (a rotation): take it into the base and the
        working copy, so neither the diff nor a later PUT offers the old key again."""
        self.adopt(PUBLIC_KEY, public_key)

    def adopt(self, path: Path, value: Any) -> None:
        """Take the server's ``value`` at ``path`` into the base and the edits alike."""
        self.base = set_path(self.base, path, value)
        self.working = set_path(self.working, path, value)
        self.rejected.pop(path, None)
        self._forget_server_errors(path)

    def missing_capabilities(self) -> list[str]:
        present = get_path(self.working, ("capabilities",))
        present = present if isinstance(present, dict) else {}
        return [name for name in CAPABILITY_NAMES if name not in present]

    def discard(self, document: dict[str, Any] | None = None) -> None:
        """Start over from ``document`` (a fresh GET) or from the base."""
        self.base = copy.deepcopy(document if document is not None else self.base)
        self.working = copy.deepcopy(self.base)
        self.rejected.clear()
        self.server_errors.clear()

    def saved(self, sent: dict[str, Any], response: dict[str, Any]) -> None:
        """The server accepted ``sent`` and answered ``response``: that is the new base."""
        self.base = copy.deepcopy(response)
        self.server_errors.clear()
        if self.working == sent:
            self.working = copy.deepcopy(response)

    def _forget_server_errors(self, path: Path) -> None:
        for error_path in list(self.server_errors):
            if error_path[: len(path)] == path or path[: len(error_path)] == error_path:
                del self.server_errors[error_path]

    def _forget_under(self, path: Path) -> None:
        self._forget_server_errors(path)
        for rejected_path in list(self.rejected):
            if rejected_path[: len(path)] == path:
                del self.rejected[rejected_path]

    # -- what the views show ---------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return bool(self.rejected) or bool(self.changes())

    def changes(self) -> list[Change]:
        return diff_documents(self.base, self.working)

    def shown(self) -> dict[str, Any]:
        """The working copy as the tree shows it: a field holding rejected text shows that
        text (with its ``!``), not the last valid value it silently kept."""
        shown = self.working
        for path, rejected in self.rejected.items():
            if path and has_path(shown, path[:-1]):
                shown = set_path(shown, path, rejected.text)
        return shown

    def changed_paths(self) -> set[Path]:
        return changed_prefixes(self.changes())

    def invalid(self) -> dict[Path, str]:
        """What blocks a save: rejected input, then limits broken by what the user changed."""
        return self._judged()[0]

    def _judged(self) -> tuple[dict[Path, str], dict[Path, str]]:
        """``(invalid, notes)``: the limits the working copy breaks, split by who set the value.

        The server is the truth: a value it sent (a TTL above the documented maximum, a region
        the reference does not list) is kept and sent back as it is, with a note; only values
        the user changed are judged, so they alone block a save.
        """
        invalid = {path: rejected.reason for path, rejected in self.rejected.items()}
        notes: dict[Path, str] = {}
        for path, reason in self.limit_violations():
            if same_value(get_path(self.base, path, UNSET), get_path(self.working, path, UNSET)):
                notes.setdefault(path, server_value_note(reason))
            else:
                invalid.setdefault(path, reason)
        return invalid, notes

    def limit_violations(self) -> list[tuple[Path, str]]:
        """The documented limits the working copy breaks (a user editor judges by its own)."""
        return application_violations(self.working)

    def problems(self) -> dict[Path, str]:
        """Everything to flag: what blocks a save, and what the server said last."""
        problems = dict(self.server_errors)
        problems.update(self.invalid())
        return problems

    def overview(self) -> Overview:
        invalid, notes = self._judged()
        problems = dict(self.server_errors)
        problems.update(invalid)
        return Overview(self.changes(), invalid, problems, len(self.server_errors), notes)

    def invalid_summary(self, limit: int = 3) -> str:
        problems = self.invalid()
        parts = [f"{path_name(path) or 'document'} {reason}" for path, reason in problems.items()]
        more = len(parts) - limit
        text = "; ".join(parts[:limit])
        return text + (f"; and {more} more" if more > 0 else "")

    def record_server_errors(self, parameters: list[tuple[str, str]]) -> None:
        self.server_errors = {}
        for name, reason in parameters:
            path = path_from_name(name)
            previous = self.server_errors.get(path)
            self.server_errors[path] = f"{previous}; {reason}" if previous else reason


def same_value(left: Any, right: Any) -> bool:
    """Equal and of the same type (``True == 1`` in Python; not in JSON)."""
    return type(left) is type(right) and left == right


def server_value_note(reason: str) -> str:
    """What a field says of a value the server sent that breaks a documented limit."""
    if reason.startswith(("must be between", "must be at most")):
        what = "outside the documented range"
    elif reason.startswith("must be one of"):
        what = "not one of the documented values"
    else:
        what = f"outside the documented limits ({reason})"
    return f"{what}; kept as the server sent it"


def without_empty_optionals(template: Any, path: Path) -> Any:
    """A template's empty strings for optional fields are left out: empty means "not set".

    (``network_apis`` starts with an empty ``redirect_uri``, which as a value is an invalid URL
    and, being empty already, could not be cleared to unset it.)
    """
    if not isinstance(template, dict):
        return template
    kept: dict[str, Any] = {}
    for key, value in template.items():
        child = (*path, key)
        rule = rule_for(APPLICATION_RULES, child)
        if value == "" and rule is not None and not rule.required:
            continue
        kept[key] = without_empty_optionals(value, child)
    return kept


_INDEX = re.compile(r"\[(\d+)\]")


def path_from_name(name: str) -> Path:
    """``capabilities.voice.webhooks.answer_url.connect_timeout`` → a path; ``a[0].b`` works too.

    A leading ``body.`` or ``$.`` (some APIs prefix the request body) is dropped.
    """
    text = name.strip()
    for prefix in ("$.", "body."):
        if text.startswith(prefix):
            text = text[len(prefix):]
    path: list[str | int] = []
    for part in text.split("."):
        if not part:
            continue
        head = _INDEX.split(part)
        key, indices = head[0], head[1::2]
        if key:
            path.append(key)
        path.extend(int(index) for index in indices)
    return tuple(path)


def problem_paths(problems: dict[Path, str], document: dict[str, Any],
                  known: Callable[[Path], Iterable[str]] = known_fields) -> dict[Path, str]:
    """Problems keyed by the nearest path the document has, so each one lands on a node.
    ``known`` names the fields an object at a path may have (an application's by default;
    ``user_outline.problem_paths`` passes a user's)."""
    placed: dict[Path, str] = {}
    for path, reason in problems.items():
        target = path
        while target and not has_path(document, target):
            if has_path(document, target[:-1]) and str(target[-1]) in known(target[:-1]):
                break  # a known field that is not set: its row in the panel shows the reason
            target = target[:-1]
        placed.setdefault(target, reason)
    return placed
