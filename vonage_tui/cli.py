"""Command-line arguments. Kept apart from ``__main__`` so tests can parse without starting anything."""

from __future__ import annotations

import argparse

from . import __version__

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
  VONAGE_TUI_KEYRING_PASSPHRASE (unlocks the encrypted-file keyring for unattended runs)
"""


def build_parser() -> argparse.ArgumentParser:
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
    return parser
