"""Finding the real outside tools the opt-in tests use, and saying how to get one that is missing.

apt-get install graphviz                                   # -m graphviz
npm install --prefix tests/external --package-lock=false   # -m mermaid, -m language_server
python3 -m venv .venv-ralph && .venv-ralph/bin/pip install -r tests/external/ralph-requirements.txt
                                                           # -m ralph
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
MODULES = HERE / "node_modules"
NPM_INSTALL = "npm install --prefix tests/external --package-lock=false"
RALPH_INSTALL = (
    "python3 -m venv .venv-ralph && "
    ".venv-ralph/bin/pip install -r tests/external/ralph-requirements.txt"
)


def need_dot() -> str:
    found = shutil.which("dot")
    if found is None:
        pytest.fail("these tests need Graphviz's `dot`: apt-get install graphviz", pytrace=False)
    return found


def need_node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("these tests need Node.js: apt-get install nodejs npm", pytrace=False)
    return found


def need_node_module(name: str) -> Path:
    need_node()
    path = MODULES / name
    if not (path / "package.json").exists():
        pytest.fail(f"these tests need the npm package {name}: {NPM_INSTALL}", pytrace=False)
    return path


def yaml_language_server() -> list[str]:
    """The command that starts the YAML language server on stdio ($YAML_LANGUAGE_SERVER first)."""
    given = os.environ.get("YAML_LANGUAGE_SERVER")
    if given:
        return [given, "--stdio"]
    package = need_node_module("yaml-language-server")
    return [need_node(), str(package / "bin" / "yaml-language-server"), "--stdio"]


def need_ralph() -> Path:
    """The Python of Ralph's own virtual environment ($COLD_TO_GOLD_RALPH_PYTHON first)."""
    given = os.environ.get("COLD_TO_GOLD_RALPH_PYTHON")
    python = Path(given) if given else HERE.parent.parent / ".venv-ralph" / "bin" / "python"
    if not python.exists():
        pytest.fail(
            f"these tests need Ralph in its own virtual environment at {python}: "
            f"{RALPH_INSTALL} (or set COLD_TO_GOLD_RALPH_PYTHON)",
            pytrace=False,
        )
    return python
