"""The packages that load their modules on first use (``credentials``, ``api``, ``models``)
still export every name they list, from the module their type-checking imports name."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAZY = ("vonage_tui.credentials", "vonage_tui.api", "vonage_tui.models")


def type_checking_imports(package: str) -> dict[str, str]:
    """Name → submodule, from the ``if TYPE_CHECKING:`` block of the package's __init__."""
    path = ROOT / package.replace(".", "/") / "__init__.py"
    found: dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom) and statement.level == 1
                found.update({alias.name: str(statement.module) for alias in statement.names})
    return found


@pytest.mark.parametrize("package", LAZY)
def test_every_listed_name_resolves_to_the_module_the_type_checker_is_told(package):
    module = importlib.import_module(package)
    declared = type_checking_imports(package)
    assert sorted(module.__all__) == sorted(declared)
    for name, submodule in declared.items():
        value = getattr(module, name)
        assert value is getattr(importlib.import_module(f"{package}.{submodule}"), name)
        assert name in dir(module)
    with pytest.raises(AttributeError):
        getattr(module, "NoSuchName")


@pytest.mark.parametrize("package", LAZY)
def test_importing_the_package_loads_none_of_its_modules(package):
    code = (f"import sys, {package}; "
            f"print(sorted(m for m in sys.modules if m.startswith('{package}.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.stdout.strip() == "[]"
