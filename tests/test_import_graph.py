"""Import hygiene, read from the source (no import runs): no module of vonage_tui imports in a
loop, and each layer imports only the layers below it (DESIGN.md, "Layers").

Every import counts, including those inside functions and under ``TYPE_CHECKING``: a loop of
type-only imports is still two modules that each need the other to be understood.
"""

from __future__ import annotations

import ast
from pathlib import Path

import vonage_tui

PACKAGE = Path(vonage_tui.__file__).parent

ALLOWED = {
    # layer: the other top-level parts of vonage_tui it may import
    "models": {"lazy_exports"},
    "keys": set(),
    "safe_text": set(),
    "secret": set(),
    "lazy_exports": set(),
    "api": {"", "models", "keys", "secret", "lazy_exports"},
    "credentials": {"api", "models", "keys", "secret", "lazy_exports"},
    "operations": {"api", "credentials", "models", "keys", "secret"},
    "emulator": {"models", "keys"},
}
"""``""`` is the package's own ``__init__`` (its version). ``tui``, ``cli`` and ``__main__``
are the top: they may import any layer, and nothing below imports them."""

TUI_FORBIDDEN = {
    # inside tui: a part may not import these (they sit above it)
    "editing": {"app", "startup", "screens", "widgets", "flows", "services"},
    "widgets": {"app", "startup", "screens", "flows", "services"},
    "flows": {"app", "startup"},
    "screens": {"app"},
    "services": {"app", "startup", "screens", "widgets", "flows"},
}


def module_name(path: Path) -> str:
    parts = ["vonage_tui", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The vonage_tui modules ``name`` imports, anywhere in its file."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")[: None if is_package else -1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            submodules = [f"{target}.{alias.name}" for alias in node.names
                          if f"{target}.{alias.name}" in modules]
            targets = submodules
            if len(submodules) < len(node.names):
                targets.append(target)  # names from the module itself
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imported(name, path, modules) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import loop, as the modules around it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for dependency in sorted(graph[module]):
            if state.get(dependency) == 1:
                return path[path.index(dependency):] + [dependency]
            if dependency not in state and (cycle := visit(dependency)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def part(module: str, depth: int) -> str:
    parts = module.split(".")
    return parts[depth] if len(parts) > depth else ""


def test_no_module_imports_in_a_loop() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import loop: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_loop() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_each_layer_imports_only_the_layers_below_it() -> None:
    wrong = []
    for module, dependencies in import_graph().items():
        layer = part(module, 1)
        if layer not in ALLOWED:
            continue
        for dependency in dependencies:
            other = part(dependency, 1)
            if other != layer and other not in ALLOWED[layer]:
                wrong.append(f"{module} imports {dependency}")
    assert not wrong, "\n".join(sorted(wrong))


def test_inside_the_tui_nothing_imports_upward() -> None:
    wrong = []
    for module, dependencies in import_graph().items():
        if part(module, 1) != "tui":
            continue
        forbidden = TUI_FORBIDDEN.get(part(module, 2), set())
        for dependency in dependencies:
            if part(dependency, 1) == "tui" and part(dependency, 2) in forbidden:
                wrong.append(f"{module} imports {dependency}")
            # Only the entry point builds the app; everything else is handed what it uses.
            if dependency == "vonage_tui.tui.app" and module != "vonage_tui.tui.startup.launch":
                wrong.append(f"{module} imports {dependency}")
    assert not wrong, "\n".join(sorted(wrong))
