"""Command-line arguments. Kept apart from ``__main__`` so tests can parse without starting anything."""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    import argparse

TIMEOUT_ENV = "VONAGE_TUI_TIMEOUT"

DESCRIPTION = (
    "Manage Vonage Applications and Users from the terminal. "
    "Run `vonage-tui --demo` to try it against a local emulator, no account needed."
)

EPILOG = """\
commands:
  demo-server    serve the local Vonage API emulator (see `vonage-tui demo-server --help`)

environment (overrides the profile's stored values; never written anywhere):
  VONAGE_API_KEY, VONAGE_API_SECRET, VONAGE_API_URL,
  VONAGE_APPLICATION_ID, VONAGE_PRIVATE_KEY (PEM text), VONAGE_PRIVATE_KEY_PATH,
  VONAGE_TUI_KEYRING_PASSPHRASE (unlocks the encrypted-file keyring for unattended runs),
  VONAGE_TUI_TIMEOUT (seconds an API call may take in all, like --timeout)
"""


NO_ARGUMENTS = {"demo": False, "profile": None, "api_key": None, "api_url": None,
                "readonly": False, "timeout": None}
"""What ``build_parser`` makes of no arguments and no VONAGE_TUI_TIMEOUT (a test checks it)."""


def parse_options(args: list[str]) -> argparse.Namespace | SimpleNamespace:
    """The options of ``vonage-tui ARGS``. The usual start, with no arguments, gets them without
    importing argparse and gettext (~1.3 ms of every start); anything else goes to the parser,
    which checks it and answers ``--help``."""
    if not args and not os.environ.get(TIMEOUT_ENV):
        return SimpleNamespace(**NO_ARGUMENTS)
    return build_parser().parse_args(args)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="vonage-tui",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"vonage-tui {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start a local emulator with sample data and connect to it "
        "(your keyring and config are not touched)",
    )
    parser.add_argument("--profile", metavar="NAME", help="use this saved profile (account)")
    parser.add_argument("--api-key", metavar="KEY", help="API key (overrides env and profile)")
    parser.add_argument("--api-url", metavar="URL", help="API base URL, e.g. https://api.nexmo.com")
    parser.add_argument(
        "--readonly", action="store_true", help="hide every action that changes anything"
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_seconds,
        # A string default goes through ``type`` too: a bad value in the env is reported.
        default=os.environ.get(TIMEOUT_ENV) or None,
        help=f"give up on an API call after this long in all, retries included "
        f"(default: 30; env {TIMEOUT_ENV})",
    )
    return parser


def _seconds(text: str) -> float:
    import argparse  # loaded already: only the parser calls this

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 3600 seconds")
    return value
