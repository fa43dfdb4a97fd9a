"""Where Cold to Gold keeps its files: one place, overridable for tests and classrooms."""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "COLD_TO_GOLD_HOME"
_PACKAGE = Path(__file__).resolve().parent.parent  # cold_to_gold/
# The stylesheet of every printed page: the guide, the scenarios' scripts, the class report.
PRINT_STYLE = Path(__file__).with_name("print.css")


def data_dir() -> Path:
    """`$COLD_TO_GOLD_HOME` when set, else the platform's user data folder."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser()
    import platformdirs  # imported late: only needed when no override is set

    return Path(platformdirs.user_data_dir("cold-to-gold", appauthor=False))


def user_scenarios_dir() -> Path:
    """The trainee's or facilitator's own scenarios, listed beside the bundled ones."""
    return data_dir() / "scenarios"


def database_path() -> Path:
    return data_dir() / "progress.sqlite3"


def bundled_dir(name: str) -> Path:
    """A folder shipped with the package (`scenarios`, `facilitator_guide`).

    Installed wheels carry it inside the package; a source checkout has it at the top.
    """
    inside = _PACKAGE / "bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name
