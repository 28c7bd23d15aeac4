"""The footer of a list's `/` filter field shows the keys that work there (issue 10): `/` types a
slash in the field, so `/ Filter` is not offered; `ctrl+u` clears the filter as it clears any
field."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui_harness import SMALL, make_app, seeded_store, settle, shown_bindings, wait_until
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.tui.screens.private_keys import PrivateKeysScreen
from vonage_tui.tui.screens.users import UsersScreen


@pytest.mark.parametrize("screen_key", ["", "K", "u"])
async def test_the_filter_field_offers_its_own_keys_not_slash(screen_key: str) -> None:
    store = seeded_store(apps=5)
    vault = MemoryKeyVault({app_id: store.private_key_for(app_id) for app_id in store.applications})
    app = make_app(store, vault=vault)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        if screen_key:
            await pilot.press(screen_key)
            kind = PrivateKeysScreen if screen_key == "K" else UsersScreen
            await wait_until(pilot, lambda: isinstance(app.screen, kind))
            await settle(pilot)
        assert shown_bindings(app.screen).get("slash") == "Filter"  # on the list, it filters
        await pilot.press("slash", "a", "slash")
        await settle(pilot)
        field = app.focused
        assert isinstance(field, Input) and field.value == "a/"
        shown = shown_bindings(app.screen)
        assert "slash" not in shown and shown.get("ctrl+u") == "Clear"
        await pilot.press("ctrl+u")
        assert field.value == ""
