"""Cursor-based pages of users. (Application pages are light views: ``summary.py``.)"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs, urlsplit

from pydantic import Field

from .base import Links, Loose, LooseInt, LosslessModel
from .user import User


def cursor_from_href(href: str | None) -> str | None:
    """The ``cursor`` query value of a HAL link, or None when the link has none."""
    if not href:
        return None
    values = parse_qs(urlsplit(href).query).get("cursor")
    return values[0] if values else None


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
