"""The users list's pure parts: the cursor trail and pages seen, channel summaries, the index."""

from __future__ import annotations

import pytest

from vonage_tui.models import User, UserPage
from vonage_tui.tui.user_index import UserIndex, channels_summary, with_exact
from vonage_tui.tui.users_paging import FIRST, UserPages


def page(names: list[str], next_cursor: str | None) -> UserPage:
    links = {"next": {"href": f"https://api-us-3.vonage.com/v1/users?cursor={next_cursor}"}} \
        if next_cursor else {}
    return UserPage.model_validate({"page_size": len(names), "_links": links,
                                    "_embedded": {"users": [{"id": n, "name": n} for n in names]}})


def test_next_follows_the_cursor_and_back_uses_the_trail():
    pages = UserPages(page_size=2)
    assert not pages.go_next()  # nothing read yet: no cursor to follow
    pages.arrived(FIRST, page(["a", "b"], "c2"))
    assert pages.go_next() and pages.cursor == "c2" and pages.current is None
    pages.arrived("c2", page(["c", "d"], None))
    assert [u.name for u in pages.users] == ["c", "d"] and not pages.has_next
    assert "page 2 · 2 per page · asc · last page" == pages.status()
    assert not pages.go_next()
    assert pages.go_previous() and [u.name for u in pages.users] == ["a", "b"]
    assert not pages.go_previous()


def test_forget_keeps_the_place_and_restart_goes_to_the_first_page():
    pages = UserPages(page_size=2)
    pages.arrived(FIRST, page(["a", "b"], "c2"))
    pages.go_next()
    pages.forget()
    assert pages.page_number == 2 and pages.cursor == "c2" and pages.current is None
    pages.restart(order="desc")
    assert pages.page_number == 1 and pages.seen == {} and pages.order == "desc"
    with pytest.raises(ValueError):
        pages.restart(page_size=101)


def test_channel_kinds_in_the_apis_order_with_short_names_and_unknown_kinds_kept():
    user = User.model_validate({"channels": {"websocket": [{"uri": "wss://x"}], "pstn": [{}],
                                             "sms": [], "carrier_pigeon": [{"coop": 1}]}})
    assert channels_summary(user) == "pstn ws carrier_pigeon"
    assert channels_summary(User.model_validate({"name": "x"})) == ""


def test_the_index_matches_every_word_and_puts_the_exact_answer_first():
    index = UserIndex()
    index.add([User.model_validate({"id": f"U{i}", "name": n, "display_name": d})
               for i, (n, d) in enumerate([("bob", "Bob Smith"), ("ann", "Ann Smith"),
                                           ("bobby", None)])])
    assert [u.name for u in index.search("smith")] == ["ann", "bob"]
    assert [u.name for u in index.search("bob smith")] == ["bob"]
    exact = index.search("bob")[0]
    assert [u.name for u in with_exact(index.search("bo"), exact)] == ["bob", "bobby"]
    index.refine([User.model_validate({"id": "U2", "name": "bobby", "channels": {"sip": [{}]}})])
    assert [u.name for u in index.search("sip")] == ["bobby"]
    index.refine([User.model_validate({"id": "U9", "name": "new"})])  # refine adds nothing
    index.discard("U0")
    assert len(index) == 2
