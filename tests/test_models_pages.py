"""Pages expose only well-formed items, and keep every odd one in the document."""

from __future__ import annotations

from vonage_tui.models import Application, ApplicationPage, User, UserPage


def test_an_odd_item_does_not_spoil_the_page():
    doc = {"page": 1, "_embedded": {"applications": [{"id": "a", "name": "x"}, None, 7]}}
    page = ApplicationPage.from_document(doc)
    assert [type(app) for app in page.applications] == [Application]
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
