"""Driving the create-application form through Pilot: opening it and filling it in."""

from __future__ import annotations

from textual.widgets import Input, RadioButton, SelectionList

from tests.tui_harness import wait_until
from vonage_tui.tui.screens.create_application import CreateApplicationScreen


async def open_form(pilot, results: list) -> CreateApplicationScreen:
    """Push the form; what it is dismissed with is appended to ``results``."""
    screen = CreateApplicationScreen()
    await pilot.app.push_screen(screen, results.append)
    await wait_until(pilot, lambda: pilot.app.screen is screen)
    return screen


def fill(screen, name: str = "", capabilities=(), base_url: str = "", source: str = "key-local",
         key_file: str = "") -> None:
    screen.query_one("#create-name", Input).value = name
    selection = screen.query_one("#create-capabilities", SelectionList)
    for capability in capabilities:
        selection.select(capability)
    screen.query_one("#create-base-url", Input).value = base_url
    screen.query_one(f"#{source}", RadioButton).value = True
    screen.query_one("#create-key-file", Input).value = key_file
