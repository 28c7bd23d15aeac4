"""Small pure helpers that turn API values into what the screens show.

Every string from a server or a file reaches the screen through ``literal`` (one line),
``literal_block`` (lines kept) or ``safe_text`` (a message that may already be a ``Text``): all
three are ``rich.text.Text`` (never markup) after ``safe_text.visible`` (never terminal control).
"""

from __future__ import annotations

from rich.text import Text

from ..safe_text import visible

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
    """API strings are data, never markup: ``[b]x[/b]`` shows those characters, and ESC shows
    as ``␛``. One line: a newline in a name shows as ``␊``, it does not break the row."""
    return Text(visible(value), style=style, no_wrap=True, overflow="ellipsis")


def literal_block(value: object, style: str = "") -> Text:
    """Like ``literal`` for text made of lines (JSON, a PEM key, an error page): lines kept."""
    return Text(visible(value, multiline=True), style=style)


def safe_text(message: str | Text, style: str = "", *, multiline: bool = True) -> Text:
    """``message`` made safe whether it is a plain string or a ``Text`` someone styled:
    a dialog takes either, and the styled one may hold a server string too."""
    if not isinstance(message, Text):
        if multiline:
            return Text(visible(message, multiline=True), style=style)
        return Text(visible(message), style=style, no_wrap=True, overflow="ellipsis")
    if visible(message.plain, multiline=multiline) == message.plain:
        return message
    # Rebuilt piece by piece between span edges, so every style stays on its characters.
    edges = sorted({edge for span in message.spans for edge in (span.start, span.end)})
    result = message.blank_copy()
    for piece in message.divide(edges):
        shown = Text(visible(piece.plain, multiline=multiline), style=piece.style)
        for span in piece.spans:
            shown.stylize(span.style)
        result.append_text(shown)
    return result


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
