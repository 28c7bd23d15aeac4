"""A Session for a real account, from flags and the environment."""

from __future__ import annotations

import argparse
import os
import sys

from .session import MemoryKeyVault, Session


def session_from_options(options: argparse.Namespace) -> Session:
    api_key = options.api_key or os.environ.get("VONAGE_API_KEY")
    api_secret = os.environ.get("VONAGE_API_SECRET")
    api_url = options.api_url or os.environ.get("VONAGE_API_URL") or "https://api.nexmo.com"
    if not api_key or not api_secret:
        sys.exit("No credentials: set VONAGE_API_KEY and VONAGE_API_SECRET, or try --demo.")
    return Session(
        client_options={"api_key": api_key, "api_secret": api_secret, "base_url": api_url},
        key_vault=MemoryKeyVault(),
        readonly=options.readonly,
    )
