"""Entry point: ``vonage-tui`` and ``python -m vonage_tui``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # The emulator has its own options; hand them over untouched.
    if args[:1] == ["demo-server"]:
        from .emulator.cli import main as demo_server_main

        return demo_server_main(args[1:])

    from .cli import build_parser

    options = build_parser().parse_args(args)
    # Textual is imported only now, so `--help`, `--version` and `demo-server` start fast.
    from .tui.startup.launch import run_tui

    return run_tui(options)


if __name__ == "__main__":
    sys.exit(main())
