"""What start-up made is left out of full garbage collections while the app runs (a full
collection walks every tracked object with the event loop stopped), and handed back on exit."""

from __future__ import annotations

import gc

from .tui_harness import make_app, settle


async def test_start_up_objects_are_frozen_while_the_app_runs_and_thawed_after() -> None:
    assert gc.get_freeze_count() == 0
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Every screen, style and module the start made is out of the collector's walk.
        assert gc.get_freeze_count() > 10_000
    assert gc.get_freeze_count() == 0
