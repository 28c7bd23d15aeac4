"""Where the stylesheets are: inside the package when installed, at the repo top in a checkout.

``app.tcss`` styles the applications list, its dialogs and what every screen shares; it is
all the first paint needs. The others (the editor's, the forms', the credentials screens')
are read when a screen other than the list first opens (``VonageApp._load_screen_css``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def stylesheet_dir() -> Path:
    installed = _PACKAGE / "styles"  # the wheel force-includes styles/ here
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "styles"  # an editable install or a source checkout


FIRST_PAINT = "app.tcss"


def stylesheets() -> list[Path]:
    """Every stylesheet, in the order they apply: by name (``app.tcss`` first)."""
    return sorted(stylesheet_dir().glob("*.tcss"))


def first_paint_stylesheets() -> list[Path]:
    return [path for path in stylesheets() if path.name == FIRST_PAINT]


def later_stylesheets() -> list[Path]:
    return [path for path in stylesheets() if path.name != FIRST_PAINT]
