"""An exception nobody caught in a screen's worker is said, and a keyring failure costs only
the Key column."""

from __future__ import annotations

from textual import work

from tests.tui_harness import make_app, seeded_store, settle
from vonage_tui.credentials import BackendError
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.credentials.key_vault import MemoryKeyVault


class BrokenVault(MemoryKeyVault):
    """Fails as a real vault does: the store's failure wrapped in the credentials layer's error."""

    async def stored_ids(self) -> set[str]:
        raise BackendError("the keyring daemon went away")


async def test_list_still_shows_when_the_key_store_fails():
    app = make_app(seeded_store(apps=4), vault=BrokenVault())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(app.screen.rows) == 4
        assert any(n.title == "Key column unknown" for n in app._notifications)


async def test_uncaught_error_in_a_screen_worker_is_notified():
    class Failing(ApplicationsScreen):
        def on_mount(self) -> None:
            super().on_mount()
            self.explode()

        @work(exit_on_error=False)
        async def explode(self) -> None:
            raise LookupError("nobody caught this")

    app = make_app(seeded_store(apps=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(Failing())
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert "LookupError: nobody caught this" in messages
