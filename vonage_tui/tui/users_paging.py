"""Where the users list is in the Users API's cursor chain, and the pages already read.

Pure state, no requests: the screen asks ``want_*`` which cursor to load, loads it in a worker,
and hands the page back with ``arrived``. The API pages with opaque cursors, so "page 3" is the
third page reached from the first by following ``next``: the trail of cursors walked is kept,
so going back uses the pages already seen (keyed by cursor) and costs no request. A change of
page size or order starts again from the first page; ``forget`` (refresh, a delete) drops every
page read but keeps the place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import User, UserPage

PAGE_SIZES = (10, 20, 50, 100)
"""What ``s`` cycles through; the API takes 1–100."""
DEFAULT_PAGE_SIZE = 20
ORDERS = ("asc", "desc")

FIRST: str = ""
"""The cache key of the first page (it has no cursor)."""


@dataclass
class UserPages:
    page_size: int = DEFAULT_PAGE_SIZE
    order: str = "asc"
    trail: list[str] = field(default_factory=lambda: [FIRST])
    """The cursor of each page walked so far: ``trail[0]`` is the first page."""
    position: int = 0
    """Index in ``trail`` of the page shown (or being loaded): page number - 1."""
    seen: dict[str, UserPage] = field(default_factory=dict)
    """Pages read at this size and order, by cursor."""

    @property
    def page_number(self) -> int:
        return self.position + 1

    @property
    def cursor(self) -> str:
        """The cursor of the page at ``position`` (``FIRST`` for the first)."""
        return self.trail[self.position]

    @property
    def current(self) -> UserPage | None:
        return self.seen.get(self.cursor)

    @property
    def users(self) -> list[User]:
        page = self.current
        return page.users if page is not None else []

    @property
    def next_cursor(self) -> str | None:
        page = self.current
        return page.next_cursor if page is not None else None

    @property
    def has_next(self) -> bool:
        return bool(self.next_cursor)

    @property
    def has_previous(self) -> bool:
        return self.position > 0

    def arrived(self, cursor: str, page: UserPage) -> None:
        """A page read for ``cursor`` (at the current size and order)."""
        self.seen[cursor] = page

    def go_next(self) -> bool:
        """Move to the next page; False at the end (or before the current page is read)."""
        following = self.next_cursor
        if not following:
            return False
        del self.trail[self.position + 1:]
        self.trail.append(following)
        self.position += 1
        return True

    def go_previous(self) -> bool:
        if self.position == 0:
            return False
        self.position -= 1
        return True

    def go_first(self) -> bool:
        if self.position == 0:
            return False
        self.position = 0
        return True

    def restart(self, *, page_size: int | None = None, order: str | None = None) -> None:
        """Back to the first page, forgetting every page: after a size or order change."""
        if page_size is not None:
            if not 1 <= page_size <= 100:
                raise ValueError("the Users API takes 1 to 100 users a page")
            self.page_size = page_size
        if order is not None:
            if order not in ORDERS:
                raise ValueError("order is asc or desc")
            self.order = order
        self.trail = [FIRST]
        self.position = 0
        self.seen = {}

    def forget(self) -> None:
        """Drop the pages read (they may be stale) but stay on this page: its cursor still
        names the same place in the list."""
        self.seen = {}

    def status(self) -> str:
        """``page 3 · 20 per page · asc`` (and ``· last page`` at the end): short, so the key's
        source still fits an 80-column status line."""
        text = f"page {self.page_number} · {self.page_size} per page · {self.order}"
        if self.current is not None and not self.has_next:
            text += " · last page"
        return text
