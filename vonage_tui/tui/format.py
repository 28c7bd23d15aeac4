"""Small pure helpers that turn API values into what the screens show."""

from __future__ import annotations

from rich.text import Text

CAPABILITY_SHORT = {
    "voice": "voice",
    "messages": "msg",
    "rtc": "rtc",
    "vbc": "vbc",
    "network_apis": "net",
    "meetings": "meet",
    "verify": "vfy",
    "video": "video",
}


def literal(value: object, style: str = "") -> Text:
    """API strings are data, never markup: ``[b]x[/b]`` shows those characters."""
    return Text("" if value is None else str(value), style=style, no_wrap=True, overflow="ellipsis")


def capabilities_summary(names: list[str]) -> str:
    return " ".join(CAPABILITY_SHORT.get(name, name) for name in names)


def short_id(app_id: str, width: int) -> str:
    """A UUID is 36 cells; at 80 columns its first 8 are enough to tell rows apart."""
    return app_id if width >= 120 or len(app_id) <= width else app_id[:width - 1] + "…"


def page_status(page: int, pages: int, items: int, page_size: int) -> str:
    if items == 0:
        return f"no applications · {page_size} per page"
    noun = "application" if items == 1 else "applications"
    return f"page {page} of {max(pages, 1)} · {items} {noun} · {page_size} per page"
