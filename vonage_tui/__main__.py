"""Entry point: ``vonage-tui`` and ``python -m vonage_tui``."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # The emulator has its own options; hand them over untouched.
    if args[:1] == ["demo-server"]:
        from .emulator.cli import main as demo_server_main

        return demo_server_main(args[1:])

    start_lean()
    from .cli import parse_options

    options = parse_options(args)
    # Textual is imported only now, so `--help`, `--version` and `demo-server` start fast.
    from .tui.startup.launch import run_tui

    return run_tui(options)


def start_lean() -> None:
    """Two economies for the TUI's start (~60 ms of CPU), not for the library or tests:

    - No garbage collection until the app has mounted (``VonageApp.on_mount`` freezes what
      start-up made and turns the collector back on): importing Textual and httpx makes
      ~200,000 objects, and the collections their growth triggers find no garbage to free.
    - httpx's ``__init__`` imports its command-line client (click, pygments, rich.progress)
      in a ``try: ... except ImportError``; ``None`` in ``sys.modules`` makes that import fail,
      and httpx falls back to its stub ``httpx.main``. vonage-tui never runs httpx's CLI.
    """
    gc.disable()
    sys.modules.setdefault("httpx._main", None)


if __name__ == "__main__":
    sys.exit(main())
