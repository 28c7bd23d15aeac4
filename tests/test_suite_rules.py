"""The test suite's own rules: helpers live in support modules, never in test modules, and every
snapshot SVG on disk is produced by a test (pytest-textual-snapshot leaves orphans behind when a
test or its parameter id is renamed)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SNAPSHOTS = TESTS / "__snapshots__"


def test_no_test_module_imports_another():
    offenders = []
    for path in sorted(TESTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [])
            if any(name.rsplit(".", 1)[-1].startswith("test_") for name in names):
                offenders.append(f"{path.name}:{node.lineno} imports {', '.join(names)}")
    assert offenders == [], "move the helper into a support module:\n" + "\n".join(offenders)


def test_every_snapshot_svg_belongs_to_a_test():
    # The SVG of test `name` in tests/<module>.py is __snapshots__/<module>/<name>.svg, where
    # name carries the parameter ids: ask pytest for the ids rather than rebuild them.
    modules = sorted(folder.name for folder in SNAPSHOTS.iterdir() if folder.is_dir())
    existing = [f"tests/{module}.py" for module in modules if (TESTS / f"{module}.py").exists()]
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         *existing],
        capture_output=True, text=True, cwd=TESTS.parent, timeout=120,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    tests = {(Path(line.split("::")[0]).stem, line.split("::")[-1])
             for line in collected.stdout.splitlines() if "::" in line}
    orphans = sorted(str(svg.relative_to(TESTS)) for svg in SNAPSHOTS.glob("*/*.svg")
                     if (svg.parent.name, svg.stem) not in tests)
    assert orphans == [], "no test makes these snapshots; delete them:\n" + "\n".join(orphans)
