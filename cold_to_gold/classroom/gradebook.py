"""The gradebook: a CSV with a row per trainee, for a session or for one person's own runs."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cold_to_gold.classroom.results import SessionResults
from cold_to_gold.engine import transcript
from cold_to_gold.scenario.spec import CHANNELS

FIXED = ["name", "grade", "percent", "outcome", "minutes"]
CHANNEL_COLUMNS = [f"{channel}_minutes" for channel in CHANNELS]


@dataclass(frozen=True)
class Row:
    """A trainee's name and the transcript of their run (finished or not)."""

    name: str
    transcript: dict[str, Any]


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ would be read as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _decisions(data: dict[str, Any]) -> dict[str, str]:
    """The choice made in each scene: `decision:SCENE`, and `decision:SCENE#2` for the
    second visit to a scene, so a column is one question whatever path led there."""
    made: dict[str, str] = {}
    for step in data["steps"]:
        column = f"decision:{step['scene']}"
        visit = 1
        while column + (f"#{visit}" if visit > 1 else "") in made:
            visit += 1
        made[column + (f"#{visit}" if visit > 1 else "")] = step["choice"]
    return made


def _cells(row: Row, columns: list[str]) -> list[str | int]:
    data = row.transcript
    finished = data["ending"] is not None
    made = _decisions(data)
    path = [made.get(column, "") for column in columns]
    return [
        safe_cell(row.name),
        data["grade"] if finished else "",
        data["percent"] if finished else "",
        data["outcome"] if finished else "unfinished",
        data["minutes_spent"],
        *(data["channel_mix"][channel]["minutes"] for channel in CHANNELS),
        *path,
    ]


def gradebook(rows: Iterable[Row]) -> str:
    """The CSV text: `name, grade, percent, outcome, minutes`, minutes per channel, then
    the choice made in each scene (columns in the order scenes were first reached)."""
    rows = list(rows)
    columns: dict[str, None] = {}
    for row in rows:
        columns |= dict.fromkeys(_decisions(row.transcript))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIXED + CHANNEL_COLUMNS + list(columns))
    for row in rows:
        writer.writerow(_cells(row, list(columns)))
    return out.getvalue()


def session_gradebook(results: SessionResults) -> str:
    """One row per trainee of the session (removed trainees are left out), in seat order."""
    rows = [Row(a.name, transcript(a.run)) for a in results.attempts if not a.removed]
    return gradebook(rows)
