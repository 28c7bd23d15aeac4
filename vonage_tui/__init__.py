"""vonage-tui: manage Vonage Applications and Users from the terminal."""

__version__ = "0.1.0"
