"""The all-pages index behind `/`: every application's name, id and capabilities.

Pure data and matching; the screen fills it from ``iter_applications`` in a worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Application
from .format import CAPABILITY_SHORT


@dataclass(frozen=True)
class IndexEntry:
    application: Application
    haystack: str
    """Lower-cased name, id and capability names (long and short), for substring matching."""

    @classmethod
    def of(cls, application: Application) -> IndexEntry:
        capabilities = application.capability_names()
        words = [str(application.name or ""), str(application.id or "")]
        words += capabilities + [CAPABILITY_SHORT.get(name, name) for name in capabilities]
        return cls(application, "\n".join(words).casefold())


@dataclass
class ApplicationIndex:
    entries: dict[str, IndexEntry] = field(default_factory=dict)
    complete: bool = False
    """True once every page has been read."""

    def add(self, applications: Iterable[Application]) -> None:
        for application in applications:
            self.entries[str(application.id)] = IndexEntry.of(application)

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, query: str) -> list[Application]:
        """Applications matching every word of ``query``, sorted by name; all when empty."""
        terms = query.casefold().split()
        found = [
            entry.application
            for entry in self.entries.values()
            if all(term in entry.haystack for term in terms)
        ]
        return sorted(found, key=lambda app: (str(app.name or "").casefold(), str(app.id)))
