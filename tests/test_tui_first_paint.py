"""What start-up does before the first rows are on screen: nothing a user can wait for.

The applications list shows its rows as soon as the page arrives; the Key column (a keyring
read that can take longer than the page) fills in after.
"""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable

from tests.tui_harness import make_app, seeded_store, settle, wait_until
from vonage_tui.credentials.key_vault import MemoryKeyVault


class SlowVault(MemoryKeyVault):
    """A key store that answers ``stored_ids`` only when the test lets it (a keyring waking)."""

    def __init__(self, keys: dict[str, str]) -> None:
        super().__init__(keys)
        self.answer = asyncio.Event()

    async def stored_ids(self) -> set[str]:
        await self.answer.wait()
        return await super().stored_ids()


def key_marks(app) -> dict[str, str]:
    table = app.screen.query_one("#applications-table", DataTable)
    return {str(app.screen.rows[row.key.value].id): str(table.get_row(row.key)[3])
            for row in table.ordered_rows}


async def test_rows_show_before_the_key_store_answers_then_the_key_column_fills():
    store = seeded_store(apps=3)
    with_key = next(iter(store.applications))
    vault = SlowVault({with_key: "pem"})
    app = make_app(store, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(getattr(app.screen, "rows", None)), "the rows")
        assert set(key_marks(app)) == set(store.applications)
        assert set(key_marks(app).values()) == {""}  # the store has not answered yet
        vault.answer.set()
        await settle(pilot)
        assert key_marks(app)[with_key] == "✓"
