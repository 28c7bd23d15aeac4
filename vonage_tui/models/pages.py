"""List pages: page-numbered for applications, cursor-based for users."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs, urlsplit

from pydantic import Field

from .application import Application
from .base import Links, Loose, LooseInt, LosslessModel
from .user import User


def cursor_from_href(href: str | None) -> str | None:
    """The ``cursor`` query value of a HAL link, or None when the link has none."""
    if not href:
        return None
    values = parse_qs(urlsplit(href).query).get("cursor")
    return values[0] if values else None


class EmbeddedApplications(LosslessModel):
    # Each item falls back on its own: one odd element (a null, say) must not turn the whole
    # page into raw JSON.
    applications: Loose[list[Loose[Application]]] = None


class ApplicationPage(LosslessModel):
    page: LooseInt = None
    page_size: LooseInt = None
    total_items: LooseInt = None
    total_pages: LooseInt = None
    embedded: Annotated[Loose[EmbeddedApplications], Field(alias="_embedded")] = None
    links: Annotated[Loose[Links], Field(alias="_links")] = None

    @property
    def applications(self) -> list[Application]:
        embedded = self.embedded
        if isinstance(embedded, EmbeddedApplications) and isinstance(embedded.applications, list):
            return [item for item in embedded.applications if isinstance(item, Application)]
        return []

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
        page, listed = _count(self.page), self._listed()
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

    def _listed(self) -> int:
        """Entries in this page, parsed or not (an odd entry still takes a place)."""
        embedded = self.embedded
        if isinstance(embedded, EmbeddedApplications) and isinstance(embedded.applications, list):
            return len(embedded.applications)
        return 0


def _count(value: object) -> int | None:
    """A count from the server: a non-negative int, or None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


class EmbeddedUsers(LosslessModel):
    users: Loose[list[Loose[User]]] = None


class UserPage(LosslessModel):
    page_size: LooseInt = None
    embedded: Annotated[Loose[EmbeddedUsers], Field(alias="_embedded")] = None
    links: Annotated[Loose[Links], Field(alias="_links")] = None

    @property
    def users(self) -> list[User]:
        embedded = self.embedded
        if isinstance(embedded, EmbeddedUsers) and isinstance(embedded.users, list):
            return [item for item in embedded.users if isinstance(item, User)]
        return []

    def _link(self, rel: str) -> str | None:
        return self.links.href(rel) if isinstance(self.links, Links) else None

    @property
    def next_cursor(self) -> str | None:
        return cursor_from_href(self._link("next"))

    @property
    def prev_cursor(self) -> str | None:
        return cursor_from_href(self._link("prev"))
