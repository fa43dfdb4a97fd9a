"""The layers stay apart: the format and the engine never import Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    ["cold_to_gold.scenario", "cold_to_gold.engine", "cold_to_gold.scenario.library"],
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
