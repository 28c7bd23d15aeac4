"""Applications as JSON files: export one, apply a file to one (PUT), clone one from a file.

Pure functions on documents plus small file helpers; the TUI flow asks for paths and shows
the diff. An exported file never holds a private key or the server's ``_links``.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass
from pathlib import Path as FilePath
from collections.abc import Callable
from typing import Any

from ..models import Application, Path, application_violations, path_name
from ..models.documents import delete_path, get_path
from .create import with_new_public_key
from .key_storage import expand_path


class DocumentFileError(ValueError):
    """A file that cannot be used as an application document; the message says why."""


def export_document(application: Application | dict[str, Any]) -> dict[str, Any]:
    """The document to write: everything but ``_links`` and ``keys.private_key``."""
    document = application.to_document() if isinstance(application, Application) else copy.deepcopy(application)
    document.pop("_links", None)
    document = delete_path(document, ("keys", "private_key"))
    if document.get("keys") == {}:
        del document["keys"]
    return document


def export_text(application: Application | dict[str, Any]) -> str:
    return json.dumps(export_document(application), indent=2, ensure_ascii=False) + "\n"


def write_export(path: str | FilePath, text: str, *, overwrite: bool = False) -> FilePath:
    """Write ``text``; an existing file is replaced only when ``overwrite`` is set."""
    target = expand_path(str(path))
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    fd = os.open(target, flags, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return target.resolve()


Violations = Callable[[dict[str, Any]], list[tuple[Path, str]]]
"""A document's breaches of the API's limits (``application_violations``, ``user_violations``)."""


def parse_document(text: str, source: str = "the file", *, noun: str = "application",
                   violations: Violations = application_violations) -> dict[str, Any]:
    """A document from JSON text (an application unless ``noun`` and ``violations`` say
    otherwise), checked against the API's limits."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentFileError(
            f"{source} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    if not isinstance(document, dict):
        article = "an" if noun[:1] in "aeiou" else "a"
        raise DocumentFileError(f"{source} must hold one JSON object ({article} {noun}), "
                                f"not {type(document).__name__}")
    problems = violations(document)
    if problems:
        listed = "; ".join(f"{path_name(path)} {reason}" for path, reason in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise DocumentFileError(f"{source} is not a valid {noun}: {listed}{more}")
    return document


def read_document_file(path: str | FilePath, *, noun: str = "application",
                       violations: Violations = application_violations) -> dict[str, Any]:
    target = expand_path(str(path))
    try:
        text = target.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DocumentFileError(f"{target} is not UTF-8 text") from None
    except OSError as error:
        raise DocumentFileError(f"cannot read {target}: {error.strerror or error}") from None
    return parse_document(text, str(target), noun=noun, violations=violations)


@dataclass
class ApplyPlan:
    current: dict[str, Any]
    """The server's document as shown in the diff (no ``_links``, no private key)."""
    replacement: dict[str, Any]
    """What the PUT sends: the file's document under the current application's id."""

    @property
    def changes_key(self) -> bool:
        new_key = get_path(self.replacement, ("keys", "public_key"))
        return isinstance(new_key, str) and new_key.strip() != str(
            get_path(self.current, ("keys", "public_key"), "")).strip()


def apply_plan(current: Application | dict[str, Any], file_document: dict[str, Any]) -> ApplyPlan:
    """The file's document replaces the application, like a PUT: fields the server has and
    the file lacks are removed. The id stays the current application's, whatever the file says."""
    base = export_document(current)
    replacement = {"id": base.get("id")} if "id" in base else {}
    for key, value in export_document(file_document).items():
        if key != "id":
            replacement[key] = copy.deepcopy(value)
    if "keys" not in replacement and isinstance(base.get("keys"), dict):
        # Vonage keeps the key when a PUT leaves it out; showing it as removed would mislead.
        replacement = {**replacement, "keys": copy.deepcopy(base["keys"])}
        replacement = _reorder_like(replacement, base)
    return ApplyPlan(base, replacement)


def clone_document(file_document: dict[str, Any],
                   public_pem: str | None = None) -> dict[str, Any]:
    """A create body from a file: no id, links or keys of the original; ``public_pem`` as its
    key when given (else the create flow adds the key it makes)."""
    document = {key: copy.deepcopy(value) for key, value in file_document.items()
                if key not in ("id", "_links", "keys")}
    return document if public_pem is None else with_new_public_key(document, public_pem)


def default_export_name(application: Application) -> str:
    app_id = str(application.id or "application")
    return f"vonage-app-{app_id[:8]}.json"


def _reorder_like(document: dict[str, Any], template: dict[str, Any]) -> dict[str, Any]:
    first = {key: document[key] for key in template if key in document}
    return first | {key: value for key, value in document.items() if key not in first}
