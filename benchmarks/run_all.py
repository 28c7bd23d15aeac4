"""Run every benchmark in ``benchmarks/`` and print one table of their results.

Each script runs alone in its own subprocess, one after another (they measure ratios side by
side and the machine is shared: two at once would measure each other), with a timeout. A script
ends its output with ``RESULT <json>`` (see ``_support.result_line``); its rows go into the
table. A script that prints no such line is listed as giving no ratio row, with its exit code.

    python benchmarks/run_all.py [--only NAME ...] [--timeout 600] [--write-readme]

``--write-readme`` replaces the block between ``<!-- benchmarks:start -->`` and
``<!-- benchmarks:end -->`` in README.md with the table, the machine and this command.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = ROOT / "README.md"
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
NOT_BENCHMARKS = {"_support.py", "run_all.py"}
"""Shared helpers and this runner; ``bare_*.py`` (a bare Textual app a start-up benchmark
compares against) and any ``_*.py`` are helpers too."""
RESULT_PREFIX = "RESULT "


@dataclass
class ScriptOutcome:
    name: str
    rows: list[dict[str, object]] = field(default_factory=list)
    seconds: float = 0.0
    problem: str | None = None
    """Why there are no rows: a timeout, a crash, no RESULT line."""


def discover(directory: Path = HERE) -> list[Path]:
    """The benchmark scripts: every ``*.py`` here but the runner and helpers, by name."""
    return sorted(path for path in directory.glob("*.py")
                  if path.name not in NOT_BENCHMARKS and not path.name.startswith(("_", "bare_")))


def parse_result(output: str) -> list[dict[str, object]] | None:
    """The rows of the last ``RESULT <json>`` line in ``output``; None without one.

    Only a JSON list counts: the older ``RESULT: ok`` style of line is not a result row."""
    for line in reversed(output.splitlines()):
        if line.startswith(RESULT_PREFIX):
            try:
                rows = json.loads(line[len(RESULT_PREFIX):])
            except json.JSONDecodeError:
                return None
            if isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
                return rows
            return None
    return None


def run_script(path: Path, timeout: float, echo: bool) -> ScriptOutcome:
    outcome = ScriptOutcome(path.stem)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, str(path)], cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        outcome.seconds = time.monotonic() - started
        outcome.problem = f"timed out after {timeout:.0f} s"
        output = expired.stdout or ""
        if echo:
            print(output if isinstance(output, str) else output.decode(errors="replace"))
        return outcome
    outcome.seconds = time.monotonic() - started
    if echo:
        print(done.stdout)
    rows = parse_result(done.stdout)
    if rows is None:
        outcome.problem = (f"no RESULT line (exit {done.returncode})" if done.returncode == 0
                           else f"failed (exit {done.returncode}); last line: "
                                f"{_last_line(done.stdout)}")
    else:
        outcome.rows = rows
    return outcome


def _last_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1][:120] if lines else "(no output)"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def format_ratio(ratio: object) -> str:
    if isinstance(ratio, (int, float)) and not isinstance(ratio, bool):
        return f"{ratio:.2f}×" if abs(ratio) < 100 else f"{ratio:.0f}×"
    return "–"


def table(outcomes: list[ScriptOutcome]) -> str:
    """The Markdown table: a line per row of every script; a script without rows says why."""
    lines = ["| what | measured | ratio | target | met |", "|---|---|---|---|---|"]
    for outcome in outcomes:
        for row in outcome.rows:
            met = row.get("ok")
            lines.append("| " + " | ".join([
                _cell(row.get("what", outcome.name)), _cell(row.get("measured", "")),
                format_ratio(row.get("ratio")), _cell(row.get("target", "")),
                "yes" if met is True else "**no**" if met is False else "–",
            ]) + " |")
        if not outcome.rows:
            lines.append(f"| `{outcome.name}.py`: no ratio row | {_cell(outcome.problem)} "
                         f"| – | – | – |")
    return "\n".join(lines)


def machine() -> str:
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"nproc {usable}, Python {platform.python_version()} "
            f"({platform.system()} {platform.machine()}), {when}")


def command_line(only: list[str] | None) -> str:
    return "python benchmarks/run_all.py" + (" --only " + " ".join(only) if only else "")


def readme_block(report: str, only: list[str] | None) -> str:
    return (f"{START}\n{report}\n\nMeasured on {machine()}; reproduce with "
            f"`{command_line(only)}`.\n{END}")


def replace_block(text: str, block: str) -> str:
    """``text`` with its marked block replaced by ``block``; an error if the markers are not
    there once each, in order (the README is not guessed at)."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if len(pattern.findall(text)) != 1:
        raise SystemExit(f"README.md needs exactly one {START} … {END} block")
    return pattern.sub(lambda _: block, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        help="run only these scripts (file name, with or without .py)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per script")
    parser.add_argument("--quiet", action="store_true", help="don't echo each script's report")
    parser.add_argument("--write-readme", action="store_true",
                        help="put the table into README.md's benchmarks block")
    options = parser.parse_args(argv)
    scripts = discover()
    if options.only:
        wanted = {name.removesuffix(".py") for name in options.only}
        unknown = wanted - {path.stem for path in scripts}
        if unknown:
            parser.error(f"no benchmark named {', '.join(sorted(unknown))}; "
                         f"there are {', '.join(path.stem for path in scripts)}")
        scripts = [path for path in scripts if path.stem in wanted]
    outcomes = []
    for path in scripts:
        print(f"## {path.name}", flush=True)
        outcome = run_script(path, options.timeout, echo=not options.quiet)
        print(f"({path.name}: {outcome.seconds:.0f} s"
              f"{'; ' + outcome.problem if outcome.problem else ''})\n", flush=True)
        outcomes.append(outcome)
    report = table(outcomes)
    print(report)
    print(f"\n{machine()}")
    if options.write_readme:
        README.write_text(replace_block(README.read_text(), readme_block(report, options.only)))
        print("README.md updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
