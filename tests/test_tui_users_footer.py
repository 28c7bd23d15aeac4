"""Paging the users list leaves the footer alone: which keys work depends on the key, not on
the rows, and rebuilding every key widget at each page stopped the event loop for ~0.1 s."""

from __future__ import annotations


from tests.tui_harness import SMALL, make_app, seeded_store, settle, wait_until
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.tui.screens.users import UsersScreen
from vonage_tui.tui.widgets.steady_footer import SteadyFooter


async def test_paging_users_keeps_the_footer_keys() -> None:
    store = seeded_store(apps=6)  # application 1 has 250 users
    app_id = list(store.applications)[1]
    app = make_app(store, vault=MemoryKeyVault({app_id: store.private_key_for(app_id)}))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.open_users(app_id)
        await wait_until(pilot, lambda: isinstance(app.screen, UsersScreen))
        await settle(pilot)
        screen = app.screen
        footer = screen.query_one(SteadyFooter)
        keys = footer.keys
        assert keys and any(key.description == "Create user" for key in keys)
        for page_key in ("n", "n", "p"):
            await pilot.press(page_key)
            await settle(pilot)
        assert screen.pages.page_number == 2
        assert footer.keys is keys  # the same plan: not planned again
