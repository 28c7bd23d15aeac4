"""Form fields fuzzed: whatever is typed, the answer is a value the rule accepts or a clear
reason, never an exception; nothing unacceptable gets through to a request."""

from __future__ import annotations

import string
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vonage_tui.models import APPLICATION_RULES
from vonage_tui.models.limits import FieldRule
from vonage_tui.operations.create import base_url_problem
from vonage_tui.tui.editing.values import UNSET, parse_text

TYPED_RULES = sorted(
    ((path, rule) for path, rule in APPLICATION_RULES.items()
     if rule.kind in ("string", "integer", "url")),
    key=lambda item: str(item[0]),
)
INTEGER_RULES = [rule for _, rule in TYPED_RULES if rule.kind == "integer"]
URL_RULES = [rule for _, rule in TYPED_RULES if rule.kind == "url"]

# Text as people and pastes produce it: any unicode, control characters, very long runs.
CONTROL = st.sampled_from([chr(code) for code in [*range(0, 32), 127, *range(0x80, 0xA0)]])
ODD = st.sampled_from(["\u202e", "\u200b", "\ufeff", "\u2028", "\u00a0", "ﷺ", "𒐫", "ǅ", "٣"])
TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.one_of(st.characters(), CONTROL, ODD)),
    st.text(min_size=500, max_size=5000),
    st.integers().map(str),
    st.text(alphabet="0123456789", min_size=17, max_size=6000),
    st.text(alphabet="0123456789", min_size=17, max_size=6000).map(lambda digits: "-" + digits),
)


def is_control(char: str) -> bool:
    """What no typed text may carry (a PEM key keeps its line breaks)."""
    return char not in "\t\n\r" and unicodedata.category(char) in ("Cc", "Zl", "Zp")


def is_invisible(char: str) -> bool:
    """What no URL may carry: any control, format or space character."""
    return unicodedata.category(char)[0] in "CZ"


@given(rule=st.sampled_from([rule for _, rule in TYPED_RULES]), text=TEXT)
@settings(max_examples=400, deadline=None)
@example(rule=INTEGER_RULES[0], text="9" * 5000)  # int() refuses more than 4300 digits
@example(rule=URL_RULES[0], text="https://example.com/\x1b[2J")
@example(rule=URL_RULES[0], text="https://example.com/a\tb")
@example(rule=URL_RULES[0], text="https://example.com:99999/")
def test_parse_text_answers_a_value_the_rule_accepts_or_a_reason(rule: FieldRule,
                                                                  text: str) -> None:
    value, reason = parse_text(rule, text)
    if reason is not None:
        assert value is None
        assert isinstance(reason, str) and reason.strip() and len(reason) < 200
        return
    if value is UNSET:
        assert not rule.required and not text.strip()
        return
    assert rule.check(value) is None
    if rule.kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool)
        assert rule.minimum is None or value >= rule.minimum
        assert rule.maximum is None or value <= rule.maximum
    else:
        assert value == text  # sent as typed, never silently changed
        assert not any(is_control(char) for char in value), repr(value)
    if rule.kind == "url":
        assert not any(is_invisible(char) for char in value), repr(value)


@given(rule=st.sampled_from(INTEGER_RULES), number=st.integers())
@settings(max_examples=300, deadline=None)
def test_numbers_in_range_are_taken_and_out_of_range_ones_say_the_range(rule: FieldRule,
                                                                          number: int) -> None:
    value, reason = parse_text(rule, str(number))
    in_range = (rule.minimum is None or number >= rule.minimum) and \
        (rule.maximum is None or number <= rule.maximum)
    if in_range:
        assert (value, reason) == (number, None)
    else:
        assert value is None and str(rule.maximum) in reason


@given(scheme=st.sampled_from(["ftp", "file", "javascript", "ws", "", "http", "https"]),
       rest=st.text(alphabet=st.one_of(st.sampled_from(string.printable), CONTROL, ODD)))
@settings(max_examples=300, deadline=None)
def test_only_clean_http_urls_pass_in_the_editor_and_in_the_create_form(scheme: str,
                                                                       rest: str) -> None:
    text = f"{scheme}://{rest}" if scheme else rest
    value, reason = parse_text(URL_RULES[0], text)
    create_reason = base_url_problem(text)
    if scheme not in ("http", "https"):
        assert reason and create_reason
    if reason is None:
        assert value.startswith(("http://", "https://"))
        assert not any(is_invisible(char) for char in value)
    if create_reason is None:
        assert not any(is_invisible(char) for char in text.strip())


@given(text=TEXT)
@settings(max_examples=200, deadline=None)
def test_the_create_forms_base_url_check_never_raises(text: str) -> None:
    reason = base_url_problem(text)
    assert reason is None or reason.strip()
