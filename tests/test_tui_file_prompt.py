"""The file prompt says what is wrong with a path instead of crashing on it."""

from __future__ import annotations

import pytest

from vonage_tui.tui.screens.file_prompt import FilePromptModal


@pytest.mark.parametrize("must_exist", [True, False])
def test_unusable_paths_get_a_message(tmp_path, must_exist):
    prompt = FilePromptModal("Export", "Where?", must_exist=must_exist)
    too_long = str(tmp_path / ("x" * 300) / "app.json")
    assert "can't be used" in prompt.problem(too_long)
    assert "can't be used" in prompt.problem("bad\0name.json")


def test_ordinary_paths(tmp_path):
    existing = tmp_path / "app.json"
    existing.write_text("{}")
    assert FilePromptModal("Apply", "Which?", must_exist=True).problem(str(existing)) is None
    assert "does not exist" in FilePromptModal("Apply", "Which?", must_exist=True).problem(
        str(tmp_path / "missing.json"))
    assert FilePromptModal("Export", "Where?").problem(str(tmp_path / "new.json")) is None
    assert "is a folder" in FilePromptModal("Export", "Where?").problem(str(tmp_path))
