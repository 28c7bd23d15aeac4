"""The usual start (no arguments) skips argparse; its options must be exactly the parser's."""

from __future__ import annotations

import pytest

from vonage_tui.cli import TIMEOUT_ENV, build_parser, parse_options


def test_no_arguments_give_what_the_parser_gives(monkeypatch):
    monkeypatch.delenv(TIMEOUT_ENV, raising=False)
    assert vars(parse_options([])) == vars(build_parser().parse_args([]))


def test_arguments_and_a_timeout_in_the_environment_go_through_the_parser(monkeypatch):
    monkeypatch.delenv(TIMEOUT_ENV, raising=False)
    assert parse_options(["--demo", "--readonly"]).demo is True
    monkeypatch.setenv(TIMEOUT_ENV, "7")
    assert parse_options([]).timeout == 7.0
    monkeypatch.setenv(TIMEOUT_ENV, "soon")
    with pytest.raises(SystemExit) as exit_:
        parse_options([])
    assert exit_.value.code == 2  # the parser's message about the bad value, not a crash
