"""The light summaries the list and the `/` index read show exactly what the lossless model
would: the same id, name and capabilities, whatever odd values the server sent."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.document_shapes import APPLICATION, APPLICATION_PAGE, document
from vonage_tui.keys import generate_key_pair
from vonage_tui.models import Application, ApplicationPage, ApplicationSummary
from vonage_tui.operations.lost_answers import carries_public_key


def as_the_model_sees_it(doc: dict[str, Any]) -> tuple[Any, Any, list[str], Any]:
    application = Application.from_document(doc)
    keys = application.keys
    public_key = getattr(keys, "public_key", None)
    return (application.id, application.name, application.capability_names(),
            public_key if isinstance(public_key, str) else None)


def as_the_summary_sees_it(doc: dict[str, Any]) -> tuple[Any, Any, list[str], Any]:
    summary = ApplicationSummary.from_document(doc)
    return summary.id, summary.name, summary.capability_names(), summary.public_key


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(APPLICATION))
def test_a_summary_says_what_the_lossless_model_says(doc):
    assert as_the_summary_sees_it(doc) == as_the_model_sees_it(doc)
    # Made from the model (after a write), it is the same summary.
    assert ApplicationSummary.from_application(Application.from_document(doc)) == \
        ApplicationSummary.from_document(doc)


@pytest.mark.parametrize("doc", [
    {"id": 12345, "name": "Number id"},
    {"name": "Nameless id"},
    {"id": None, "name": None},
    {"id": True, "name": ["not", "text"]},
    {"id": "e", "name": "\x1b]52;c;aGk=\x07 evil\x1b[2J"},
    {"id": "c", "capabilities": ["voice"]},
    {"id": "c", "capabilities": "voice"},
    {"id": "c", "capabilities": {"future": {}, "video": None, "voice": 5, "rtc": {}}},
    {"id": "k", "keys": {"public_key": 7}},
    {"id": "k", "keys": "pem"},
])
def test_hostile_entries_read_as_the_model_reads_them(doc):
    assert as_the_summary_sees_it(doc) == as_the_model_sees_it(doc)


def test_capabilities_in_the_spec_order_then_unknown_ones_in_the_server_order():
    doc = {"capabilities": {"zeta": {}, "video": {}, "voice": {}, "alpha": 1}}
    assert ApplicationSummary.from_document(doc).capability_names() == [
        "voice", "video", "zeta", "alpha"]


def test_a_summary_is_read_only():
    summary = ApplicationSummary.from_document({"id": "a", "name": "x"})
    with pytest.raises(AttributeError):
        summary.name = "changed"  # type: ignore[misc]


def test_a_summary_finds_the_application_a_public_key_belongs_to():
    key_pair = generate_key_pair()
    doc = {"id": "a", "keys": {"public_key": key_pair.public_pem}}
    assert carries_public_key(ApplicationSummary.from_document(doc), key_pair.public_pem)
    assert not carries_public_key(ApplicationSummary.from_document({"id": "a"}),
                                  key_pair.public_pem)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(APPLICATION_PAGE))
def test_a_page_lists_every_object_entry_and_gives_back_what_was_sent(doc):
    page = ApplicationPage.from_document(doc)
    embedded = doc.get("_embedded")
    entries = embedded.get("applications") if isinstance(embedded, dict) else None
    objects = [item for item in entries if isinstance(item, dict)] \
        if isinstance(entries, list) else []
    assert page.applications == [ApplicationSummary.from_document(item) for item in objects]
    assert page.to_document() == doc
    page.to_document().clear()  # a copy: the page keeps its own
    assert page.to_document() == doc
