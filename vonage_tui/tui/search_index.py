"""The all-pages index behind `/`: every application's name, id and capabilities.

Pure data and matching; the screen fills it from ``iter_applications`` in a worker.
"""

from __future__ import annotations

import heapq
from collections.abc import AsyncIterable, Callable, Iterable
from dataclasses import dataclass, field

from typing import TypeVar

from ..models import ApplicationSummary
from .application_ids import usable_id
from .format import CAPABILITY_SHORT


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One application in the index: its summary and what a query is matched against. Small
    on purpose (slots, no model): 10,000 of them cost a few MB, not hundreds."""

    application: ApplicationSummary
    haystack: str
    """Lower-cased name, id and capability names (long and short), for substring matching."""
    order: tuple[str, str]
    """Where it sorts: by name, then id (worked out once, not on every key typed)."""

    @classmethod
    def of(cls, application: ApplicationSummary) -> IndexEntry:
        capabilities = application.capability_names()
        name, app_id = str(application.name or ""), str(application.id or "")
        words = [name, app_id]
        words += capabilities + [CAPABILITY_SHORT.get(each, each) for each in capabilities]
        return cls(application, "\n".join(words).casefold(), (name.casefold(), app_id))


@dataclass
class ApplicationIndex:
    entries: list[IndexEntry] = field(default_factory=list)
    """In the order read. A list, not a map by id: an id can be missing, a number, or (a server
    bug) repeated, and no application may vanish from the filter for it."""
    complete: bool = False
    """True once every page has been read."""

    def add(self, applications: Iterable[ApplicationSummary]) -> None:
        self.entries.extend(IndexEntry.of(application) for application in applications)

    def put(self, app_id: str, application: ApplicationSummary) -> None:
        """After a write: ``application`` replaces every entry with its id, or is added."""
        entry = IndexEntry.of(application)
        found = False
        for position, existing in enumerate(self.entries):
            if usable_id(existing.application) == app_id:
                self.entries[position] = entry
                found = True
        if not found:
            self.entries.append(entry)

    def discard(self, app_id: str) -> None:
        """After a delete: no entry with this id is left."""
        self.entries = [entry for entry in self.entries if usable_id(entry.application) != app_id]

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, query: str) -> list[ApplicationSummary]:
        """Applications matching every word of ``query``, sorted by name; all when empty."""
        found = sorted(self._matching(query), key=_order)
        return [entry.application for entry in found]

    def matches(self, query: str, limit: int) -> tuple[list[ApplicationSummary], int]:
        """The first ``limit`` of ``search(query)``, and how many match in all: a screen shows
        a few rows of thousands of matches without sorting them all on every key."""
        found = self._matching(query)
        first = heapq.nsmallest(limit, found, key=_order)
        return [entry.application for entry in first], len(found)

    def _matching(self, query: str) -> list[IndexEntry]:
        terms = query.casefold().split()
        if not terms:
            return list(self.entries)
        return [entry for entry in self.entries if all(term in entry.haystack for term in terms)]


def _order(entry: IndexEntry) -> tuple[str, str]:
    return entry.order


Item = TypeVar("Item")


async def add_in_batches(items: AsyncIterable[Item], add: Callable[[list[Item]], None],
                         progressed: Callable[[], None], size: int = 100) -> None:
    """Fill an index from a walk of every page, ``size`` items at a time, saying so after each
    batch (a filter already open re-runs then). The applications' and users' indexes both."""
    batch: list[Item] = []
    async for item in items:
        batch.append(item)
        if len(batch) >= size:
            add(batch)
            batch = []
            progressed()
    add(batch)
