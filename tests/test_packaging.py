"""What a package index shows: the licence, the classifiers, a README that needs no links."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_licence_file_is_the_mit_licence_the_metadata_names() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    assert text.startswith("MIT License\n") and "the Cold to Gold authors" in text
    assert "WITHOUT WARRANTY OF ANY KIND" in text


def test_the_python_running_the_tests_is_a_classified_version() -> None:
    running = f"Programming Language :: Python :: {sys.version_info[0]}.{sys.version_info[1]}"
    assert running in PROJECT["classifiers"]


def test_the_readme_links_only_to_full_addresses() -> None:
    """On a package index page a relative link leads nowhere: files are named, not linked."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    assert targets and all(target.startswith("https://") for target in targets), targets
