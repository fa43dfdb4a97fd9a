"""The schema file editors read, beside the scenarios that name it on their first line.

A scenario whose first line is `MODELINE` tells the YAML language server (VS
Code's YAML extension, Neovim, Helix, Zed...) to check and complete it against
`cold-to-gold.schema.json` in the same folder. `new` writes that file beside
the starter, and `validate` refreshes it beside any file that names it: both
compare the file with the schema this version generates and rewrite it only
when they differ, so a new version of the format reaches the editor the next
time either runs, whatever changed in it.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

SCHEMA_FILE = "cold-to-gold.schema.json"
MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"
_FIRST_LINE_LIMIT = 200  # bytes: the modeline is short, the rest of the file is not needed


def schema_text() -> str:
    """The schema as the file holds it (and `cold-to-gold schema` prints it)."""
    from cold_to_gold.author.schema import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def names_the_schema(scenario_file: Path) -> bool:
    """Whether the file's first line is the modeline pointing at the schema beside it."""
    try:
        # Only a regular file: opening a named pipe would wait for a writer (O_NONBLOCK
        # too, should the path become one after the check).
        if not scenario_file.is_file():
            return False
        fd = os.open(scenario_file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return False
            first = file.read(_FIRST_LINE_LIMIT).split(b"\n", 1)[0]
    except (OSError, ValueError):
        return False
    return first.decode("utf-8", errors="replace").strip() == MODELINE


def write_schema(folder: Path) -> Path | None:
    """Write the schema file into the folder unless it already holds this schema.

    Returns the file's path when it was written, None when it was up to date.
    Raises `OSError` when it cannot be written.
    """
    target = folder / SCHEMA_FILE
    text = schema_text()
    try:
        if target.read_text(encoding="utf-8") == text:
            return None
    except (OSError, UnicodeDecodeError):
        pass  # missing or unreadable: write it
    target.write_text(text, encoding="utf-8")
    return target
