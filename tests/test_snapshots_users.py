"""Snapshots of the users of an application, at 80×24 and a large terminal: the list (channels
read), a filter reaching the odd names, and the state with no private key."""

from __future__ import annotations

import pytest

from tests.tui_harness import LARGE, SMALL, make_app, seeded_store, settle
from vonage_tui.credentials.key_vault import MemoryKeyVault

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "large"])


def store_and_keys():
    store = seeded_store(apps=6)  # application 1 has 250 users, the odd ones among them
    keys = {app_id: store.private_key_for(app_id) for app_id in store.applications}
    return store, keys


def open_users(*keys: str):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("down", "u")
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
    return run_before


@SIZES
def test_users_list(snap_compare, size):
    store, keys = store_and_keys()
    app = make_app(store, vault=MemoryKeyVault(keys))
    assert snap_compare(app, terminal_size=size, run_before=open_users())


@SIZES
def test_users_page_4_with_the_odd_names(snap_compare, size):
    store, keys = store_and_keys()
    app = make_app(store, vault=MemoryKeyVault(keys))
    # Users 65-69 are the odd ones: every channel kind, markup, a long name, CJK, an ESC.
    assert snap_compare(app, terminal_size=size, run_before=open_users("n", "n", "n"))


@SIZES
def test_users_without_a_key(snap_compare, size):
    store, _ = store_and_keys()
    app = make_app(store, vault=MemoryKeyVault())
    assert snap_compare(app, terminal_size=size, run_before=open_users())
