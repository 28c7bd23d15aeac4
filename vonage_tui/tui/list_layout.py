"""How wide each column of a list is and how many rows a page holds, from the table's real size.

Pure arithmetic: a list screen measures its table (after layout, and again on every resize)
and applies what these return. The columns always add up to the table's width, so a list
never needs a horizontal scrollbar and its last column (the applications' ``Key``) is never
pushed off the edge; the name column takes the spare room of a large terminal first.
"""

from __future__ import annotations

CELL_PADDING = 1
"""DataTable's default: one blank cell on each side of every column."""
MAX_PAGE_SIZE = 100
"""The largest page both APIs serve (applications: the emulator's and the client's 100; users:
the spec's 1–100)."""

FULL_ID = 36
"""A UUID, whole."""
SHORT_ID = 9
"""Eight characters and ``…``: enough to tell rows apart at 80 columns."""
KEY = 3
"""``Key``, the header, whole; the cells hold one ✓."""
CAPABILITIES_MIN = 12
"""``Capabilities``, the header, whole."""
CAPABILITIES_MAX = 36
"""``voice msg rtc vbc net meet vfy video``: every capability."""
NAME_MIN = 24
"""The name is what a row is read by: the other columns shrink before it goes below this."""
NAME_FOR_FULL_ID = 32
"""Full ids only when the name still has this much room beside them."""

USER_ID_FULL = 40
USER_ID_SHORT = 14
CHANNELS_MIN = 12
CHANNELS_MAX = 26
NAMES_MIN = 22
"""Full user ids only when the name and the display name keep this much room each."""


def cells_width(table_width: int, gutter: int, columns: int) -> int:
    """What the cells of ``columns`` columns can fill: the table less its scrollbar gutter and
    each column's padding."""
    return max(table_width - gutter - 2 * CELL_PADDING * columns, 0)


def application_columns(room: int, capabilities: int) -> dict[str, int]:
    """Widths of Name, ID, Capabilities and Key filling ``room`` cells; ``capabilities`` is the
    widest summary among the rows shown (the column takes no more than it needs)."""
    wanted = min(max(capabilities, CAPABILITIES_MIN), CAPABILITIES_MAX)
    id_width = FULL_ID if room - KEY - wanted - FULL_ID >= NAME_FOR_FULL_ID else SHORT_ID
    # At 80 columns every capability does not fit beside a readable name: the summary is
    # shortened with "…" (down to its header) before the name is.
    shortfall = max(NAME_MIN - (room - KEY - wanted - id_width), 0)
    capabilities_width = max(wanted - shortfall, CAPABILITIES_MIN)
    name = max(room - KEY - capabilities_width - id_width, 1)
    return {"name": name, "id": id_width, "capabilities": capabilities_width, "key": KEY}


def user_columns(room: int) -> dict[str, int]:
    """Widths of Name, Display name, ID and Channels filling ``room`` cells: name and display
    name share what the id and channels leave, the name a little more."""
    channels = min(CHANNELS_MAX, max(CHANNELS_MIN, room // 5))
    id_width = USER_ID_FULL if room - USER_ID_FULL - channels >= 2 * NAMES_MIN else USER_ID_SHORT
    rest = max(room - id_width - channels, 2)
    name = rest * 11 // 20
    return {"name": name, "display_name": rest - name, "id": id_width, "channels": channels}


SCREEN_CHROME = 4
"""A list screen's lines around its body (header, footer and their borders)."""


def rows_in_view(body_height: int, status_height: int, header_height: int,
                 screen_height: int) -> int:
    """The rows a list's table shows at once (the filter field hidden): its body less the
    status line and the table's header; before the first layout (no body height yet), the
    terminal less the screen's chrome."""
    if not body_height:
        return screen_height - SCREEN_CHROME
    return body_height - status_height - header_height


def fitted_page_size(visible_rows: int) -> int:
    """The default page size: the rows the table shows at once, within what the API serves."""
    return min(max(visible_rows, 1), MAX_PAGE_SIZE)


def next_page_size(current: int, presets: tuple[int, ...], fitted: int) -> int:
    """What ``s`` picks after ``current``: the presets and the size that fits the terminal, in
    increasing order, then round again. Landing on ``fitted`` means "follow the rows" again."""
    sizes = sorted({*presets, fitted})
    return next((size for size in sizes if size > current), sizes[0])
