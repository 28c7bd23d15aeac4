"""The lists redraw only what changed (issue 11, responsiveness): a key typed in the `/` filter
reuses the table's rows, keys typed together share one search and the field keeps every
letter; users' channels arriving together are shown in one update of their own cells; and the
first Users API token is minted off the event loop with a key whose parts were checked."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable, Input

from tests.tui_harness import (SMALL, crowded_store, make_app, open_users, seeded_store, settle,
                               with_keys)
from vonage_tui.api.auth import JwtMinter
from vonage_tui.api.errors import MissingCredentialsError
from vonage_tui.keys import InvalidKeyError, generate_key_pair, load_signing_key
from vonage_tui.models import User
from vonage_tui.tui.screens.applications import MAX_FILTER_ROWS, ApplicationsScreen


def table_of(screen: Any, selector: str) -> DataTable[Any]:
    return screen.query_one(selector, DataTable)


async def test_a_key_typed_in_the_filter_reuses_the_rows_and_shows_the_new_matches():
    app = make_app(seeded_store(apps=40, users_per_app=0))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen)
        await pilot.press("slash")
        await settle(pilot)
        table = table_of(screen, "#applications-table")
        before = dict(table.rows)
        # A letter most (not all) names have: most rows stay, a few go.
        query = next(letter for letter in "aeiourstnl"
                     if len(before) / 2 < len(screen.index.search(letter)) < len(before))
        await pilot.press(query)
        await settle(pilot)
        expected = screen.index.search(query)[:MAX_FILTER_ROWS]
        assert list(screen.rows.values()) == expected
        assert [str(table.get_row_at(n)[0]) for n in range(table.row_count)] == \
            [str(a.name) for a in expected]
        # The rows left are the table's own, updated in place (not cleared and added again).
        assert all(table.rows[key] is before[key] for key in table.rows)
        assert table.cursor_row == 0


async def test_keys_typed_together_share_one_search_and_the_field_keeps_every_letter():
    app = make_app(seeded_store(apps=40, users_per_app=0))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen)
        await pilot.press("slash")
        await settle(pilot)
        searches: list[str] = []
        matches = screen.index.matches

        def counted(query: str, limit: int) -> Any:
            searches.append(query)
            return matches(query, limit)

        screen.index.matches = counted  # type: ignore[method-assign]
        field = screen.query_one("#filter-input", Input)
        for letter in "app":  # three keys before the screen could draw: one Changed each
            field.insert_text_at_cursor(letter)
        await settle(pilot)
        assert field.value == "app"
        assert searches == ["app"]
        assert list(screen.rows.values()) == screen.index.search("app")[:MAX_FILTER_ROWS]


async def test_esc_right_after_typing_leaves_the_page_not_a_late_filter():
    app = make_app(seeded_store(apps=40, users_per_app=0))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen)
        await pilot.press("slash")
        await settle(pilot)
        screen.query_one("#filter-input", Input).insert_text_at_cursor("zz")
        screen.action_clear_filter()  # before the rows followed the typed text
        await settle(pilot)
        assert screen.filter_text is None
        assert list(screen.rows.values()) == screen.page_applications


async def test_a_page_of_users_the_same_size_reuses_the_rows():
    store = crowded_store()
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        table = table_of(screen, "#users-table")
        before = dict(table.rows)
        await pilot.press("n")
        await settle(pilot)
        assert [str(u.name) for u in screen.rows.values()] == \
            [str(u.name) for u in screen.pages.users]
        assert [str(table.get_row_at(n)[0]) for n in range(table.row_count)] == \
            [str(u.name) for u in screen.pages.users]
        assert all(table.rows[key] is before[key] for key in table.rows)


async def test_channels_arriving_together_update_only_their_own_cells_in_one_go():
    store = crowded_store()
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        table = table_of(screen, "#users-table")
        keys = list(screen.rows)
        changed = {keys[0], keys[2]}
        cells_before = {key: table.get_cell(key, "channels") for key in keys}
        for key in changed:
            user = screen.rows[key]
            screen.details[str(user.id)] = User.model_validate(
                {"id": user.id, "name": user.name, "channels": {"mms": [{"number": "1"}]}})
            screen.channels_arrived(str(user.id))
        # Nothing drawn per arrival: both are shown together, after the next frame.
        assert all(table.get_cell(key, "channels") is cells_before[key] for key in keys)
        await pilot.pause()
        await pilot.pause()
        for key in keys:
            cell = table.get_cell(key, "channels")
            if key in changed:
                assert cell.plain == "mms"
            else:
                assert cell is cells_before[key]
        # `/` finds them by their new channel.
        assert {str(u.id) for u in screen.index.search("mms")} >= \
            {str(screen.rows[key].id) for key in changed}


def test_a_signing_key_whose_parts_do_not_fit_is_refused():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    good = load_signing_key(generate_key_pair().private_pem)
    numbers = good.private_numbers()
    broken = rsa.RSAPrivateNumbers(
        numbers.p, numbers.q, numbers.d, numbers.dmp1 ^ 2, numbers.dmq1, numbers.iqmp,
        numbers.public_numbers).private_key(unsafe_skip_rsa_key_validation=True)
    pem = broken.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption()).decode()
    with pytest.raises(InvalidKeyError):
        load_signing_key(pem)
    with pytest.raises(MissingCredentialsError):
        JwtMinter("app-1", pem).token()


def test_a_token_is_signed_by_the_key_and_verifies():
    import jwt

    pair = generate_key_pair()
    token = JwtMinter("app-1", pair.private_pem).token()
    claims = jwt.decode(token, pair.public_pem, algorithms=["RS256"])
    assert claims["application_id"] == "app-1"


async def test_the_users_screen_has_its_first_token_before_its_first_request():
    store = crowded_store()
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        assert screen.client is not None
        assert screen.client._minter is not None and screen.client._minter._token is not None


async def test_a_complete_index_is_left_out_of_full_garbage_collections():
    import gc

    app = make_app(seeded_store(apps=40, users_per_app=0))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ApplicationsScreen) and screen.index.complete
        entry = screen.index.entries[-1]
        assert gc.is_tracked(entry)
        assert not any(tracked is entry for tracked in gc.get_objects())  # frozen


def test_batches_added_after_a_search_keep_the_index_sorted_by_name():
    from vonage_tui.models import ApplicationSummary
    from vonage_tui.tui.search_index import ApplicationIndex

    index = ApplicationIndex()
    names = ["m", "b", "z", "a", "k", "b", "c", "y", "d"]
    for start in range(0, len(names), 3):
        index.add([ApplicationSummary.from_document({"id": f"id-{start + n}", "name": name})
                   for n, name in enumerate(names[start:start + 3])])
        index.search("")  # sorted now: the next batch is merged in
    assert [(str(a.name), str(a.id)) for a in index.search("")] == \
        sorted((name, f"id-{n}") for n, name in enumerate(names))


def test_a_query_typed_further_while_batches_arrive_finds_what_a_fresh_search_finds():
    from vonage_tui.models import ApplicationSummary
    from vonage_tui.tui.search_index import ApplicationIndex

    names = [f"{word} {n}" for n in range(40) for word in ("support line", "sales", "support")]
    growing, fresh = ApplicationIndex(), ApplicationIndex()
    queries = ["s", "su", "sup", "support", "support l", "support li", "support line 1"]
    for batch, query in enumerate(queries):
        documents = [{"id": f"id-{batch}-{n}", "name": name}
                     for n, name in enumerate(names[batch * 15:(batch + 1) * 15])]
        growing.add([ApplicationSummary.from_document(d) for d in documents])
        fresh.add([ApplicationSummary.from_document(d) for d in documents])
        # The growing index narrows what it found for the query before; the fresh one is
        # searched from scratch (a new index each time has no earlier query).
        assert growing.search(query) == ApplicationIndex(list(fresh.entries)).search(query)
