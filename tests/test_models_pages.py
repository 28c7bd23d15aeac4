"""Pages expose only well-formed items, and keep every odd one in the document."""

from __future__ import annotations

from vonage_tui.models import Application, ApplicationPage, ApplicationSummary, User, UserPage


def test_an_odd_item_does_not_spoil_the_page():
    doc = {"page": 1, "_embedded": {"applications": [{"id": "a", "name": "x"}, None, 7]}}
    page = ApplicationPage.from_document(doc)
    assert page.applications == [ApplicationSummary("a", "x")]
    assert page.to_document() == doc


def test_an_odd_user_does_not_spoil_the_page():
    doc = {"_embedded": {"users": [None, {"id": "USR-1", "name": "n"}]}, "_links": {}}
    page = UserPage.from_document(doc)
    assert [type(user) for user in page.users] == [User]
    assert page.to_document() == doc


def test_a_returned_private_key_is_not_in_the_repr():
    from vonage_tui.credentials.key_vault import MemoryKeyVault

    pem = "-----BEGIN PRIVATE KEY-----\nsecretbits\n-----END PRIVATE KEY-----\n"
    app = Application.from_document({"id": "a", "keys": {"public_key": "pub", "private_key": pem}})
    assert "secretbits" not in repr(app) and "secretbits" not in str(app)
    assert app.to_document()["keys"]["private_key"] == pem
    assert "secretbits" not in repr(MemoryKeyVault({"a": pem}))


def page_of(count: int, **fields) -> ApplicationPage:
    apps = [{"id": f"app-{i}", "name": "x"} for i in range(count)]
    return ApplicationPage.from_document({**fields, "_embedded": {"applications": apps}})


def test_a_page_count_never_exceeds_what_total_items_fills():
    lying = page_of(100, page=1, page_size=100, total_items=250, total_pages=100_000)
    assert lying.page_count == 3
    assert lying.total_pages == 100_000  # the document itself is kept as sent
    assert page_of(100, page=1, page_size=100, total_items=250).page_count == 3
    assert page_of(100, page=1, page_size=100, total_items=250, total_pages=2).page_count == 2


def test_a_short_or_empty_page_is_the_last_whatever_it_claims():
    assert page_of(7, page=4, page_size=10, total_items=10**9, total_pages=10**8).page_count == 4
    assert page_of(0, page=5, page_size=10, total_items=10**9, total_pages=10**8).page_count == 4
    short = page_of(7, page=4, page_size=10, total_items=10**9, total_pages=10**8)
    assert short.item_count == 40  # not a billion


def test_odd_or_missing_counts_give_a_sane_page_count():
    assert page_of(0, page=1, page_size=10, total_items=0, total_pages=0).page_count == 0
    assert page_of(3).page_count == 0  # nothing said: no further pages assumed
    assert page_of(10, page=1, page_size=10, total_items=-5, total_pages=-1).page_count == 0
    assert page_of(10, page=1, page_size=10, total_items=True, total_pages="9").page_count == 0
    assert page_of(10, page=1, page_size=0, total_items=50, total_pages=5).page_count == 5
