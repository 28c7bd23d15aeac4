"""Application ids as the server sent them: which can name the application in a request, and
what to tell the user about the odd ones (missing, a number, with a "/", sent twice).

The list keys its rows by position, never by id, so none of these can hide a row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # the lossless models load when a document is opened, not at start-up
    from ..models import Application, ApplicationSummary

Listed: TypeAlias = "Application | ApplicationSummary"
"""The full model (an opened application) or the summary a list row or the index holds."""


def usable_id(application: Listed) -> str | None:
    """The id to open, delete or copy the application by; None when the server sent none.

    A number is used as its digits (the client quotes every id, so "/" cannot change a path)."""
    value = application.id
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def shown_id(application: Listed) -> str:
    """The id for the ID column: what was sent, or a word for nothing."""
    value = application.id
    if value is None or value == "":
        return "(no id)"
    return value if isinstance(value, str) else str(value)


def odd_ids(applications: Iterable[Listed]) -> list[str]:
    """What is odd about the ids of these rows, in words ("a duplicate id", …); [] if nothing."""
    applications = list(applications)
    counts = Counter(app_id for application in applications
                     if (app_id := usable_id(application)) is not None)
    repeated = sum(1 for count in counts.values() if count > 1)
    missing = sum(1 for application in applications if usable_id(application) is None)
    numbers = sum(1 for application in applications
                  if not isinstance(application.id, (str, type(None))))
    slashes = sum(1 for application in applications
                  if isinstance(application.id, str) and "/" in application.id)
    said = []
    if repeated:
        said.append("a duplicate id" if repeated == 1 else f"{repeated} duplicate ids")
    if missing:
        said.append("an application with no id" if missing == 1
                    else f"{missing} applications with no id")
    if numbers:
        said.append("an id that is not text" if numbers == 1 else f"{numbers} ids that are not text")
    if slashes:
        said.append("an id with a /" if slashes == 1 else f"{slashes} ids with a /")
    return said
