"""Layer rule: the non-UI layers never load Textual, so they work as a library and start fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "vonage_tui"

# Every module of each package is imported, not only what its __init__ pulls in: a submodule
# that imports textual lazily would still break the rule.
CHECK = """
import importlib, pkgutil, sys
package = importlib.import_module({name!r})
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
"""


@pytest.mark.parametrize(
    "name",
    ["vonage_tui.models", "vonage_tui.api", "vonage_tui.emulator", "vonage_tui.credentials",
     "vonage_tui.operations"],
)
def test_layer_loads_no_textual(name):
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(name=name)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PACKAGE.parent,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"{name} loads {result.stdout.strip()}"
