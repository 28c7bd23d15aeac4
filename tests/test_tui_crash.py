"""A crash report never prints local variables, where secrets live."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tests.tui_harness import make_app, seeded_store

SECRET = "crash-secret-value-0042"


async def test_crash_report_has_no_locals():
    app = make_app(seeded_store(apps=1))

    def explode() -> None:
        api_secret = SECRET  # noqa: F841 — a local that Textual's default report would print
        raise RuntimeError("boom")

    captured: list = []
    fatal_error = app._fatal_error

    def keep_report() -> None:
        fatal_error()
        captured.extend(app._exit_renderables)  # printed and cleared at exit

    app._fatal_error = keep_report
    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test(size=(80, 24)) as pilot:
            app.call_later(explode)
            await pilot.pause()
    console = Console(file=io.StringIO(), width=120, record=True)
    for renderable in captured:
        console.print(renderable)
    report = console.export_text()
    assert "RuntimeError" in report and "boom" in report
    assert SECRET not in report


async def test_crash_report_shows_control_characters_visibly():
    app = make_app(seeded_store(apps=1))

    def explode() -> None:
        raise RuntimeError("server said \x1b]52;c;aGk=\x07\x1b[2J")

    captured: list = []
    fatal_error = app._fatal_error

    def keep_report() -> None:
        fatal_error()
        captured.extend(app._exit_renderables)

    app._fatal_error = keep_report
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            app.call_later(explode)
            await pilot.pause()
    out = io.StringIO()
    console = Console(file=out, width=120, force_terminal=True, color_system=None)
    for renderable in captured:
        console.print(renderable)
    report = out.getvalue()
    assert "server said ␛]52;c;aGk=" in report and "␛[2J" in report  # Rich drops the BEL
    assert "\x07" not in report and "\x1b]" not in report and "\x1b[2J" not in report
