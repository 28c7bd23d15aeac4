"""Where the stylesheets are: inside the package when installed, at the repo top in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def stylesheet_dir() -> Path:
    installed = _PACKAGE / "styles"  # the wheel force-includes styles/ here
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "styles"  # an editable install or a source checkout


def stylesheets() -> list[Path]:
    return sorted(stylesheet_dir().glob("*.tcss"))
