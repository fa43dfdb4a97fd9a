"""The layers stay apart: the format and the engine never import Textual, every layer imports
only the layers below it, no module imports itself round a circle, and the package's top
holds only its face. The order is written in `cold_to_gold/__init__.py`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import cold_to_gold

PACKAGE = Path(cold_to_gold.__file__).parent
# Bottom first; layers in one tuple are side by side and do not import each other.
LAYERS = (
    ("base",),
    ("scenario",),
    ("engine",),
    ("library",),
    ("author", "store"),
    ("classroom",),
    ("guide", "tui"),
    ("cli",),
)
FACE = ("__init__.py", "__main__.py")


@pytest.mark.parametrize(
    "module",
    ["cold_to_gold.scenario", "cold_to_gold.engine", "cold_to_gold.library.listing"],
)
def test_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_headless_play_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from cold_to_gold.cli import main\n"
        "main(['play', 'first-steps', '--choose', 'email,short-note,listen,ask', '--json'])\n"
        "print('textual' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "False"


# --- the import graph, read from the source ------------------------------------------


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package under `root`, by dotted name (a package by its own)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(root: Path) -> dict[str, set[str]]:
    """Which of the package's modules each module imports.

    Every `import` and `from ... import` counts, wherever it stands (in a function, under
    TYPE_CHECKING), and so does a string that names a module exactly (`import_module`).
    """
    known = modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    above = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*above, *([base] if base else [])])
                for alias in node.names:
                    whole = f"{base}.{alias.name}"
                    targets.add(whole if whole in known else base)
            elif isinstance(node, ast.Constant) and node.value in known:
                targets.add(node.value)
        graph[name] = {_known(target, known) for target in targets} - {name, ""}
    return graph


def _known(target: str, known: dict[str, Path]) -> str:
    """The package's module a dotted name falls in ("" for anything outside it)."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another round a circle (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph.get(module, ())):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in graph.get(module, ()):
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def rank(module: str, layers: tuple[tuple[str, ...], ...] = LAYERS) -> int:
    """How high a module's layer stands: the package's face at the bottom (it holds the
    version and imports nothing), `__main__` above the command line."""
    parts = module.split(".")
    if len(parts) == 1:
        return 0
    if parts[1] == "__main__":
        return len(layers)
    for height, row in enumerate(layers):
        if parts[1] in row:
            return height
    raise AssertionError(f"{module}: its folder is in no layer of LAYERS")


def upward(graph: dict[str, set[str]], layers: tuple[tuple[str, ...], ...] = LAYERS) -> list[str]:
    """Each import of a module in a layer that is not below the importer's own."""
    wrong = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            if module.split(".")[:2] == target.split(".")[:2]:
                continue  # within one layer
            if rank(target, layers) >= rank(module, layers):
                wrong.append(f"{module} imports {target}")
    return wrong


def test_no_module_imports_itself_round_a_circle() -> None:
    assert circles(imports(PACKAGE)) == []


def test_every_layer_imports_only_the_layers_below_it() -> None:
    assert upward(imports(PACKAGE)) == []


def test_every_folder_of_the_package_is_a_layer() -> None:
    folders = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert folders == {name for row in LAYERS for name in row}


def test_the_package_top_holds_only_its_face() -> None:
    loose = [
        path.name
        for path in PACKAGE.iterdir()
        if path.is_file() and path.name not in FACE and path.suffix != ".pyc"
    ]
    assert loose == []


def test_every_folder_says_what_lives_there() -> None:
    for init in sorted(PACKAGE.rglob("__init__.py")):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, f"{init}: no opening docstring"


# --- the checks themselves find what they look for -----------------------------------


def write_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "house"
    for name, text in {"__init__.py": "", **files}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


def test_a_circle_is_found_even_through_a_late_import_or_a_type_hint(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/a.py": "def f():\n    from house.low import b\n",
            "low/b.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from house.low.a import f\n",
            "low/c.py": "from . import a\n",
        },
    )
    graph = imports(package)
    assert graph["house.low.c"] == {"house.low.a"}
    assert circles(graph) == [["house.low.a", "house.low.b"]]


def test_an_upward_or_sideways_import_is_found(tmp_path: Path) -> None:
    layers = (("low",), ("left", "right"), ("top",))
    package = write_package(
        tmp_path,
        {
            "low/__init__.py": "import importlib\nimportlib.import_module('house.top.x')\n",
            "left/__init__.py": "from house.right import y\n",
            "right/__init__.py": "",
            "right/y.py": "from house.low import z\n",
            "low/z.py": "",
            "top/__init__.py": "",
            "top/x.py": "from house.left import *\n",
        },
    )
    assert upward(imports(package), layers) == [
        "house.left imports house.right.y",
        "house.low imports house.top.x",
    ]


def test_the_solo_app_does_not_import_the_classroom_screens() -> None:
    graph = imports(PACKAGE)
    solo = [name for name in graph if name.startswith("cold_to_gold.tui")]
    solo = [name for name in solo if not name.startswith("cold_to_gold.tui.classroom")]
    assert [
        f"{name} imports {target}"
        for name in solo
        for target in graph[name]
        if target.startswith("cold_to_gold.tui.classroom")
    ] == []
