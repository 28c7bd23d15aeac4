"""The Textual user interface. Nothing below ``vonage_tui.tui`` is imported by the other layers."""
