"""Snapshots of the users of an application, at 80×24 and a large terminal: the list (channels
read; also at 120×40 and 200×50, where its columns and page follow the terminal), the page with
the odd names, and the state with no private key."""

from __future__ import annotations

import pytest

from tests.tui_harness import HUGE, LARGE, MEDIUM, SMALL, make_app, seeded_store, settle
from vonage_tui.credentials.key_vault import MemoryKeyVault

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "large"])
LAYOUT_SIZES = pytest.mark.parametrize("size", [SMALL, MEDIUM, HUGE],
                                       ids=["80x24", "120x40", "200x50"])
ODD_USERS = 65
"""Users 65-69 are the odd ones: every channel kind, markup, a long name, CJK, an ESC."""


def store_and_keys():
    store = seeded_store(apps=6)  # application 1 has 250 users, the odd ones among them
    keys = {app_id: store.private_key_for(app_id) for app_id in store.applications}
    return store, keys


def open_users(*keys: str, to_user: int | None = None):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("down", "u")
        await settle(pilot)
        if to_user is not None:  # the page size follows the terminal: the page that holds it
            keys_to_press = ("n",) * ((to_user - 1) // pilot.app.screen.pages.page_size)
        else:
            keys_to_press = keys
        for key in keys_to_press:
            await pilot.press(key)
            await settle(pilot)
    return run_before


@LAYOUT_SIZES
def test_users_list(snap_compare, size):
    store, keys = store_and_keys()
    app = make_app(store, vault=MemoryKeyVault(keys))
    assert snap_compare(app, terminal_size=size, run_before=open_users())


@SIZES
def test_users_page_with_the_odd_names(snap_compare, size):
    store, keys = store_and_keys()
    app = make_app(store, vault=MemoryKeyVault(keys))
    assert snap_compare(app, terminal_size=size, run_before=open_users(to_user=ODD_USERS))


@SIZES
def test_users_without_a_key(snap_compare, size):
    store, _ = store_and_keys()
    app = make_app(store, vault=MemoryKeyVault())
    assert snap_compare(app, terminal_size=size, run_before=open_users())
