"""benchmarks/run_all.py: reading the RESULT lines of benchmark scripts and the table it prints
(behaviour only; nothing here is timed)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parent.parent / "benchmarks" / "run_all.py"


@pytest.fixture(scope="module")
def run_all():
    spec = importlib.util.spec_from_file_location("bench_run_all", RUNNER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


ROW = {"what": "echo | worst", "measured": "0.041 s vs 0.030 s", "ratio": 1.37,
       "target": "<= 1.5x", "ok": True}


def test_the_last_result_line_gives_the_rows(run_all):
    output = "\n".join(["a report", "RESULT " + json.dumps([{"what": "old"}]),
                        "more report", "RESULT " + json.dumps([ROW])])
    assert run_all.parse_result(output) == [ROW]


@pytest.mark.parametrize("output", ["no result here", "RESULT: ok (no lost update)",
                                    "RESULT {not json", 'RESULT {"what": "a dict, not a list"}'])
def test_output_without_a_result_list_gives_none(run_all, output):
    assert run_all.parse_result(output) is None


def test_the_table_has_a_line_per_row_and_says_why_a_script_has_none(run_all):
    failed = {"what": "keys lost", "measured": "2 of 4", "ratio": None, "target": "0",
              "ok": False}
    outcomes = [run_all.ScriptOutcome("echo", rows=[ROW, failed]),
                run_all.ScriptOutcome("fault_soak", problem="no RESULT line (exit 0)")]
    lines = run_all.table(outcomes).splitlines()
    assert lines[0] == "| what | measured | ratio | target | met |"
    assert lines[2] == r"| echo \| worst | 0.041 s vs 0.030 s | 1.37× | <= 1.5x | yes |"
    assert lines[3] == "| keys lost | 2 of 4 | – | 0 | **no** |"
    assert lines[4].startswith("| `fault_soak.py`: no ratio row | no RESULT line (exit 0) |")
    assert len(lines) == 5


def test_the_readme_block_is_replaced_and_the_rest_kept(run_all):
    text = f"# Title\n\nintro\n\n{run_all.START}\nold table\n{run_all.END}\n\n## After\n"
    block = run_all.readme_block("| new |", None)
    replaced = run_all.replace_block(text, block)
    assert replaced.startswith("# Title\n\nintro\n\n" + run_all.START + "\n| new |")
    assert "old table" not in replaced
    assert replaced.endswith(run_all.END + "\n\n## After\n")
    assert "`python benchmarks/run_all.py`" in replaced


def test_a_readme_without_the_markers_is_left_alone(run_all):
    with pytest.raises(SystemExit):
        run_all.replace_block("# no markers\n", "block")


def test_discovery_skips_the_runner_and_helpers(run_all, tmp_path):
    for name in ("_support.py", "run_all.py", "bare_textual.py", "echo.py", "lag.py",
                 "notes.txt"):
        (tmp_path / name).write_text("")
    assert [path.name for path in run_all.discover(tmp_path)] == ["echo.py", "lag.py"]


def test_the_readme_has_one_block_for_the_table(run_all):
    replaced = run_all.replace_block(run_all.README.read_text(), run_all.readme_block("| t |", None))
    assert "| t |" in replaced
