"""Light, read-only views of list pages: what the list, the `/` index and a walk of every page
need of an application, read straight from the server's JSON.

The lossless ``Application`` model costs ~110 µs and ~18 KB per application to build (every
nested model runs Python-level validators to keep unknown fields and key order); a list of
10,000 is seconds of CPU and hundreds of MB. Nothing that lists applications edits or sends
one back, so the list reads a summary, and the full model is parsed only for the one
application that is opened (``get_application``). The page keeps the document it was read
from, so it still gives back exactly what the server sent.

No validation happens here: every value is the JSON the server sent (an id may be a number,
missing, or repeated; a name may hold an escape), exactly as the lossless model keeps it.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .names import CAPABILITY_NAMES

if TYPE_CHECKING:
    from .application import Application

_KNOWN_CAPABILITIES = frozenset(CAPABILITY_NAMES)


@dataclass(frozen=True, slots=True)
class ApplicationSummary:
    """An application as a list shows it. ``id`` and ``name`` are what was sent (None when
    missing or null), whatever their JSON type."""

    id: Any
    name: Any
    capabilities: tuple[str, ...] = ()
    """The capability names, in the spec's order, then unknown ones in the server's order."""
    public_key: str | None = None
    """``keys.public_key`` when it is text: how a create whose answer was lost is found."""

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> ApplicationSummary:
        return cls(document.get("id"), document.get("name"),
                   _capability_names(document.get("capabilities")),
                   _public_key(document.get("keys")))

    @classmethod
    def from_application(cls, application: Application) -> ApplicationSummary:
        """The summary of a full model (after a write): read from its document, so a summary
        never depends on which way it was made."""
        return cls.from_document(application.to_document())

    def capability_names(self) -> list[str]:
        return list(self.capabilities)


def _capability_names(capabilities: object) -> tuple[str, ...]:
    # The same rule as ``Capabilities.present``: a key the server sent counts, whatever its
    # value; capabilities that are not an object have no names.
    if not isinstance(capabilities, dict):
        return ()
    known = [name for name in CAPABILITY_NAMES if name in capabilities]
    # Interned: 10,000 applications share a handful of names instead of holding 30,000 copies.
    return tuple(known) + tuple(sys.intern(name) for name in capabilities
                                if name not in _KNOWN_CAPABILITIES)


def _public_key(keys: object) -> str | None:
    value = keys.get("public_key") if isinstance(keys, dict) else None
    return value if isinstance(value, str) else None


class ApplicationPage:
    """One page of ``GET /v2/applications``: counts to be judged, and the applications as
    summaries. The document is kept as sent (``to_document``)."""

    __slots__ = ("_document", "_applications")

    OFF_LOOP_BYTES: ClassVar[int] = 1024 * 1024
    """Bodies up to this size are parsed on the event loop (``api/responses.py``): reading a
    page is ``json.loads`` and a dict lookup or four per application, ~14 ms a MB
    (``benchmarks/big_bodies.py``). A thread per page would cost more than it saves, and the
    memory its allocator keeps after 100 pages stays with the process (RSS with 10,000
    applications indexed was ~15 MB higher)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._document = document
        self._applications: list[ApplicationSummary] | None = None

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> ApplicationPage:
        return cls(document)

    def to_document(self) -> dict[str, Any]:
        """The page as the server sent it (a copy: the page's own stays unchanged)."""
        return copy.deepcopy(self._document)

    def __repr__(self) -> str:
        return (f"ApplicationPage(page={self.page!r}, total_pages={self.total_pages!r}, "
                f"applications={len(self.applications)})")

    # The counts exactly as sent: any JSON value, or None when left out.
    @property
    def page(self) -> Any:
        return self._document.get("page")

    @property
    def page_size(self) -> Any:
        return self._document.get("page_size")

    @property
    def total_items(self) -> Any:
        return self._document.get("total_items")

    @property
    def total_pages(self) -> Any:
        return self._document.get("total_pages")

    @property
    def applications(self) -> list[ApplicationSummary]:
        """The well-formed entries: one odd element (a null, say) does not spoil the page."""
        if self._applications is None:
            self._applications = [ApplicationSummary.from_document(item)
                                  for item in self._entries() if isinstance(item, dict)]
        return self._applications

    @property
    def page_count(self) -> int:
        """How many pages there are, as far as this page can be believed.

        ``total_pages`` is a claim from the network: one of 100,000 pages once sent a client
        after all of them. So it never counts more pages than ``total_items`` fills at this
        page size, and a short or empty page is the last one whatever it claims. An empty
        account may report 0 or leave the counts out.
        """
        claimed = _count(self.total_pages)
        size = _count(self.page_size)
        items = _count(self.total_items)
        count = claimed if claimed is not None else 0
        if items is not None and size:
            filled = -(-items // size)  # ceil
            count = min(count, filled) if claimed is not None else filled
        page, listed = _count(self.page), len(self._entries())
        if page and size and listed < size:
            # Only the last page is short: there is nothing after this one.
            count = min(count, page if listed else page - 1)
        return max(count, 0)

    @property
    def item_count(self) -> int:
        items = _count(self.total_items)
        if items is None:
            return len(self.applications)
        size = _count(self.page_size)
        return min(items, self.page_count * size) if size else items

    def _entries(self) -> list[Any]:
        """Entries in this page, well-formed or not (an odd entry still takes a place)."""
        embedded = self._document.get("_embedded")
        entries = embedded.get("applications") if isinstance(embedded, dict) else None
        return entries if isinstance(entries, list) else []


def _count(value: object) -> int | None:
    """A count from the server: a non-negative int, or None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value
