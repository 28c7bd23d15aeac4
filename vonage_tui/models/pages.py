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
        """``total_pages`` as a number; an empty account may report 0 or leave it out."""
        return self.total_pages if isinstance(self.total_pages, int) else 0

    @property
    def item_count(self) -> int:
        return self.total_items if isinstance(self.total_items, int) else len(self.applications)


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
