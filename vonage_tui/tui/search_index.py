"""The all-pages index behind `/`: every application's name, id and capabilities.

Pure data and matching; the screen fills it from ``iter_applications`` in a worker.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable, Iterable
from operator import attrgetter

from typing import TypeVar

from ..models import ApplicationSummary
from .application_ids import usable_id
from .format import CAPABILITY_SHORT


# Plain classes, not dataclasses: every start imports this module (the screen holds an empty
# index from the start), and building the two dataclasses cost ~0.9 ms.


class IndexEntry:
    """One application in the index: its summary and what a query is matched against. Small
    on purpose (slots, no model): 10,000 of them cost a few MB, not hundreds."""

    __slots__ = ("application", "haystack", "order")

    def __init__(self, application: ApplicationSummary, haystack: str,
                 order: tuple[str, str]) -> None:
        self.application = application
        self.haystack = haystack
        """Lower-cased name, id and capability names (long and short), for substring matching."""
        self.order = order
        """Where it sorts: by name, then id (worked out once, not on every key typed)."""

    @classmethod
    def of(cls, application: ApplicationSummary) -> IndexEntry:
        capabilities = application.capability_names()
        name, app_id = str(application.name or ""), str(application.id or "")
        words = [name, app_id]
        words += capabilities + [CAPABILITY_SHORT.get(each, each) for each in capabilities]
        return cls(application, "\n".join(words).casefold(), (name.casefold(), app_id))


class ApplicationIndex:
    def __init__(self, entries: list[IndexEntry] | None = None, complete: bool = False) -> None:
        self.entries: list[IndexEntry] = [] if entries is None else entries
        """In the order read. A list, not a map by id: an id can be missing, a number, or (a
        server bug) repeated, and no application may vanish from the filter for it."""
        self.complete = complete
        """True once every page has been read."""
        self._by_name: list[IndexEntry] | None = None
        """``entries`` sorted by name, kept until the entries change: sorted once, not per key."""
        self._last: tuple[str, list[IndexEntry]] = ("", [])
        """The last query and its matches (by name): a query typed further only narrows them."""

    def add(self, applications: Iterable[ApplicationSummary]) -> None:
        added = [IndexEntry.of(application) for application in applications]
        self.entries.extend(added)
        by_name, (last_query, last_found) = self._by_name, self._last
        self._changed()
        if by_name is None:
            return
        # Two sorted runs: the sort merges them in one pass, where sorting every entry again
        # on the next key cost ~10 ms per batch of 100 while the index filled.
        added.sort(key=_order)
        self._by_name = sorted(by_name + added, key=_order)
        if last_query:
            # The last query's matches stay known (plus those among the new entries): a key
            # typed while the index fills narrows them, not all 10,000 entries again.
            terms = last_query.split()
            more = [entry for entry in added if all(term in entry.haystack for term in terms)]
            self._last = (last_query, sorted(last_found + more, key=_order))

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
        self._changed()

    def discard(self, app_id: str) -> None:
        """After a delete: no entry with this id is left."""
        self.entries = [entry for entry in self.entries if usable_id(entry.application) != app_id]
        self._changed()

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, query: str) -> list[ApplicationSummary]:
        """Applications matching every word of ``query``, sorted by name; all when empty."""
        return [entry.application for entry in self._matching(query)]

    def matches(self, query: str, limit: int) -> tuple[list[ApplicationSummary], int]:
        """The first ``limit`` of ``search(query)``, and how many match in all."""
        found = self._matching(query)
        return [entry.application for entry in found[:limit]], len(found)

    def _changed(self) -> None:
        self._by_name = None
        self._last = ("", [])

    def _matching(self, query: str) -> list[IndexEntry]:
        """The entries matching every word of ``query``, by name. One pass of plain substring
        tests per word: a key typed over 10,000 applications costs a few milliseconds, less
        when it only adds to what was typed (the last matches are narrowed, not all)."""
        folded = query.casefold()
        if self._by_name is None:
            self._by_name = sorted(self.entries, key=_order)
        last_query, last_found = self._last
        # Typed further ("ap" -> "app", "app" -> "app 1"): every word before is inside a word
        # now, so the matches can only shrink.
        found = last_found if last_query and folded.startswith(last_query) else self._by_name
        for term in folded.split():
            found = [entry for entry in found if term in entry.haystack]
        self._last = (folded, found)
        return found


_order = attrgetter("order")
"""Where an entry sorts (a C getter: sorting 10,000 entries calls it 10,000 times)."""


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
