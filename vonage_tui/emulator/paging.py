"""The two paging schemes: page numbers for applications, opaque cursors for users.

Both are pure: the handlers parse the query, the store hands over an ordered list, and these
functions pick the window and write the links.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

from .documents import APPLICATIONS_PATH, USERS_PATH

APPLICATIONS_DEFAULT_PAGE_SIZE = 10
APPLICATIONS_MAX_PAGE_SIZE = 100
USERS_DEFAULT_PAGE_SIZE = 10
USERS_MAX_PAGE_SIZE = 100

Violations = list[tuple[tuple[str, ...], str]]


def _int_param(
    query: Mapping[str, str], name: str, default: int, low: int, high: int | None
) -> tuple[int, str | None]:
    raw = query.get(name)
    if raw is None or raw == "":
        return default, None
    try:
        value = int(raw)
    except ValueError:
        return default, "must be a whole number"
    if value < low or (high is not None and value > high):
        return default, (
            f"must be between {low} and {high}" if high is not None else f"must be at least {low}"
        )
    return value, None


# --- Applications: page numbers -------------------------------------------------------


@dataclass(frozen=True)
class PageQuery:
    page: int
    page_size: int


def parse_page_query(query: Mapping[str, str]) -> tuple[PageQuery, Violations]:
    page, page_problem = _int_param(query, "page", 1, 1, None)
    size, size_problem = _int_param(
        query, "page_size", APPLICATIONS_DEFAULT_PAGE_SIZE, 1, APPLICATIONS_MAX_PAGE_SIZE
    )
    problems: Violations = []
    if page_problem:
        problems.append((("page",), page_problem))
    if size_problem:
        problems.append((("page_size",), size_problem))
    return PageQuery(page, size), problems


def total_pages(total_items: int, page_size: int) -> int:
    """0 for an empty account, as the real API reports it."""
    return math.ceil(total_items / page_size)


def _page_href(page: int, page_size: int) -> dict[str, str]:
    return {"href": f"{APPLICATIONS_PATH}?page_size={page_size}&page={page}"}


def page_links(page: int, page_size: int, pages: int) -> dict[str, Any]:
    """Relative HAL links: self, first, last, and prev/next where they exist."""
    last = max(pages, 1)
    links: dict[str, Any] = {
        "self": _page_href(page, page_size),
        "first": _page_href(1, page_size),
        "last": _page_href(last, page_size),
    }
    if page < pages:
        links["next"] = _page_href(page + 1, page_size)
    if page > 1:
        links["prev"] = _page_href(min(page - 1, last), page_size)
    return links


def application_page(
    window: Sequence[dict[str, Any]], total_items: int, query: PageQuery
) -> dict[str, Any]:
    """The list body for one page, given that page's applications and the account's total."""
    pages = total_pages(total_items, query.page_size)
    return {
        "page_size": query.page_size,
        "page": query.page,
        "total_items": total_items,
        "total_pages": pages,
        "_embedded": {"applications": list(window)},
        "_links": page_links(query.page, query.page_size, pages),
    }


# --- Users: opaque cursors ------------------------------------------------------------

Direction = Literal["next", "prev"]
_CURSOR_KEY = b"vonage-tui emulator cursor"  # not a secret: it only makes cursors tamper-evident


def encode_cursor(direction: Direction, position: int) -> str:
    """An opaque token: a client must follow the links, never build one."""
    payload = f"{direction}:{position}".encode()
    tag = hmac.new(_CURSOR_KEY, payload, hashlib.sha256).digest()[:12]
    return base64.b64encode(payload + b"|" + tag).decode()


def decode_cursor(cursor: str) -> tuple[Direction, int]:
    """Raises ValueError for anything :func:`encode_cursor` did not make."""
    try:
        raw = base64.b64decode(cursor.encode(), validate=True)
    except (ValueError, UnicodeEncodeError) as error:
        raise ValueError("not a cursor") from error
    payload, sep, tag = raw.partition(b"|")
    expected = hmac.new(_CURSOR_KEY, payload, hashlib.sha256).digest()[:12]
    if not sep or not hmac.compare_digest(tag, expected):
        raise ValueError("not a cursor")
    direction, _, position = payload.decode().partition(":")
    if direction not in ("next", "prev") or not position.isdigit():
        raise ValueError("not a cursor")
    return direction, int(position)  # type: ignore[return-value]


@dataclass(frozen=True)
class CursorQuery:
    page_size: int
    order: Literal["asc", "desc"]
    cursor: tuple[Direction, int] | None
    raw_cursor: str | None
    name: str | None


def parse_cursor_query(query: Mapping[str, str]) -> tuple[CursorQuery, Violations]:
    problems: Violations = []
    size, size_problem = _int_param(
        query, "page_size", USERS_DEFAULT_PAGE_SIZE, 1, USERS_MAX_PAGE_SIZE
    )
    if size_problem:
        problems.append((("page_size",), size_problem))
    order = (query.get("order") or "asc").lower()
    if order not in ("asc", "desc"):
        problems.append((("order",), "must be one of asc, desc, ASC, DESC"))
        order = "asc"
    raw_cursor = query.get("cursor") or None
    cursor = None
    if raw_cursor is not None:
        try:
            cursor = decode_cursor(raw_cursor)
        except ValueError:
            problems.append((("cursor",), "is not a valid cursor"))
            raw_cursor = None
    name = query.get("name") or None
    return CursorQuery(size, order, cursor, raw_cursor, name), problems  # type: ignore[arg-type]


def cursor_window(positions: Sequence[int], query: CursorQuery) -> tuple[int, int]:
    """The [start, end) slice of ``positions`` (already in display order) for this query.

    A cursor names a boundary position: ``next`` starts after it, ``prev`` ends before it,
    so a page stays stable while users are added or deleted elsewhere in the list.
    """
    size = query.page_size
    if query.cursor is None:
        return 0, min(size, len(positions))
    direction, boundary = query.cursor
    rank = {position: index for index, position in enumerate(positions)}
    if boundary in rank:
        split = rank[boundary]
        after, before_end = split + 1, split
    else:  # the boundary user is gone: place it by its creation order
        ascending = query.order == "asc"
        split = sum(1 for p in positions if (p < boundary if ascending else p > boundary))
        after, before_end = split, split
    if direction == "next":
        return after, min(after + size, len(positions))
    return max(before_end - size, 0), before_end


def cursor_links(
    base_url: str, query: CursorQuery, positions: Sequence[int], window: tuple[int, int]
) -> dict[str, Any]:
    """Absolute HAL links built from the request's own base URL."""

    def href(cursor: str | None) -> dict[str, str]:
        params: dict[str, str | int] = {"order": query.order, "page_size": query.page_size}
        if query.name is not None:
            params["name"] = query.name
        if cursor is not None:
            params["cursor"] = cursor
        return {"href": f"{base_url}{USERS_PATH}?{urlencode(params)}"}

    start, end = window
    links: dict[str, Any] = {"first": href(None), "self": href(query.raw_cursor)}
    if end > start and end < len(positions):
        links["next"] = href(encode_cursor("next", positions[end - 1]))
    if end > start and start > 0:
        links["prev"] = href(encode_cursor("prev", positions[start]))
    return links
