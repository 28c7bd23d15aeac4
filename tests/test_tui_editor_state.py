"""The application editor's pure parts: outline, strict parsing, edits, problems, 400 mapping,
the save's rules about the public key, the status line."""

from __future__ import annotations

import json

import pytest

from vonage_tui.api import ValidationError
from vonage_tui.emulator import key_pool
from vonage_tui.models import APPLICATION_RULES, VIDEO_WEBHOOK_NAMES, rule_for
from vonage_tui.models.documents import Change, diff_documents
from vonage_tui.models.errors import InvalidParameter
from vonage_tui.tui.editing.outline import (
    OutlineNode,
    build_outline,
    container_of,
    is_removable,
    known_fields,
    panel_fields,
    panel_view,
)
from vonage_tui.tui.editing.save_flow import (
    conflict_note,
    keeps_remote_key,
    preview_note,
    rejected_parameters,
    shown_changes,
)
from vonage_tui.tui.editing.state import EditorState, path_from_name, problem_paths
from vonage_tui.tui.editing.status import status_line
from vonage_tui.tui.editing.values import UNSET, parse_text, public_key_reason

ANSWER = ("capabilities", "voice", "webhooks", "answer_url")


def document() -> dict:
    return {
        "id": "app-1",
        "name": "Demo",
        "x_top": {"kept": [1, 2]},
        "capabilities": {
            "voice": {
                "webhooks": {
                    "answer_url": {"address": "https://a.example/answer", "http_method": "GET",
                                   "connect_timeout": 500, "x_hook": "kept"},
                    "event_url": {"address": "https://a.example/event", "http_method": "POST"},
                },
                "signed_callbacks": True,
                "payments": {"gateways": [{"type": "Stripe"}]},
            },
            "video": {"webhooks": {"archive_status": {"address": "https://v", "active": True}}},
            "future_product": {"enabled": True},
        },
        "_links": {"self": {"href": "/v2/applications/app-1"}},
    }


def test_outline_shows_known_parts_absent_ones_and_unknown_fields() -> None:
    outline = build_outline(document())
    kinds = {node.path: node.kind for node in outline.walk()}
    assert ("id",) not in kinds and ("_links",) not in kinds
    assert kinds[("name",)] == "field"
    assert kinds[("x_top",)] == "unknown"
    assert kinds[("privacy",)] == "absent"
    assert kinds[(*ANSWER, "connect_timeout")] == "field"
    assert kinds[(*ANSWER, "x_hook")] == "unknown"
    assert kinds[("capabilities", "voice", "payments")] == "unknown"
    assert kinds[("capabilities", "voice", "webhooks", "fallback_answer_url")] == "absent"
    assert kinds[("capabilities", "future_product")] == "unknown"
    video_hooks = [p[-1] for p, k in kinds.items()
                   if p[:3] == ("capabilities", "video", "webhooks") and len(p) == 4]
    assert sorted(video_hooks) == sorted(VIDEO_WEBHOOK_NAMES)
    assert kinds[("capabilities", "video", "storage")] == "absent"


def test_outline_keeps_the_documents_key_order() -> None:
    voice = build_outline(document()).children[2].children[0]
    assert [node.key for node in voice.children] == ["webhooks", "signed_callbacks", "payments"]


def test_panel_lists_present_fields_in_order_then_known_absent_ones() -> None:
    specs = panel_fields(document(), ANSWER)
    assert [spec.key for spec in specs] == [
        "address", "http_method", "connect_timeout", "x_hook", "socket_timeout"]
    assert [spec.editable for spec in specs] == [True, True, True, False, True]
    voice = [spec.key for spec in panel_fields(document(), ("capabilities", "voice"))]
    assert voice == ["signed_callbacks", "payments", "conversations_ttl",
                     "leg_persistence_time", "region"]
    assert known_fields(("capabilities", "video", "storage")) == [
        "server_side_encryption", "end_to_end_encryption", "cloud_storage"]
    assert container_of(document(), (*ANSWER, "address")) == ANSWER
    assert container_of(document(), ANSWER) == ANSWER


@pytest.mark.parametrize("text, value, reason", [
    ("500", 500, None),
    ("1000", 1000, None),
    ("299", None, "must be between 300 and 1000 ms"),
    ("1001", None, "must be between 300 and 1000 ms"),
    (" 500", None, "must be a whole number"),
    ("5e2", None, "must be a whole number"),
    ("1_000", None, "must be a whole number"),
    ("٥٠٠", None, "must be a whole number"),
    ("500.0", None, "must be a whole number"),
    ("", UNSET, None),
])
def test_integers_are_parsed_strictly(text: str, value: object, reason: str | None) -> None:
    rule = rule_for(APPLICATION_RULES, (*ANSWER, "connect_timeout"))
    assert rule is not None
    assert parse_text(rule, text) == (value, reason)


def test_urls_are_checked() -> None:
    rule = rule_for(APPLICATION_RULES, (*ANSWER, "address"))
    assert rule is not None
    assert parse_text(rule, "https://ok.example/x") == ("https://ok.example/x", None)
    assert parse_text(rule, "ftp://no")[1] == "must be an absolute http:// or https:// URL"
    assert parse_text(rule, "")[1] == "is required"


@pytest.mark.parametrize("path", [
    ("capabilities", "network_apis", "redirect_uri"),  # an optional URL
    ("capabilities", "messages", "version"),  # optional text
    ("capabilities", "network_apis", "network_application_id"),
    ("keys", "public_key"),  # left out of a PUT, Vonage keeps the current key
])
@pytest.mark.parametrize("text", ["", "   "])
def test_clearing_an_optional_field_means_not_set(path: tuple, text: str) -> None:
    rule = rule_for(APPLICATION_RULES, path)
    assert rule is not None and not rule.required
    assert parse_text(rule, text) == (UNSET, None)


def test_clearing_a_required_field_is_refused() -> None:
    for path in [("name",), (*ANSWER, "address")]:
        rule = rule_for(APPLICATION_RULES, path)
        assert rule is not None and rule.required
        assert parse_text(rule, "") == (None, "is required")


def test_a_new_capability_leaves_its_optional_text_unset() -> None:
    state = EditorState.loaded(document())
    state.add(("capabilities", "network_apis"))
    assert state.working["capabilities"]["network_apis"] == {}  # not {"redirect_uri": ""}
    assert state.invalid() == {}
    state.add(("capabilities", "messages"))
    assert state.working["capabilities"]["messages"]["version"] == "v1"  # not empty: kept
    assert state.working["capabilities"]["messages"]["webhooks"]["inbound_url"]["address"] == ""


def test_edits_keep_unknown_fields_and_key_order() -> None:
    state = EditorState.loaded(document())
    assert state.set_value((*ANSWER, "connect_timeout"), 700)
    assert not state.set_value((*ANSWER, "connect_timeout"), 700)  # the same value is no edit
    assert [c.path for c in state.changes()] == [(*ANSWER, "connect_timeout")]
    # Cleared, then typed again: back in its place, not at the end.
    state.set_value((*ANSWER, "connect_timeout"), UNSET)
    state.set_value((*ANSWER, "connect_timeout"), 800)
    expected = document()
    expected["capabilities"]["voice"]["webhooks"]["answer_url"]["connect_timeout"] = 800
    assert json.dumps(state.working) == json.dumps(expected)


def test_rejected_text_is_not_applied_and_blocks_saving() -> None:
    state = EditorState.loaded(document())
    state.set_value((*ANSWER, "connect_timeout"), 700)
    state.reject((*ANSWER, "connect_timeout"), "7000", "must be between 300 and 1000 ms")
    assert state.working["capabilities"]["voice"]["webhooks"]["answer_url"]["connect_timeout"] == 700
    assert state.invalid() == {(*ANSWER, "connect_timeout"): "must be between 300 and 1000 ms"}
    assert "capabilities.voice.webhooks.answer_url.connect_timeout" in state.invalid_summary()
    state.set_value((*ANSWER, "connect_timeout"), 900)
    assert state.invalid() == {}


def test_added_capability_is_invalid_until_its_addresses_are_filled() -> None:
    state = EditorState.loaded(document())
    state.add(("capabilities", "rtc"))
    assert state.invalid() == {
        ("capabilities", "rtc", "webhooks", "event_url", "address"): "is required"}
    state.set_value(("capabilities", "rtc", "webhooks", "event_url", "address"), "https://r.example")
    assert state.invalid() == {}
    assert "rtc" not in state.missing_capabilities()
    state.remove(("capabilities", "rtc"))
    assert state.changes() == []


def test_adding_an_absent_webhook_and_storage_uses_templates() -> None:
    state = EditorState.loaded(document())
    state.add(("capabilities", "voice", "webhooks", "fallback_answer_url"))
    assert state.working["capabilities"]["voice"]["webhooks"]["fallback_answer_url"] == {
        "address": "", "http_method": "GET", "connect_timeout": 1000, "socket_timeout": 5000}
    state.add(("capabilities", "video", "storage"))
    assert state.working["capabilities"]["video"]["storage"]["cloud_storage"] is False


def test_what_can_be_removed() -> None:
    doc = document()
    assert is_removable(doc, ("capabilities", "voice"))
    assert is_removable(doc, ANSWER)
    assert not is_removable(doc, ("name",))
    assert not is_removable(doc, (*ANSWER, "address"))
    assert not is_removable(doc, ("capabilities", "rtc"))  # not there


def test_server_error_names_map_back_to_paths() -> None:
    assert path_from_name("capabilities.voice.webhooks.answer_url.connect_timeout") == (
        *ANSWER, "connect_timeout")
    assert path_from_name("channels.sip[0].uri") == ("channels", "sip", 0, "uri")
    assert path_from_name("body.name") == ("name",)
    state = EditorState.loaded(document())
    state.record_server_errors([("capabilities.voice.webhooks.answer_url.address", "unreachable"),
                                ("capabilities.nothing.here", "odd")])
    placed = problem_paths(state.problems(), state.working)
    assert placed[(*ANSWER, "address")] == "unreachable"
    assert placed[("capabilities",)] == "odd"  # lands on the nearest node that exists
    state.set_value((*ANSWER, "address"), "https://b.example")
    assert (*ANSWER, "address") not in state.server_errors


def test_problems_stop_at_a_field_the_editors_kind_knows() -> None:
    # One placing rule for both editors: each passes what its kind of document may hold.
    def known(path: tuple) -> list[str]:
        return ["custom_data"] if path == ("properties",) else []

    problems = {("properties", "custom_data"): "bad", ("properties", "nope", "x"): "gone"}
    placed = problem_paths(problems, {"properties": {}}, known)
    assert placed == {("properties", "custom_data"): "bad", ("properties",): "gone"}


def test_saved_response_becomes_the_base() -> None:
    state = EditorState.loaded(document())
    state.set_value(("name",), "Renamed")
    sent = dict(state.working)
    response = {**sent, "id": "app-1"}
    state.saved(sent, response)
    assert state.base == response and state.working == response and not state.dirty


# -- the save's rules and the key ------------------------------------------------------------

KEY_A = key_pool()[0].public_pem
KEY_B = key_pool()[1].public_pem


def keyed(key: str) -> dict:
    return {**document(), "keys": {"public_key": key}}


def test_the_preview_warns_when_the_public_key_changes() -> None:
    assert preview_note(keyed(KEY_A), keyed(KEY_A)) == ""
    note = preview_note(keyed(KEY_A), keyed(KEY_B))
    assert "private key stored for this application will no longer match" in note
    assert "rotate it with ctrl+r" in note
    assert "keeps the current one" in preview_note(keyed(KEY_A), {**document(), "keys": {}})


def test_a_key_rotated_on_the_server_is_kept_unless_the_user_changed_the_key() -> None:
    base = keyed(KEY_A)
    remote = keyed(KEY_B)
    assert keeps_remote_key(base, keyed(KEY_A), remote)
    assert "Overwrite keeps the new key" in conflict_note(base, keyed(KEY_A), remote)
    assert not keeps_remote_key(base, keyed(KEY_A), keyed(KEY_A))  # no change on the server
    assert conflict_note(base, keyed(KEY_A), keyed(KEY_A)) == ""
    # The user replaced the key on purpose: Overwrite means theirs.
    assert not keeps_remote_key(base, {**document(), "keys": {"public_key": "mine"}}, remote)


def test_adopting_a_rotated_key_keeps_the_other_edits() -> None:
    state = EditorState.loaded(keyed(KEY_A))
    state.set_value(("name",), "Edited")
    state.reject(("keys", "public_key"), "junk", "is not a PEM key")
    state.adopt_public_key(KEY_B)
    assert state.base["keys"]["public_key"] == KEY_B == state.working["keys"]["public_key"]
    assert [change.path for change in state.changes()] == [("name",)]
    assert state.invalid() == {}


def test_dialogs_show_a_public_key_as_its_fingerprint() -> None:
    changes = diff_documents(keyed(KEY_A), {**keyed(KEY_B), "name": "Other"})
    shown = shown_changes(changes)
    key_change = next(change for change in shown if change.path == ("keys", "public_key"))
    assert key_change.old.startswith("RSA-2048 public key, SHA-256 ")
    assert key_change.old != key_change.new
    assert next(change for change in shown if change.path == ("name",)).new == "Other"
    assert shown_changes([Change(("keys", "public_key"), "changed", "x", "not a key")])[0].new == \
        "not a key"  # what cannot be parsed is shown as it is


def test_a_400s_parameters_become_name_reason_pairs() -> None:
    error = ValidationError("rejected", status=400, invalid_parameters=[
        InvalidParameter(name="capabilities.voice.region", reason="not enabled"),
        InvalidParameter(name="name", reason=None),
    ])
    assert rejected_parameters(error) == [("capabilities.voice.region", "not enabled"),
                                          ("name", "was rejected")]


def test_status_line_counts_in_words() -> None:
    state = EditorState.loaded(document())
    assert status_line(state, readonly=False).plain == "No unsaved changes"
    state.set_value(("name",), "A")
    state.reject((*ANSWER, "connect_timeout"), "1", "must be between 300 and 1000 ms")
    assert status_line(state, readonly=False, note="Loading…").plain == (
        "1 unsaved change · 1 invalid · Loading…")
    # "Saved" beside unsaved changes would say both (issue 10): it goes once anything is.
    assert status_line(state, readonly=False, note="Saved").plain == (
        "1 unsaved change · 1 invalid")
    assert status_line(None, readonly=True, note="Loading…").plain == "Loading…"


def test_panel_view_for_fields_objects_and_what_is_not_set() -> None:
    doc = document()
    field = panel_view(doc, OutlineNode((*ANSWER, "address"), "field"), readonly=False)
    assert field.path == ANSWER and field.highlight == (*ANSWER, "address")
    assert (*ANSWER, "address") in [spec.path for spec in field.fields]
    absent = OutlineNode(("capabilities", "video", "storage"), "absent")
    assert "Press a" in panel_view(doc, absent, readonly=False).message
    assert panel_view(doc, absent, readonly=True).message == "Not set."


def test_a_public_key_must_be_exactly_one_pem_block() -> None:
    pem = key_pool()[0].public_pem
    assert public_key_reason(pem) is None
    assert public_key_reason("\n" + pem + "\n") is None
    assert public_key_reason("junk") == "is not a PEM public key"
    # The PEM parser would take these; Vonage would be sent the stray text.
    assert "nothing around it" in public_key_reason("x" + pem)
    assert "nothing around it" in public_key_reason(pem + "trailing words")
    assert "nothing around it" in public_key_reason(pem + pem)
